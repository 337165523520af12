"""Benchmark: the scan API (POST /api/v1/scans) under gunicorn + PostgreSQL over 5,000 badges.

(a) capacity: 16 scanners (threads, each with its own device token) scanning as fast
    as they can for --seconds: scans per second;
(b) latency: an open-loop load of --rate scans per second for --seconds (requests are
    sent on a fixed schedule whatever the answers do; latency is measured from the
    scheduled time, so a stall is not hidden): p50 / p95 / p99.

Run: .venv/bin/python bench/bench_scans.py [--badges 5000] [--scanners 16] [--seconds 10]
     [--rate 100] [--workers 2] [--threads 4] [--runs 1]
Needs the local PostgreSQL (127.0.0.1:5432, user postgres); makes a throw-away database
and drops it afterwards; gunicorn listens on 127.0.0.1 only. Targets on the 2-core
machine: 500+ scans/s, and p99 under 25 ms at 100 scans/s.
"""

import argparse
import itertools
import os
import re
import socket
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import (
    free_port,
    gunicorn,
    percentile,
    prepare_scan_floor,
    production_env,
    psql,
    scratch_database,
)

FIRST_ERROR: list[str] = []  # the first failed answer, shown to explain errors
CONTENT_LENGTH = re.compile(rb"(?i)\r\ncontent-length: *(\d+)")


