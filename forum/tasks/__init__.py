"""The task queue: Huey, on Redis when FORUM_REDIS_URL is set, else on a SQLite file.

Anything slow or retried (mail delivery, and later print runs and mailings) is a
task: a web request records what must happen in the database, the commit
enqueues a task, and `flask --app forum worker` (forum/tasks/worker.py) runs it.

Tasks are declared with `@task()` (or `@periodic_task(...)`) from this module:
each runs inside an app context of the app that configured the queue, with its
own database session, as it would in the worker process. Register a task
module in TASK_MODULES so that the worker knows its tasks.

The queue's name separates instances that share one Redis (two events, or a
bench beside production): by default it is derived from the database URL, so
servers of one instance share a queue and other instances never run its tasks.
"""

import functools
import hashlib
import logging
import time
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from huey import Huey
from huey.storage import BlackHoleStorage, RedisStorage, SqliteStorage
from redis import ConnectionPool
from sqlalchemy import orm as so

from forum.extensions import db

# Modules whose tasks the worker must know (imported when the queue is configured).
TASK_MODULES = (
    "forum.mail.tasks",
    "forum.auth.tasks",
    "forum.vetting.tasks",
    "forum.questions.tasks",
    "forum.matchmaking.tasks",
    "forum.mailings.tasks",
    "forum.badges.tasks",
    "forum.exports.tasks",
    "forum.registration.tasks",
)
log = logging.getLogger(__name__)
# Each queued task carries the time it was queued (or became due), for /healthz.
QUEUED_AT = "_queued_at"
WORKER_SEEN = "worker-seen"


class NotConfiguredStorage(BlackHoleStorage):
    """Before init_app: refuse to lose a task silently."""

    def enqueue(self, data, priority=None):
        raise RuntimeError("The task queue is not configured: create the app first.")


class ForumHuey(Huey):
    """Huey whose storage the app chooses, stamping each task with when it was queued."""

    storage_class = NotConfiguredStorage
    app: Flask | None = None

    def enqueue(self, task):
        task.kwargs[QUEUED_AT] = time.time()
        return super().enqueue(task)


huey = ForumHuey("forum", results=False, utc=True)


def init_app(app: Flask) -> None:
    """Point the queue at Redis (FORUM_REDIS_URL) or the SQLite file, and load the tasks."""
    config = app.config
    huey.name = config.get("TASK_QUEUE_NAME") or default_queue_name(
        config["SQLALCHEMY_DATABASE_URI"]
    )
    if config.get("REDIS_URL"):
        huey.storage_class = RedisStorage
        pool = ConnectionPool.from_url(
            config["REDIS_URL"], socket_connect_timeout=1, socket_timeout=10
        )
        huey.storage_kwargs = {"connection_pool": pool}
    else:
        path = config.get("TASK_QUEUE_SQLITE") or str(Path(app.instance_path) / "tasks.sqlite")
        huey.storage_class = SqliteStorage
        huey.storage_kwargs = {"filename": path, "timeout": 30}
    huey._immediate = bool(config.get("TASKS_IMMEDIATE"))
    huey.storage = huey.create_storage()
    huey.app = app
    for module in TASK_MODULES:
        import_module(module)
    _listen()


def default_queue_name(database_uri: str) -> str:
    """forum-<digest of the database URL, password left out>: one queue per database."""
    shown = sa.make_url(database_uri).render_as_string(hide_password=True)
    return "forum-" + hashlib.sha256(shown.encode()).hexdigest()[:12]


def _in_app_context(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        kwargs.pop(QUEUED_AT, None)
        if huey.app is None:
            raise RuntimeError("The task queue is not configured: create the app first.")
        with huey.app.app_context():
            return func(*args, **kwargs)

    return run


def task(**settings: Any):
    """Declare a task: calling it queues it; `.schedule(args, delay=...)` queues it for later."""

    def decorator(func: Callable[..., Any]):
        return huey.task(**settings)(_in_app_context(func))

    return decorator


def periodic_task(schedule: Callable, **settings: Any):
    """Declare a task the worker runs on a schedule (huey.crontab(...))."""

    def decorator(func: Callable[..., Any]):
        return huey.periodic_task(schedule, **settings)(_in_app_context(func))

    return decorator


# -- tasks queued by a transaction, once it commits ------------------------------------------

_AFTER_COMMIT = "tasks_after_commit"


def queue_after_commit(queued_task, *args: Any) -> None:
    """Queue `queued_task(*args)` once the current transaction commits, never for one rolled
    back: the worker must find the rows that the transaction writes (a print run, an export
    job). A task that cannot be queued is logged, not raised: the feature's sweep finds it."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append((queued_task, args))


def _after_commit(session: so.Session) -> None:
    transaction = session.get_transaction()
    if transaction is not None and transaction.is_active:
        return  # a savepoint's: the enclosing transaction decides
    for queued_task, args in session.info.pop(_AFTER_COMMIT, []):
        try:
            queued_task(*args)
        except Exception:
            log.exception("Could not queue %s%r; the sweep will", queued_task.name, args)


def _after_rollback(session: so.Session) -> None:
    transaction = session.get_transaction()
    if transaction is None or not transaction.is_active:
        session.info.pop(_AFTER_COMMIT, None)


def _listen() -> None:
    for name, receiver in (("after_commit", _after_commit), ("after_rollback", _after_rollback)):
        if not sa.event.contains(db.session, name, receiver):
            sa.event.listen(db.session, name, receiver)


def note_worker_alive() -> None:
    """Record that a worker ran a periodic task just now (read by /healthz)."""
    huey.put(WORKER_SEEN, time.time())


def queue_status(now: float | None = None) -> dict:
    """Tasks waiting, how long the next one has waited, when a worker was last seen."""
    now = now or time.time()
    waiting = huey.pending_count()
    oldest = None
    if waiting:
        (data,) = huey.storage.enqueued_items(1) or [None]
        queued_at = huey.deserialize_task(data).kwargs.get(QUEUED_AT) if data else None
        oldest = round(now - queued_at, 1) if queued_at else None
    seen = huey.get(WORKER_SEEN, peek=True) if not huey.immediate else None
    return {
        "waiting": waiting,
        "scheduled": huey.scheduled_count(),
        "oldest_waiting_seconds": oldest,
        "worker_seen_seconds_ago": round(now - seen, 1) if seen else None,
    }
