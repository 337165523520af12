"""The Alembic chain builds exactly the models' schema, and goes down and up again."""

import uuid
import warnings
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from forum import create_app
from forum.checkin.models import Checkpoint
from forum.extensions import db
from forum.programme.models import Room
from tests import factories
from tests.conftest import TEST_DATABASE_URL


@pytest.fixture
def empty_database_url(tmp_path) -> Iterator[str]:
    """A brand-new empty database of the kind under test."""
    if not (TEST_DATABASE_URL and TEST_DATABASE_URL.startswith("postgres")):
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    name = f"forum_mig_{uuid.uuid4().hex[:10]}"
    admin_url = sa.make_url(TEST_DATABASE_URL).set(
        drivername="postgresql+psycopg", database="postgres"
    )
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def schema_differences() -> list:
    with warnings.catch_warnings():
        # SQLite cannot reflect expression indexes (the lower(name) ones), so Alembic
        # cannot compare them there: refuses_names_differing_in_case() checks them.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(context, db.metadata)


def refuses_names_differing_in_case(model) -> bool:
    """Does the migrated database refuse a second room (checkpoint) whose name differs
    from the first only in case?"""
    event = factories.create_event()
    db.session.add(model(event_id=event.id, name="Room Kyiv", **EXTRA.get(model, {})))
    db.session.flush()
    db.session.add(model(event_id=event.id, name="ROOM kyiv", **EXTRA.get(model, {})))
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        return True
    finally:
        db.session.rollback()
    return False


EXTRA = {Room: {"capacity": 10}}


def test_migrations_match_models_and_go_down_and_up(empty_database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    app = create_app({"DATABASE_URL": empty_database_url, "SECRET_KEY": "x" * 40})
    with app.app_context():
        upgrade()
        assert schema_differences() == []
        assert refuses_names_differing_in_case(Room)
        assert refuses_names_differing_in_case(Checkpoint)

        downgrade(revision="base")
        remaining = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()

        upgrade()
        assert schema_differences() == []
        db.engine.dispose()
