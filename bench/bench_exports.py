"""Large exports through the task queue: what the officer waits for, and what the worker does.

10,000 registrations × 20 answered questions (as bench_questions.py). For CSV and XLSX,
three times each: the export made in the request (EXPORT_INLINE_ROWS above the rows:
what every export was before), then asked for as a job (the default 1000 rows inline):
the POST that queues it, the worker's part (claim, make, store; called here in this
process, as the worker's task would) and the download of the stored file. Medians.
On SQLite and, when FORUM_BENCH_DATABASE_URL or FORUM_TEST_DATABASE_URL is set, on
PostgreSQL.

    .venv/bin/python bench/bench_exports.py [--rows 10000]
"""

import argparse
import os
import statistics
import time

import sqlalchemy as sa
from bench_questions import add_questions, analyze, answer_all
from bench_registration import fill
from common import add_event, drop_tables, each_database, fresh_app

from forum import tasks
from forum.auth.models import Role
from forum.auth.services import create_user
from forum.exports import jobs
from forum.exports.models import ExportJob
from forum.extensions import db

REPEAT = 3


class Stopwatch:
    """Seconds taken by each block run under it: `with watch: ...`, then watch.median."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc) -> None:
        self.times.append(time.perf_counter() - self.start)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run(url: str, rows: int) -> None:
    app = fresh_app(url)
    with app.app_context():
        event = add_event(delegate_capacity=rows)
        create_user("officer@bench.example", "bench password 123", Role.OFFICER)
        fill(event, rows)
        answer_all(event, add_questions(event))
        analyze()
    client = app.test_client()
    client.post(
        "/sign-in", data={"email": "officer@bench.example", "password": "bench password 123"}
    )
    for fmt in ("csv", "xlsx"):
        asked = {"format": fmt, "state": "all"}
        inline, ask, work, download = Stopwatch(), Stopwatch(), Stopwatch(), Stopwatch()
        app.config["EXPORT_INLINE_ROWS"] = rows + 1
        for _ in range(REPEAT):
            with inline:
                assert client.post("/accreditation/export", data=asked).status_code == 200
        app.config["EXPORT_INLINE_ROWS"] = 1000
        for _ in range(REPEAT):
            with ask:
                response = client.post("/accreditation/export", data=asked)
            assert response.status_code == 303, response.status_code
            with app.app_context():
                job_id = db.session.scalar(sa.select(sa.func.max(ExportJob.id)))
                with work:
                    jobs.build(job_id, jobs.claim(job_id))
            with download:
                assert client.get(response.location + "/download").status_code == 200
        tasks.huey.flush()
        print(
            f"  {fmt.upper()} of {rows} rows: in the request {inline.median:.2f} s;"
            f" as a job: asking {ask.median * 1000:.0f} ms,"
            f" the worker {work.median:.2f} s,"
            f" download {download.median * 1000:.0f} ms"
        )
    drop_tables(app)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    print(f"Exports of registrations with 20 questions answered, {os.cpu_count()} cores")
    for url in each_database():
        run(url, args.rows)


if __name__ == "__main__":
    main()
