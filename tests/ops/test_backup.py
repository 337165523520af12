"""`flask --app forum backup PATH`, and restoring the copy into an empty database."""

import sqlite3
import subprocess
import uuid

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.ops.backup import BackupError, backup_database, libpq_conninfo
from forum.registration.models import Registration
from tests import factories
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL


def some_registrations(event) -> set[tuple[str, str]]:
    names = [("Олександр", "Камишин"), ("Sébastien", "Lecornu"), ("Władysław", "Kosiniak")]
    for given, family in names:
        factories.create_registration(event, given_name=given, family_name=family)
    db.session.commit()
    return registrations_in(db.engine)


def registrations_in(engine: sa.Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(Registration.email, Registration.family_name)).all()
    return {tuple(row) for row in rows}


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite backup")
def test_sqlite_backup_restores_into_an_empty_database(runner, event, tmp_path):
    expected = some_registrations(event)
    target = tmp_path / "backups" / "forum-2024-05-06.sqlite"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "sqlite" in result.output and target.exists()

    # Restore: copy the backup into a brand-new, empty database file.
    restored = tmp_path / "restored.sqlite"
    with sqlite3.connect(target) as source, sqlite3.connect(restored) as empty:
        source.backup(empty)
    engine = sa.create_engine(f"sqlite:///{restored}")
    assert registrations_in(engine) == expected
    assert len(expected) == 3
    engine.dispose()

    # A second backup to the same name is refused, not overwritten.
    again = runner.invoke(args=["backup", str(target)])
    assert again.exit_code != 0 and "exists already" in again.output


@pytest.mark.postgres
def test_postgresql_backup_restores_into_an_empty_database(runner, event, tmp_path):
    expected = some_registrations(event)
    target = tmp_path / "forum.dump"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "pg_dump" in result.output

    url = sa.make_url(TEST_DATABASE_URL)
    name = f"forum_restore_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    restored_url = url.set(database=name)
    try:
        conninfo, env = libpq_conninfo(restored_url)
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={conninfo}", str(target)],
            check=True,
            env={**__import__("os").environ, **env},
        )
        engine = sa.create_engine(restored_url)
        assert registrations_in(engine) == expected
        engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_the_password_goes_to_pg_dump_in_the_environment_not_the_arguments():
    url = sa.make_url(
        "postgresql+psycopg://forum:s3cret@db.internal:6432/forum?sslmode=require&foo=bar"
    )
    conninfo, env = libpq_conninfo(url)
    assert "s3cret" not in conninfo
    assert env == {"PGPASSWORD": "s3cret"}
    assert "host='db.internal'" in conninfo and "port='6432'" in conninfo
    assert "sslmode='require'" in conninfo and "foo" not in conninfo


def test_unsupported_or_in_memory_databases_are_refused(tmp_path):
    with pytest.raises(BackupError):
        backup_database("sqlite://", tmp_path / "x.sqlite")
    with pytest.raises(BackupError):
        backup_database("mysql://u@h/db", tmp_path / "y.sql")
