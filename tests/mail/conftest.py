"""A real SMTP server (aiosmtpd) for the outbox tests, and the real worker process."""

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from flask import Flask

from forum import PROJECT_ROOT, tasks
from forum.db import SQLITE_BEGIN


def free_port() -> int:
    """A port nothing listens on (yet): the mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Wait until `condition()` is true, looking every 50 ms; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout} s waiting for {what}")
        time.sleep(0.05)


class MailServer:
    """aiosmtpd on 127.0.0.1: keeps what it accepts, refuses the recipients it is told to."""

    def __init__(self, port: int | None = None) -> None:
        self.refused: dict[str, str] = {}
        self.received: list = []
        self._arrived = threading.Condition()
        self.controller = Controller(self, hostname="127.0.0.1", port=port or free_port())

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        if address in self.refused:
            return self.refused[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        with self._arrived:
            self.received.append(message)
            self._arrived.notify_all()
        return f"250 2.0.0 Ok: queued as Q{len(self.received)}"

    def to(self, address: str) -> list:
        return [m for m in self.received if m["To"] == address]

    def wait_for_count(self, count: int, timeout: float) -> None:
        """Block until `count` mails have arrived (the server's own event), or fail."""
        with self._arrived:
            arrived = self._arrived.wait_for(lambda: len(self.received) >= count, timeout)
        assert arrived, f"{len(self.received)} of {count} mails arrived in {timeout} s"

    @property
    def port(self) -> int:
        return self.controller.port

    def start(self) -> "MailServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def smtp_server(app: Flask) -> Iterator[MailServer]:
    """A running mail server the app sends to."""
    server = MailServer().start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
    yield server
    server.stop()


class Worker:
    """`flask --app forum worker` in its own process, on the test's database and queue."""

    def __init__(self, app: Flask, database_url: str, folder: Path, mail_port: int) -> None:
        self.folder = folder
        queue = str(folder / "tasks.sqlite")
        app.config.update(
            TASKS_IMMEDIATE=False, TASK_QUEUE_SQLITE=queue, TASK_QUEUE_NAME="forum-worker-test"
        )
        tasks.init_app(app)
        tasks.huey.flush()
        self.env = {
            **os.environ,
            "FORUM_INSTANCE_PATH": str(folder),
            "FORUM_DATABASE_URL": database_url,
            "FORUM_SECRET_KEY": app.config["SECRET_KEY"],
            "FORUM_TASK_QUEUE_SQLITE": queue,
            "FORUM_TASK_QUEUE_NAME": "forum-worker-test",
            "FORUM_MAIL_SERVER": "127.0.0.1",
            "FORUM_MAIL_PORT": str(mail_port),
            "FORUM_MAIL_TIMEOUT": "5",
            # The first retry comes after a second here (20 s in production).
            "FORUM_MAIL_RETRY_DELAYS": "[1, 1, 2]",
            "FORUM_WORKER_THREADS": "2",
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        self.log = (self.folder / "worker.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "forum", "worker"],
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        first_line = self.process.stdout.readline()  # printed once the app is built
        assert first_line.startswith("Worker on queue forum-worker-test"), self.output()
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()  # graceful: running tasks finish
            self.process.wait(timeout=90)
        self.log.close()

    def output(self) -> str:
        return (self.folder / "worker.log").read_text()


@pytest.fixture
def new_worker(app: Flask, database_url: str, tmp_path: Path):
    """A real worker for the mail server on `mail_port`, not started yet: from now on the
    app queues its tasks for it instead of running them at once.

    Another process writes the database now: on SQLite the test's own transactions take
    the write lock when they begin, as the app's do (a deferred one that read first could
    not write after the worker did), so a test must end each of its reads (rollback).
    """
    made: list[Worker] = []
    write_lock_at_begin = SQLITE_BEGIN.set("BEGIN IMMEDIATE")

    def new(mail_port: int) -> Worker:
        worker = Worker(app, database_url, tmp_path, mail_port)
        made.append(worker)
        return worker

    yield new
    for worker in made:
        worker.stop()
    SQLITE_BEGIN.reset(write_lock_at_begin)


@pytest.fixture
def start_worker(new_worker):
    """Start the real worker process, sending to the mail server on `mail_port`."""
    return lambda mail_port: new_worker(mail_port).start()
