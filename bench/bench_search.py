"""Door search with 10,000 delegates: Latin letters typed for Cyrillic names.

Fills an event with delegates (a third with Cyrillic names, common ones from the demo
data and rarer ones made of syllables), then asks GET /api/v1/search at the entrance,
as a scanner does keystroke by keystroke: the first letters of a family name in its
passport Latin form, more letters, the whole name, given name and family name. Prints
the median, p95 and p99 through the API (test client, bearer token) on SQLite and,
when FORUM_BENCH_DATABASE_URL or FORUM_TEST_DATABASE_URL is set (run it under
.ci/with-postgres), on PostgreSQL.

    .venv/bin/python bench/bench_search.py [--rows 10000] [--people 60]
"""

import argparse
import os
import random
import time

from common import add_event, drop_tables, each_database, fresh_app, median_p95, percentile

from forum.checkin.devices import create_device_token
from forum.checkin.models import Checkpoint
from forum.demo import data
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)
from forum.translit import passport_latin

SYLLABLES = "ко ва лен ри да ниш чук ми ро сла бо гдан ти мо ше вч ин юк ць ян ге ор гі".split()


def cyrillic_family(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(data.CYRILLIC_FAMILY)
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def fill(event: Event, rows: int) -> list[Registration]:
    """`rows` registrations through the ORM, so that the search terms are written as the
    application writes them; returns the Cyrillic-named ones."""
    rng = random.Random(11)
    states = [s for s in RegistrationState if s is not RegistrationState.SUBMITTED]
    cyrillic_people, batch = [], []
    for i in range(rows):
        cyrillic = rng.random() < 0.33
        org_type = rng.choice(list(OrganisationType))
        organisation, country = rng.choice(data.ORGANISATIONS[org_type])
        r = Registration(
            event_id=event.id,
            given_name=rng.choice(data.CYRILLIC_GIVEN if cyrillic else data.LATIN_GIVEN),
            family_name=cyrillic_family(rng) if cyrillic else rng.choice(data.LATIN_FAMILY),
            email=f"bench{i}@example.org",
            organisation=organisation,
            organisation_type=org_type,
            country=country,
            state=rng.choice(states),
            category=rng.choice(list(BadgeCategory)),
        )
        r.refresh_keys()
        batch.append(r)
        if cyrillic:
            cyrillic_people.append(r)
        if len(batch) == 2000:
            db.session.add_all(batch)
            db.session.flush()
            batch = []
    db.session.add_all(batch)
    db.session.commit()
    return cyrillic_people


def keystrokes(person: Registration) -> list[str]:
    """What door staff type, letter by letter, for this person: Latin letters only."""
    given, family = passport_latin(person.given_name), passport_latin(person.family_name)
    return [family[:3], family[:5], family, f"{given} {family[:4]}", f"{given} {family}"]


def run(url: str, rows: int, people: int) -> None:
    app = fresh_app(url)
    with app.app_context():
        event = add_event(delegate_capacity=rows)
        start = time.perf_counter()
        cyrillic_people = fill(event, rows)
        print(f"  inserted {rows} registrations in {time.perf_counter() - start:.1f} s")
        entrance = Checkpoint(event_id=event.id, name="Venue entrance")
        db.session.add(entrance)
        db.session.flush()
        _device, token = create_device_token("Door phone", [entrance])
        queries = [
            q for p in random.Random(5).sample(cyrillic_people, people) for q in keystrokes(p)
        ]
        entrance_id = entrance.id
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as connection:
                connection = connection.execution_options(isolation_level="AUTOCOMMIT")
                connection.exec_driver_sql("ANALYZE")

    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    def ask(query: str) -> dict:
        response = client.get(
            "/api/v1/search", query_string={"q": query, "checkpoint": entrance_id}, headers=headers
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    for query in queries[:20]:  # warm up; every whole name finds its person
        ask(query)
    found = sum(1 for q in queries[4::5] if ask(q)["results"])
    times = []
    for _round in range(2):
        for query in queries:
            start = time.perf_counter()
            ask(query)
            times.append((time.perf_counter() - start) * 1000)
    print(
        f"  door search, Latin for Cyrillic names ({len(times)} requests):"
        f" {median_p95(times)}, p99 {percentile(times, 99):6.1f} ms;"
        f" full names found {found}/{len(queries) // 5}"
    )
    drop_tables(app)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=60)
    args = parser.parse_args()
    print(f"Door search, {os.cpu_count()} cores")
    for url in each_database():
        run(url, args.rows, args.people)


if __name__ == "__main__":
    main()
