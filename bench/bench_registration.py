"""Registration list and exports with 10,000 registrations.

Prints the median and p95 of the officers' list page (search + filters) and the
time of CSV and XLSX exports of all rows, on SQLite and, when
FORUM_BENCH_DATABASE_URL or FORUM_TEST_DATABASE_URL is set (make bench runs it
under .ci/with-postgres), on PostgreSQL.

    .venv/bin/python bench/bench_registration.py [--rows 10000]
"""

import argparse
import os
import random
import statistics
import time

from common import add_event, drop_tables, each_database, fresh_app, median_p95, timed

from forum.auth.models import Role
from forum.auth.services import create_user
from forum.demo import data
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)

QUERIES = [
    "/accreditation/",
    "/accreditation/?q=sebastien",
    "/accreditation/?q=шевченко&state=approved",
    "/accreditation/?organisation_type=ua_industry&country=UA&sort=name",
    "/accreditation/?state=pending&category=delegate&sort=organisation&page=3",
    "/accreditation/?q=vistula+armaments&sort=country",
]


def fill(event: Event, rows: int) -> None:
    rng = random.Random(7)
    states = [s for s in RegistrationState if s is not RegistrationState.SUBMITTED]
    batch = []
    for i in range(rows):
        cyrillic = rng.random() < 0.3
        given = rng.choice(data.CYRILLIC_GIVEN if cyrillic else data.LATIN_GIVEN)
        family = rng.choice(data.CYRILLIC_FAMILY if cyrillic else data.LATIN_FAMILY)
        org_type = rng.choice(list(OrganisationType))
        organisation, country = rng.choice(data.ORGANISATIONS[org_type])
        r = Registration(
            event_id=event.id,
            given_name=given,
            family_name=family,
            email=f"bench{i}@example.org",
            organisation=organisation,
            organisation_type=org_type,
            country=country,
            phone="+32470123456",
            job_title=rng.choice(data.JOB_TITLES),
            state=rng.choice(states),
            category=rng.choice(list(BadgeCategory)),
        )
        r.refresh_keys()
        batch.append(r)
        if len(batch) == 2000:
            db.session.add_all(batch)
            db.session.flush()
            batch = []
    db.session.add_all(batch)
    db.session.commit()


def run(url: str, rows: int) -> None:
    app = fresh_app(url)
    with app.app_context():
        event = add_event(delegate_capacity=rows)
        create_user("officer@bench.example", "bench password 123", Role.OFFICER)
        start = time.perf_counter()
        fill(event, rows)
        print(f"  inserted {rows} registrations in {time.perf_counter() - start:.1f} s")

    client = app.test_client()
    client.post(
        "/sign-in", data={"email": "officer@bench.example", "password": "bench password 123"}
    )
    page_times = []
    for query in QUERIES:
        assert client.get(query).status_code == 200
        page_times += timed(lambda q=query: client.get(q), 15)
    print(f"  list page (search + filters, {len(page_times)} requests): {median_p95(page_times)}")
    for fmt in ("csv", "xlsx"):
        times = timed(lambda f=fmt: client.get(f"/accreditation/export.{f}"), 3)
        size = len(client.get(f"/accreditation/export.{fmt}").data)
        print(
            f"  export {fmt.upper()} of {rows} rows: median {statistics.median(times) / 1000:.2f} s"
            f" ({size / 1e6:.1f} MB)"
        )
    drop_tables(app)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    print(f"Registration list and exports, {os.cpu_count()} cores")
    for url in each_database():
        run(url, args.rows)


if __name__ == "__main__":
    main()