class Scanner:
    """One device on a keep-alive connection, speaking just enough HTTP/1.1.

    A load generator on the same two cores takes CPU from the server it measures:
    http.client cost about 0.45 ms per scan, this about a third of that. A connection
    the server closed (idle keep-alive, a recycled worker) is reopened and the scan
    sent again: the same nonce makes the retry safe.
    """

    def __init__(self, port: int, token: str, checkpoint_id: int) -> None:
        self.port = port
        self.head = (
            f"POST /api/v1/scans HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        ).encode()
        self.body_start = f'{{"checkpoint": {checkpoint_id}, "direction": "in", "code": "'
        self.sock: socket.socket | None = None
        self.buffer = b""

    def scan(self, code: str) -> int:
        body = f'{self.body_start}{code}", "nonce": "{os.urandom(16).hex()}"}}'.encode()
        request = self.head + b"Content-Length: %d\r\n\r\n" % len(body) + body
        for attempt in (1, 2):
            try:
                if self.sock is None:
                    self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
                    self.buffer = b""
                self.sock.sendall(request)
                status, data = self.read_response()
                if status != 200 and not FIRST_ERROR:
                    FIRST_ERROR.append(f"{status} {data[:300]!r}")
                return status
            except OSError as error:
                self.close()
                if attempt == 2:
                    FIRST_ERROR.append(f"connection: {error!r}")
        return 0

    def read_response(self) -> tuple[int, bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self.receive()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        length = int(CONTENT_LENGTH.search(head).group(1))
        self.buffer = rest
        while len(self.buffer) < length:
            self.receive()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        if b"\r\nconnection: close" in head.lower():
            self.close()
        return int(head[9:12]), body

    def receive(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionResetError("the server closed the connection")
        self.buffer += chunk

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def server_pids(server_pid: int, db_name: str) -> tuple[list[int], list[int]]:
    """The gunicorn master and workers, and the PostgreSQL backends of the bench database."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    backends = psql(f"SELECT pid FROM pg_stat_activity WHERE datname = '{db_name}'")
    return [server_pid, *map(int, children)], [int(pid) for pid in backends.split()]


def capacity(port, tokens, checkpoint_id, codes, seconds) -> dict:
    counter = itertools.count()
    stop = time.monotonic() + seconds
    statuses: list[int] = []
    lock = threading.Lock()

    def run(token: str) -> None:
        scanner = Scanner(port, token, checkpoint_id)
        local = []
        while time.monotonic() < stop:
            local.append(scanner.scan(codes[next(counter) % len(codes)]))
        with lock:
            statuses.extend(local)

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(t,)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ok = statuses.count(200)
    return {"scans": len(statuses), "ok": ok, "errors": len(statuses) - ok, "per_s": ok / elapsed}


def latency(port, tokens, checkpoint_id, codes, rate, seconds) -> dict:
    """Open loop: the i-th scan is due at start + i / rate, sent by whichever thread is free."""
    total = int(rate * seconds)
    scanners = [Scanner(port, t, checkpoint_id) for t in tokens]
    free = list(scanners)
    lock = threading.Lock()
    results: list[tuple[float, int]] = []

    def send(index: int, due: float) -> None:
        with lock:
            scanner = free.pop() if free else Scanner(port, tokens[0], checkpoint_id)
        status = scanner.scan(codes[index % len(codes)])
        done = time.monotonic()
        with lock:
            free.append(scanner)
            results.append((done - due, status))

    start = time.monotonic() + 0.2
    with ThreadPoolExecutor(max_workers=64) as pool:
        for index in range(total):
            due = start + index / rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            pool.submit(send, index, due)
    times = sorted(t * 1000 for t, _ in results)
    return {
        "scans": len(results),
        "errors": sum(1 for _, s in results if s != 200),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "max": times[-1],
    }


def reference_loop_seconds() -> float:
    """CPU seconds for a fixed pure-Python loop: how fast this (shared, virtual) machine is
    right now. Figures taken at different times compare only alongside it."""
    started = time.process_time()
    total = 0
    for number in range(5_000_000):
        total += number
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--badges", type=int, default=5000)
    parser.add_argument("--scanners", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--threads", type=int, default=4, help="gunicorn threads per worker (>1: gthread)"
    )
    args = parser.parse_args()

    with scratch_database("forum_bench") as db_name:
        env = production_env(
            db_name,
            # The per-device rate limit (120/min by default) would refuse a flat-out scanner;
            # raised so that the scan path itself is measured (the limiter still runs).
            FORUM_SCAN_LIMIT="1000000 per minute",
        )
        checkpoint_id, codes, tokens = prepare_scan_floor(env, args.badges, args.scanners)
        port = free_port()
        arguments = ["-w", str(args.workers), "-b", f"127.0.0.1:{port}"]
        arguments += ["--threads", str(args.threads), "--log-level", "warning"]
        # No output: the access log would cost the terminal more than us.
        with gunicorn(arguments, env, port) as server:
            measure(args, server.pid, db_name, port, checkpoint_id, codes, tokens)


def measure(args, server_pid, db_name, port, checkpoint_id, codes, tokens) -> None:
    """Capacity, then latency, --runs times; print the figures and the rows recorded."""
    load = os.getloadavg()[0]
    kind = f"gthread, {args.threads} threads each"
    print(
        f"gunicorn -w {args.workers} ({kind}) + PostgreSQL; {args.badges} badges; "
        f"{os.cpu_count()} cores; load average before: {load:.1f}; "
        f"reference loop: {reference_loop_seconds():.2f} s CPU (less is a faster machine)"
    )
    warm = capacity(port, tokens, checkpoint_id, codes, 2)  # warm up every worker
    caps, lats = [], []
    for run in range(args.runs):
        app_pids, db_pids = server_pids(server_pid, db_name)
        app_cpu, db_cpu = cpu_seconds(app_pids), cpu_seconds(db_pids)
        client_cpu = time.process_time()
        cap = capacity(port, tokens, checkpoint_id, codes, args.seconds)
        app_cpu = cpu_seconds(app_pids) - app_cpu
        db_cpu = cpu_seconds(db_pids) - db_cpu
        client_cpu = time.process_time() - client_cpu
        if app_cpu < 0 or db_cpu < 0:  # a process ended during the run: no figure
            app_cpu = db_cpu = float("nan")
        cap["cpu_ms"] = 1000 * (app_cpu + db_cpu) / max(cap["ok"], 1)
        cap["app_cpu_ms"] = 1000 * app_cpu / max(cap["ok"], 1)
        cap["client_cpu_ms"] = 1000 * client_cpu / max(cap["ok"], 1)
        caps.append(cap)
        print(
            f"run {run + 1} (a) {args.scanners} scanners flat out: "
            f"{cap['per_s']:.0f} scans/s ({cap['scans']} scans, {cap['errors']} errors); "
            f"CPU per scan: gunicorn {cap['app_cpu_ms']:.2f} ms + PostgreSQL "
            f"{cap['cpu_ms'] - cap['app_cpu_ms']:.2f} ms, "
            f"bench client {cap['client_cpu_ms']:.2f} ms"
        )
        lat = latency(port, tokens, checkpoint_id, codes, args.rate, args.seconds)
        lats.append(lat)
        print(
            f"run {run + 1} (b) open loop {args.rate:.0f}/s: p50 {lat['p50']:.1f} ms, "
            f"p95 {lat['p95']:.1f} ms, p99 {lat['p99']:.1f} ms, max {lat['max']:.1f} ms "
            f"({lat['scans']} scans, {lat['errors']} errors)"
        )
    cpu = statistics.median([c["cpu_ms"] for c in caps if c["cpu_ms"] == c["cpu_ms"]] or [0])
    print(
        f"server CPU per scan {cpu:.2f} ms: {os.cpu_count()} idle cores would serve about "
        f"{1000 * os.cpu_count() / max(cpu, 0.01):.0f} scans/s (server only, client elsewhere)"
    )
    print(
        f"median capacity: {statistics.median(c['per_s'] for c in caps):.0f} scans/s; "
        f"median p50/p95/p99 at {args.rate:.0f}/s: "
        f"{statistics.median(x['p50'] for x in lats):.1f} / "
        f"{statistics.median(x['p95'] for x in lats):.1f} / "
        f"{statistics.median(x['p99'] for x in lats):.1f} ms"
    )
    sent = warm["ok"] + sum(c["ok"] for c in caps) + sum(x["scans"] - x["errors"] for x in lats)
    recorded = int(psql("SELECT count(*) FROM scans", db_name))
    print(f"scan rows recorded: {recorded}, answers 200: {sent}")
    if FIRST_ERROR:
        print(f"first error: {FIRST_ERROR[0]}")


if __name__ == "__main__":
    main()
