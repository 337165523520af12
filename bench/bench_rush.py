"""Benchmark: the opening rush on gunicorn + PostgreSQL.

Many delegates register through the real form (GET /register for the CSRF token,
then POST, each from its own address behind the proxy) while door staff scan
the accredited delegates in at the entrance with their devices, and visitors
open the home and programme pages. At the end every answer must be the expected
one, and the database must hold every registration and every scan answered.

Run: .venv/bin/python bench/bench_rush.py [--registrations 300] [--badges 350]
     [--scanners 8] [--visitors 4] [--workers 2] [--threads 4]
Needs the local PostgreSQL (127.0.0.1:5432, user postgres); makes a throw-away
database and drops it afterwards; gunicorn (gunicorn.conf.py) listens on
127.0.0.1 only. Exits 1 on any error or lost row.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlencode

from common import (
    free_port,
    gunicorn,
    percentile,
    prepare_scan_floor,
    production_env,
    psql,
    scratch_database,
)

from forum.db import utcnow

CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'name="csrf_token" value="([^"]+)"'
)


class Client:
    """A keep-alive connection with its own cookie and forwarded address."""

    def __init__(self, port: int, address: str) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""
        self.address = address

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, bytes]:
        headers = {"X-Forwarded-For": self.address, **(headers or {})}
        if self.cookie:
            headers["Cookie"] = self.cookie
        for attempt in range(2):
            try:
                self.connection.request(method, path, body, headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    return 0, b""
        cookie = response.getheader("Set-Cookie")
        if cookie and cookie.startswith("session="):
            self.cookie = cookie.split(";", 1)[0]
        return response.status, data


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, list[str]] = {}
        self.ok: dict[str, int] = {}

    def add(self, kind: str, started: float, good: bool, detail: str = "") -> None:
        with self.lock:
            self.times.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            if good:
                self.ok[kind] = self.ok.get(kind, 0) + 1
            else:
                self.errors.setdefault(kind, []).append(detail)


def register(port: int, n: int, run_id: str, rec: Recorder) -> None:
    client = Client(port, f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}")
    started = time.perf_counter()
    status, page = client.request("GET", "/register")
    match = CSRF.search(page.decode("utf-8", "replace"))
    if status != 200 or not match:
        rec.add("register", started, False, f"GET {status}")
        return
    form = {
        "csrf_token": match.group(1) or match.group(2),
        "title": "Dr",
        "given_name": "Олена" if n % 2 else "Sébastien",
        "family_name": f"Rush{n}",
        "email": f"rush-{run_id}-{n}@example.org",
        "phone": "+380 44 123 4567",
        "job_title": "Head of International Cooperation",
        "organisation": "Kyiv Drone Works",
        "organisation_type": "ua_industry",
        "country": "UA",
        "requested_category": "delegate",
        "password": "a long enough password",
        "password_again": "a long enough password",
        "consent_data": "y",
    }
    status, body = client.request(
        "POST",
        "/register",
        urlencode(form),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    rec.add("register", started, status == 302, f"POST {status} {body[:200]!r}")


def scan(client: Client, token: str, checkpoint_id: int, code: str, rec: Recorder) -> None:
    started = time.perf_counter()
    body = json.dumps(
        {"code": code, "checkpoint": checkpoint_id, "direction": "in", "nonce": uuid.uuid4().hex}
    )
    status, data = client.request(
        "POST",
        "/api/v1/scans",
        body,
        {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    rec.add("scan", started, status == 200, f"{status} {data[:200]!r}")


def visit(client: Client, path: str, rec: Recorder) -> None:
    started = time.perf_counter()
    status, _ = client.request("GET", path)
    rec.add("page", started, status == 200, f"{path} {status}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=300)
    parser.add_argument("--badges", type=int, default=350)
    parser.add_argument("--repeat", type=float, default=0.1, help="share of badges scanned twice")
    parser.add_argument("--scanners", type=int, default=8)
    parser.add_argument("--registrants", type=int, default=12, help="concurrent registrations")
    parser.add_argument("--visitors", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    run_id = secrets.token_hex(3)
    with scratch_database("forum_rush") as db_name:
        env = production_env(
            db_name,
            FORUM_PROXY_FIX_X_FOR="1",  # each delegate comes from its own address
            WEB_CONCURRENCY=str(args.workers),
            FORUM_THREADS=str(args.threads),
            FORUM_LOG_LEVEL="warning",
        )
        checkpoint_id, codes, tokens = prepare_scan_floor(
            env,
            args.badges,
            args.scanners,
            slug="rush-forum",
            delegate_capacity=20_000,
            registration_opens_at=utcnow() - timedelta(days=1),
            registration_closes_at=utcnow() + timedelta(days=1),
        )
        port = free_port()
        env["FORUM_BIND"] = f"127.0.0.1:{port}"
        with (
            open(f"/tmp/{db_name}/gunicorn.log", "wb") as log,
            gunicorn(["-c", "gunicorn.conf.py"], env, port, log),
        ):
            failed = rush(args, port, db_name, run_id, checkpoint_id, codes, tokens)
    return 1 if failed else 0


def rush(args, port, db_name, run_id, checkpoint_id, codes, tokens) -> bool:
    """Registrations, scans and page views at once; print the figures; True if any failed."""
    print(
        f"gunicorn.conf.py: {args.workers} workers x {args.threads} threads + PostgreSQL; "
        f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}"
    )
    rec = Recorder()
    repeats = codes[: int(len(codes) * args.repeat)]
    badge_queue = list(codes) + repeats
    scan_lock = threading.Lock()
    done = threading.Event()

    def scanner(token: str) -> None:
        client = Client(port, "192.0.2.10")  # every door device on the venue's address
        while True:
            with scan_lock:
                if not badge_queue:
                    return
                code = badge_queue.pop(0)
            scan(client, token, checkpoint_id, code, rec)

    def visitor(n: int) -> None:
        client = Client(port, f"198.51.100.{n}")
        paths = ["/", "/programme", "/privacy", "/register"]
        i = 0
        while not done.is_set():
            visit(client, paths[i % len(paths)], rec)
            i += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=scanner, args=(t,)) for t in tokens]
    threads += [threading.Thread(target=visitor, args=(n,)) for n in range(args.visitors)]
    for thread in threads:
        thread.start()
    with ThreadPoolExecutor(max_workers=args.registrants) as pool:
        list(pool.map(lambda n: register(port, n, run_id, rec), range(args.registrations)))
    registrations_done = time.perf_counter() - started
    for thread in threads[: len(tokens)]:
        thread.join()
    done.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    for kind in ("register", "scan", "page"):
        times = sorted(rec.times.get(kind, [0.0]))
        print(
            f"{kind:<9} {len(times):>5} requests, {rec.ok.get(kind, 0):>5} ok, "
            f"{len(rec.errors.get(kind, [])):>3} errors; "
            f"median {statistics.median(times):.0f} ms, p95 {percentile(times, 95):.0f} ms, "
            f"max {times[-1]:.0f} ms"
        )
    print(
        f"registrations finished after {registrations_done:.1f} s "
        f"({rec.ok.get('register', 0) / max(registrations_done, 1e-9):.1f}/s); "
        f"all done after {elapsed:.1f} s "
        f"({rec.ok.get('scan', 0) / elapsed:.1f} scans/s alongside)"
    )
    stored = int(
        psql(f"SELECT count(*) FROM registrations WHERE email LIKE 'rush-{run_id}-%'", db_name)
    )
    scans = int(psql("SELECT count(*) FROM scans", db_name))
    accepted = int(
        psql(
            "SELECT count(DISTINCT registration_id) FROM scans WHERE status = 'accepted'",
            db_name,
        )
    )
    print(
        f"registrations stored {stored} / answered 302 {rec.ok.get('register', 0)}; "
        f"scan rows {scans} / answered 200 {rec.ok.get('scan', 0)}; "
        f"delegates let in {accepted} / badges {len(codes)}"
    )
    for kind, errors in rec.errors.items():
        print(f"first {kind} error: {errors[0]}")
    failed = bool(
        rec.errors
        or stored != args.registrations
        or scans != len(codes) + len(repeats)
        or accepted != len(codes)
    )
    print("RESULT:", "FAILED" if failed else "ok: no error, no lost registration or scan")
    return failed


if __name__ == "__main__":
    sys.exit(main())
