"""What the bench scripts share: PostgreSQL, the app and its data, a server, timing.

Each script runs as `python bench/bench_X.py`, so this folder is first on sys.path and
`import common` finds this module; importing it puts the project root on sys.path for
`forum`. Benchmarks build their data here or with forum's own services and demo data,
never with the test suite's factories: tests/ may change for reasons of its own.
"""

import http.client
import logging
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402

from forum import create_app  # noqa: E402
from forum.badges.tokens import issue_token  # noqa: E402
from forum.checkin.devices import create_device_token  # noqa: E402
from forum.checkin.models import Checkpoint  # noqa: E402
from forum.demo import data  # noqa: E402
from forum.events.models import Event  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.registration.models import Registration  # noqa: E402

# PostgreSQL: the local cluster that .ci/with-postgres starts.


def postgres_url() -> str | None:
    """The PostgreSQL database to bench in-process on, if one was given (make bench does)."""
    return os.environ.get("FORUM_BENCH_DATABASE_URL") or os.environ.get("FORUM_TEST_DATABASE_URL")


def psql(sql: str, database: str = "postgres") -> str:
    """Run one statement with psql on the local cluster; its bare output."""
    out = subprocess.run(
        ["psql", "-t", "-A", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return out.stdout.strip()


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """A database of its own on the local cluster, dropped afterwards."""
    name = f"{prefix}_{os.getpid()}"
    psql(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database: str, **settings: str) -> dict[str, str]:
    """The environment of a production-like forum on `database`, plus FORUM_* `settings`."""
    return {
        **os.environ,
        "FORUM_DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{database}",
        "FORUM_SECRET_KEY": secrets.token_urlsafe(48),
        "FORUM_ENV": "production",
        # The bench talks to 127.0.0.1 on whatever port: production answers only for this host.
        "FORUM_BASE_URL": "http://127.0.0.1",
        "FORUM_INSTANCE_PATH": f"/tmp/{database}",
        **settings,
    }


# The app in this process, on a fresh schema.


def each_database() -> Iterator[str]:
    """A SQLite file's URL, then PostgreSQL's when one was given, each after its name.

    Meanwhile the app's instance folder is a temporary one, removed afterwards.
    """
    with tempfile.TemporaryDirectory() as directory:
        os.environ["FORUM_INSTANCE_PATH"] = directory
        databases = [("SQLite", f"sqlite:///{directory}/bench.sqlite")]
        if url := postgres_url():
            databases.append(("PostgreSQL", url))
        for name, url in databases:
            print(f"{name}:")
            yield url


def fresh_app(url: str) -> Flask:
    """The app on `url` with empty tables; no CSRF token or rate limit in the way."""
    logging.disable(logging.INFO)  # the per-request access log would drown the figures
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-secret-key-0123456789-0123456789",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def drop_tables(app: Flask) -> None:
    """Leave the database empty, as it was found."""
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def add_event(**fields: Any) -> Event:
    """The demo forum's event (one day, 6 May 2024), with `fields` changed; flushed."""
    day = date(*data.EVENT_DAY)
    event = Event(**{**data.EVENT, "starts_on": day, "ends_on": day, **fields})
    db.session.add(event)
    db.session.flush()
    return event


# A production-like server with accredited delegates and door scanners.


def prepare_scan_floor(
    env: dict[str, str], badges: int, scanners: int, **event_fields: Any
) -> tuple[int, list[str], list[str]]:
    """Migrate; add an event, an entrance, `badges` accredited delegates and device tokens.

    Returns the entrance's id, the badges' QR codes and the scanners' bearer tokens.
    """
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
    with app.app_context():
        event = add_event(**event_fields)
        entrance = Checkpoint(event_id=event.id, name="Venue entrance")
        db.session.add(entrance)
        db.session.flush()
        rows = [
            dict(
                public_id=uuid.uuid4(),
                event_id=event.id,
                given_name="Delegate",
                family_name=f"No {n}",
                email=f"seed{n}@example.org",
                email_key=f"seed{n}@example.org",
                organisation="Ardennes Munitions SA",
                organisation_type="eu_industry",
                country="BE",
                state="approved",
                calendar_token=secrets.token_urlsafe(32),
            )
            for n in range(badges)
        ]
        db.session.execute(db.insert(Registration), rows)
        tokens = [create_device_token(f"Door {n}", [entrance])[1] for n in range(scanners)]
        db.session.commit()
        codes = [issue_token(r) for r in db.session.scalars(db.select(Registration))]
        checkpoint_id = entrance.id
        db.session.commit()
        # Statistics of the loaded tables, as autovacuum keeps them. Not of the empty `scans`:
        # a fresh deployment's has none, and statistics of an empty table would let each
        # connection's prepared scan statements keep a sequential-scan plan until autovacuum's
        # next round (docs/performance.md, "Plans that outlive an empty table").
        with db.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.exec_driver_sql("ANALYZE events, checkpoints, registrations, device_tokens")
        db.session.remove()
        db.engine.dispose()
    return checkpoint_id, codes, tokens


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(
    arguments: list[str], env: dict[str, str], port: int, output=None
) -> Iterator[subprocess.Popen]:
    """gunicorn with `arguments` on 127.0.0.1:`port`, once GET /healthz answers 200; stopped
    afterwards. Its output goes to `output` (a file), or nowhere."""
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), *arguments, "wsgi:app"],
        env=env,
        cwd=ROOT,
        stdout=output or subprocess.DEVNULL,
        stderr=output or subprocess.DEVNULL,
    )
    try:
        wait_until_up(server, port)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def wait_until_up(server: subprocess.Popen, port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {seconds:.0f} s")


# Timing.


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of `repeat` calls of `fn`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def cpu_timed(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of `repeat` calls: on a machine shared with other
    work, the CPU time of this process is the steadier of the two."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus


def percentile(times: list[float], pct: int) -> float:
    """The `pct`th percentile, interpolated between the nearest samples (0 for none)."""
    if len(times) < 2:
        return times[0] if times else 0.0
    return statistics.quantiles(times, n=100, method="inclusive")[pct - 1]


def median_p95(times: list[float]) -> str:
    return f"median {statistics.median(times):6.1f} ms, p95 {percentile(times, 95):6.1f} ms"
