"""Fixtures: one app per test run, on SQLite or on PostgreSQL (FORUM_TEST_DATABASE_URL).

Tables are created once; after each test every row is deleted, so tests that
use threads or several connections see committed data like a real server does.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, g
from flask.testing import FlaskClient

from forum import create_app, tasks
from forum.db import SQLITE_BEGIN
from forum.extensions import db, limiter
from forum.mail import queued_in_this_transaction
from forum.security.limits import reset_process_limits
from tests import factories

TEST_DATABASE_URL = os.environ.get("FORUM_TEST_DATABASE_URL")
ON_POSTGRES = bool(TEST_DATABASE_URL and TEST_DATABASE_URL.startswith("postgres"))


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("FORUM_TEST_REQUIRE_POSTGRES") and not ON_POSTGRES:
        raise pytest.UsageError(
            "FORUM_TEST_REQUIRE_POSTGRES is set but FORUM_TEST_DATABASE_URL is not a "
            "PostgreSQL URL: the PostgreSQL half would silently run on SQLite."
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="needs PostgreSQL (FORUM_TEST_DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and not ON_POSTGRES:
            item.add_marker(skip)


def make_test_config(tmp_path: Path, database_url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "DATABASE_URL": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": None,
        "MAIL_OUTBOX": str(tmp_path / "outbox"),
        # Tasks (mail delivery) run at once in the thread that queues them, i.e. when the
        # transaction that queued a mail commits: a test reads the mail as soon as the
        # request has answered. The `worker` fixture (tests/tasks/conftest.py) runs the
        # real worker process instead.
        "TASKS_IMMEDIATE": True,
        # Room for the concurrency tests' threads (each holds a connection).
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 50}
        if database_url.startswith("postgres")
        else {},
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if TEST_DATABASE_URL:
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'forum-test.sqlite'}"


class FreshRequestClient(FlaskClient):
    """A test client whose every request starts with an empty `g`.

    The test keeps an app context open (so it can use db.session directly), and
    Flask reuses that context for requests; without this, `g` (the signed-in
    user, the current event) would leak from one request into the next.
    """

    def open(self, *args, **kwargs):
        for key in list(g):
            g.pop(key)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def _app(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Flask]:
    instance = tmp_path_factory.mktemp("instance")
    os.environ["FORUM_INSTANCE_PATH"] = str(instance)
    app = create_app(make_test_config(instance, database_url))
    app.test_client_class = FreshRequestClient
    with app.app_context():
        assert_talking_to(database_url)
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def assert_talking_to(database_url: str) -> None:
    """Fail the run unless the server behind the engine is the one the URL names."""
    if not database_url.startswith("postgres"):
        assert db.engine.dialect.name == "sqlite"
        return
    version = db.session.scalar(sa.text("SELECT version()"))
    db.session.rollback()
    assert db.engine.dialect.name == "postgresql" and version.startswith("PostgreSQL"), version


def delete_all_rows() -> None:
    db.session.rollback()
    if db.engine.dialect.name == "postgresql":
        tables = ", ".join(t.name for t in db.metadata.sorted_tables)
        db.session.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app(_app: Flask) -> Iterator[Flask]:
    saved = dict(_app.config)
    limiter.reset()
    tasks.init_app(_app)  # the queue as this app configures it, whatever a test built before
    reset_process_limits()
    # The test's own thread watches the database: on SQLite its transactions begin without
    # the write lock, so what it reads (a lazy attribute, a count) never makes a server
    # thread, a background job or a racing thread wait for it. Those threads keep
    # BEGIN IMMEDIATE, as in production.
    deferred = SQLITE_BEGIN.set("BEGIN")
    with _app.app_context():
        yield _app
        db.session.remove()
        delete_all_rows()
        db.session.remove()
    SQLITE_BEGIN.reset(deferred)
    _app.config.clear()
    _app.config.update(saved)


@pytest.fixture
def fresh_app(app: Flask, tmp_path: Path, database_url: str):
    """Build another app on the same database, to add test-only routes before its first request."""

    def build() -> Flask:
        other = create_app(make_test_config(tmp_path, database_url))
        other.test_client_class = FreshRequestClient
        return other

    return build


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def event(app: Flask):
    return factories.create_event()


class Mailbox:
    """The mails delivered during this test: with no MAIL_SERVER, delivery writes each mail
    to a file. A mail is queued in the transaction of the change that causes it and, in
    tests, delivered as soon as that transaction commits (TASKS_IMMEDIATE): when a request
    has answered, or when the test commits. A test that called a service itself and then
    reads the mailbox has its transaction committed first, as the request would have."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def messages(self) -> list:
        from email import policy
        from email.parser import BytesParser

        if queued_in_this_transaction():
            db.session.commit()

        files = sorted(self.path.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
        return [BytesParser(policy=policy.default).parsebytes(p.read_bytes()) for p in files]

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def body(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def link(self, message, contains: str) -> str:
        """The first URL in the mail's text that contains `contains`, as a path."""
        import re
        from urllib.parse import urlsplit

        for url in re.findall(r"https?://\S+", self.body(message)):
            if contains in url:
                parts = urlsplit(url)
                return parts.path + (f"?{parts.query}" if parts.query else "")
        raise AssertionError(f"no link with {contains!r} in {self.body(message)}")


@pytest.fixture
def mailbox(app: Flask) -> Mailbox:
    path = Path(app.config["MAIL_OUTBOX"])
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.eml"):
        old.unlink()
    return Mailbox(path)


class QueuedTasks:
    """Tasks wait in the queue until the test runs them, as they wait for a worker."""

    def run_all(self) -> int:
        """Run every task queued so far (and those they queue), as the worker would."""
        count = 0
        while (queued := tasks.huey.dequeue()) is not None:
            tasks.huey.execute(queued)
            count += 1
        return count

    @property
    def waiting(self) -> int:
        return tasks.huey.pending_count()


@pytest.fixture
def queued_tasks(app: Flask, tmp_path: Path) -> QueuedTasks:
    """Tasks are queued (in a SQLite file of this test) instead of running at once."""
    app.config.update(TASKS_IMMEDIATE=False, TASK_QUEUE_SQLITE=str(tmp_path / "tasks.sqlite"))
    tasks.init_app(app)
    return QueuedTasks()


class AuthActions:
    """Sign in and out through the real form."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def sign_in(self, email: str, password: str = factories.PASSWORD):
        return self.client.post("/sign-in", data={"email": email, "password": password})

    def as_role(self, role):
        user = factories.create_user(role=role)
        db.session.commit()
        response = self.sign_in(user.email)
        assert response.status_code == 302, response.data
        return user

    def sign_out(self):
        return self.client.post("/sign-out")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)
