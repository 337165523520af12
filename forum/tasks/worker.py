"""`flask --app forum worker`: run queued and periodic tasks until stopped.

SIGTERM (systemd's stop) is graceful: the worker takes no new task and waits up
to SHUTDOWN_SECONDS for the running ones. Ctrl-C (SIGINT) stops at once; a mail
being handed to the SMTP server at that moment is the one documented window
(docs/deployment.md, "Mail and the task queue").
"""

import logging

import click
from flask import current_app
from flask.cli import with_appcontext
from huey.storage import SqliteStorage

from forum.tasks import huey

SHUTDOWN_SECONDS = 60


@click.command("worker")
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=None,
    help="Tasks run at once (default: FORUM_WORKER_THREADS, 2).",
)
@with_appcontext
def worker_command(threads: int | None) -> None:
    """Run the task worker: mail delivery and the periodic sweeps."""
    if huey.immediate:
        raise click.ClickException("TASKS_IMMEDIATE is set: tasks run in the web process.")
    app_logger = current_app.logger
    huey_logger = logging.getLogger("huey")
    huey_logger.setLevel(app_logger.level)
    for handler in app_logger.handlers:
        if handler not in huey_logger.handlers:
            huey_logger.addHandler(handler)
    huey_logger.propagate = False
    polling = isinstance(huey.storage, SqliteStorage)
    consumer = huey.create_consumer(
        workers=threads or int(current_app.config["WORKER_THREADS"]),
        worker_type="thread",
        periodic=True,
        # Redis hands a task over as soon as it is queued; SQLite is polled, at most a
        # second apart when idle (a few cheap reads a second).
        max_delay=1.0 if polling else 10.0,
        scheduler_interval=1,
        check_worker_health=True,
        graceful_signal="TERM",
        shutdown_timeout=SHUTDOWN_SECONDS,
    )
    click.echo(f"Worker on queue {huey.name} ({type(huey.storage).__name__}); Ctrl-C stops it.")
    consumer.run()
