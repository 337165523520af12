"""A mailing to 5,000 people: how long queueing takes, how fast one worker delivers it to a
local SMTP server, and what a web page's p99 is meanwhile.

Production-like: a scratch PostgreSQL database migrated with `flask db upgrade`, the task
queue on Redis (127.0.0.1:6379, a queue name of its own), gunicorn with gunicorn.conf.py
(2 workers x 4 threads), one `flask --app forum worker` process (2 threads, the default)
and an aiosmtpd server in this process. Needs PostgreSQL and Redis (make bench provides
PostgreSQL; TESTING.md says how to start Redis).

    .venv/bin/python bench/bench_mailing.py [--recipients 5000] [--repeat 3]

Queueing is timed as the organiser's request does it: render every recipient's mail in
their language, one INSERT of all rows, the commit (which queues the delivery tasks).
The first repeats are rolled back; the last is committed and delivered.
"""

import argparse
import http.client
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
import uuid

from aiosmtpd.controller import Controller
from common import (
    ROOT,
    VENV_BIN,
    add_event,
    free_port,
    gunicorn,
    percentile,
    production_env,
    scratch_database,
)

from forum import create_app
from forum.extensions import db
from forum.mailings import services
from forum.mailings.models import Mailing, MailingState
from forum.mailings.segments import Segment
from forum.registration.models import Registration, RegistrationState

BODY = (
    "Dear {title_name},\n\nYour badge is ready: {badge_link}\nYour agenda: {agenda_link}\n\n"
    "Doors open at 8:00. Bring an identity document."
)
BODY_UK = (
    "Шановні {title_name}!\n\nВаш бейдж готовий: {badge_link}\nВаш порядок денний: "
    "{agenda_link}\n\nДвері відчиняються о 8:00. Візьміть документ, що посвідчує особу."
)


class Counting:
    """aiosmtpd handler: accepts everything, notes when each mail arrived."""

    def __init__(self) -> None:
        self.arrivals: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            self.arrivals.append(time.perf_counter())
        return "250 2.0.0 Ok"


def seed(recipients: int) -> int:
    event = add_event(slug="mailing-bench")
    rows = [
        dict(
            public_id=uuid.uuid4(),
            event_id=event.id,
            title="Dr" if n % 3 == 0 else "",
            given_name="Олена" if n % 2 else "Jan",
            family_name=f"Delegate {n}",
            email=f"person{n}@example.org",
            email_key=f"person{n}@example.org",
            organisation="Ardennes Munitions SA",
            organisation_type="eu_industry",
            country="UA" if n % 2 else "BE",
            state="approved",
            locale="uk" if n % 2 else "en",
            calendar_token=secrets.token_urlsafe(32),
        )
        for n in range(recipients)
    ]
    db.session.execute(db.insert(Registration), rows)
    db.session.commit()
    return event.id


def new_mailing(event) -> Mailing:
    texts = services.Texts("Your badge and the venue", BODY, "Ваш бейдж і місце", BODY_UK)
    mailing = services.save_mailing(
        event, texts, Segment(states=(RegistrationState.APPROVED,)), author=None
    )
    db.session.commit()
    return mailing


def page_times(port: int, path: str, stop: threading.Event, times: list[float]) -> None:
    """GET `path` one after the other until `stop`, keeping each answer's milliseconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        times.append((time.perf_counter() - started) * 1000)


def sample_page(port: int, path: str, seconds: float) -> list[float]:
    stop, times = threading.Event(), []
    thread = threading.Thread(target=page_times, args=(port, path, stop, times))
    thread.start()
    time.sleep(seconds)
    stop.set()
    thread.join()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--page", default="/", help="the page requested meanwhile")
    args = parser.parse_args()

    handler = Counting()
    smtp = Controller(handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    with scratch_database("forum_mailing") as db_name:
        env = production_env(
            db_name,
            FORUM_REDIS_URL="redis://127.0.0.1:6379/0",
            FORUM_TASK_QUEUE_NAME=f"bench-mailing-{os.getpid()}",
            FORUM_MAIL_SERVER="127.0.0.1",
            FORUM_MAIL_PORT=str(smtp.port),
            FORUM_MAIL_CONTACT="accreditation@forum.example.org",
            WEB_CONCURRENCY="2",
            FORUM_THREADS="4",
            FORUM_LOG_LEVEL="warning",
        )
        os.makedirs(env["FORUM_INSTANCE_PATH"], exist_ok=True)
        subprocess.run(
            [str(VENV_BIN / "flask"), "--app", "forum", "db", "upgrade"],
            env=env,
            cwd=ROOT,
            check=True,
            timeout=300,
            capture_output=True,
        )
        os.environ.update(env)
        app = create_app()
        port = free_port()
        env["FORUM_BIND"] = f"127.0.0.1:{port}"
        worker = None
        try:
            with app.app_context(), app.test_request_context(base_url=env["FORUM_BASE_URL"]):
                from forum.events.models import Event
                from forum.tasks import huey

                huey.flush()
                event = db.session.get(Event, seed(args.recipients))
                print(
                    f"{args.recipients} recipients (half in Ukrainian); {os.cpu_count()} cores, "
                    f"load average before: {os.getloadavg()[0]:.1f}"
                )
                queue_seconds = []
                for attempt in range(args.repeat):
                    mailing = new_mailing(event)
                    started = time.perf_counter()
                    count = services.queue_mailing(mailing, event, actor=None)
                    if attempt < args.repeat - 1:
                        db.session.rollback()
                    else:
                        db.session.commit()
                    queue_seconds.append(time.perf_counter() - started)
                    assert count == args.recipients, count
                print(
                    f"queue a mailing of {args.recipients}: median "
                    f"{statistics.median(queue_seconds):.2f} s "
                    f"(each: {', '.join(f'{s:.2f}' for s in queue_seconds)} s)"
                )
                assert mailing.state is MailingState.QUEUED

            with gunicorn(["-c", "gunicorn.conf.py"], env, port):
                idle = sample_page(port, args.page, 10)
                print(
                    f"GET {args.page} before delivery: {len(idle)} requests, median "
                    f"{statistics.median(idle):.1f} ms, p99 {percentile(idle, 99):.1f} ms"
                )
                stop, during = threading.Event(), []
                pages = threading.Thread(target=page_times, args=(port, args.page, stop, during))
                pages.start()
                started = time.perf_counter()
                worker = subprocess.Popen(
                    [str(VENV_BIN / "flask"), "--app", "forum", "worker"],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                deadline = time.monotonic() + 1800
                while len(handler.arrivals) < args.recipients and time.monotonic() < deadline:
                    time.sleep(0.2)
                stop.set()
                pages.join()
            arrived = list(handler.arrivals)
            if len(arrived) < args.recipients:
                print(f"only {len(arrived)} of {args.recipients} mails arrived in 30 min")
                return 1
            first, last = arrived[0], arrived[-1]
            print(
                f"delivery by one worker: first mail {first - started:.1f} s after it started, "
                f"all {len(arrived)} in {last - started:.1f} s; "
                f"{(len(arrived) - 1) / (last - first):.0f} mails/s sustained"
            )
            print(
                f"GET {args.page} during delivery: {len(during)} requests, median "
                f"{statistics.median(during):.1f} ms, p99 {percentile(during, 99):.1f} ms"
            )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=90)
            with app.app_context():
                db.engine.dispose()
            smtp.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
