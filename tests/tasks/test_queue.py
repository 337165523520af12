"""The task queue: where it lives, what a task sees, and who may run the worker."""

from pathlib import Path

from flask import current_app, g
from huey.storage import RedisStorage, SqliteStorage

from forum import create_app, tasks
from forum.extensions import db
from forum.tasks import huey, queue_after_commit, task
from tests.conftest import make_test_config

seen: list[tuple[str, str, bool]] = []


@task()
def remember_where_i_ran(word: str) -> None:
    seen.append((word, current_app.name, "request_id" in g))


def queue_app(tmp_path: Path, **config):
    settings = make_test_config(tmp_path, f"sqlite:///{tmp_path / 'forum.sqlite'}")
    return create_app({**settings, "TASKS_IMMEDIATE": False, **config})


def test_without_redis_the_queue_is_a_sqlite_file_in_the_instance_folder(app, tmp_path):
    queue_app(tmp_path)
    assert isinstance(huey.storage, SqliteStorage)
    assert Path(huey.storage.filename) == Path(huey.app.instance_path) / "tasks.sqlite"


def test_with_redis_the_queue_is_on_redis(app, tmp_path):
    queue_app(tmp_path, REDIS_URL="redis://127.0.0.1:6379/5")
    assert isinstance(huey.storage, RedisStorage)
    assert huey.storage.conn.connection_pool.connection_kwargs["db"] == 5


def test_instances_on_other_databases_have_other_queues_and_a_name_can_be_set(app, tmp_path):
    first = tasks.default_queue_name("postgresql+psycopg://forum:secret@db/forum")
    same = tasks.default_queue_name("postgresql+psycopg://forum:other-secret@db/forum")
    other = tasks.default_queue_name("postgresql+psycopg://forum:secret@db/forum_bench")
    assert first == same != other
    assert "secret" not in first
    queue_app(tmp_path, TASK_QUEUE_NAME="forum-brussels-2024")
    assert huey.name == "forum-brussels-2024"


def test_a_task_runs_in_its_own_app_context(app, client):
    seen.clear()
    with app.test_request_context("/"):
        g.request_id = "from-the-request"
        remember_where_i_ran("hello")  # immediate in tests: runs here and now
    assert seen == [("hello", app.name, False)]  # nothing of the caller's `g`


def test_the_worker_refuses_to_start_when_tasks_run_immediately(app, runner):
    result = runner.invoke(args=["worker"])
    assert result.exit_code != 0
    assert "TASKS_IMMEDIATE" in result.output


def test_a_task_asked_for_in_a_transaction_is_queued_at_its_commit_and_never_after_a_rollback(
    app, event, queued_tasks
):
    queue_after_commit(remember_where_i_ran, "rolled back")
    db.session.rollback()
    assert queued_tasks.waiting == 0

    queue_after_commit(remember_where_i_ran, "committed")
    with db.session.begin_nested():  # a savepoint's release is not the commit
        queue_after_commit(remember_where_i_ran, "in a savepoint")
    assert queued_tasks.waiting == 0
    db.session.commit()
    assert queued_tasks.waiting == 2
    seen.clear()
    queued_tasks.run_all()
    assert sorted(word for word, _app, _request in seen) == ["committed", "in a savepoint"]
