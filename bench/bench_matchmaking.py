"""B2B matchmaking at scale: the directory and suggestions with 2,000 profiles, and 500
participants accepting meeting requests at once.

1. Directory: 2,000 organisations take part (EU, Ukrainian and partner companies, texts in
   English and/or Ukrainian, tags offered and sought). A participant opens the directory
   page through the app (test client, signed in): the first page, searches typed in Latin
   and in Cyrillic letters, each filter, and filters with a search; then the suggestions
   page. Prints the median and p95 per kind of page.
2. Accepts: 500 participants, each asked by two others (1,000 requests); all 500 accept
   the requests they received at the same instant, "first free slot" (worker threads with
   their own connections, released together; a pool of 40, under PostgreSQL's 100
   connections). Prints the accepts per second and checks that nobody and no table is
   booked twice in a slot.

Runs on SQLite and, when FORUM_BENCH_DATABASE_URL or FORUM_TEST_DATABASE_URL is set (run it
under .ci/with-postgres, as make bench does), on PostgreSQL.

    .venv/bin/python bench/bench_matchmaking.py [--profiles 2000] [--accepting 500]
        [--only directory|accepts]
"""

import argparse
import os
import random
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from datetime import time as clock

import sqlalchemy as sa
from common import add_event, drop_tables, each_database, fresh_app, median_p95

from forum import create_app
from forum.auth.models import Role, User
from forum.demo import data
from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking import booking, meeting_requests, profiles, setup
from forum.matchmaking.demo_data import PHRASES
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import Meeting, MeetingSeat
from forum.matchmaking.models import Audience, Cooperation, Participant
from forum.registration.models import OrganisationType, Registration, RegistrationState

PASSWORD = "bench password for the directory"
WORDS = "Optics Drone Armour Radar Shield Field Naval Sky Steel Signal Sensor Rotor".split()
SLAVIC = "Карпати Дніпро Полісся Поділля Таврія Сіверщина Волинь Галичина".split()
KINDS = "Systems Works Industries Technologies Group Labs".split()
TYPES = [
    (OrganisationType.EU_INDUSTRY, ["PL", "DE", "FR", "LT", "CZ", "RO", "SE", "ES", "IT"]),
    (OrganisationType.UA_INDUSTRY, ["UA"]),
    (OrganisationType.PARTNER, ["NO", "GB", "CA"]),
]


def forum_day() -> date:
    return date.today() + timedelta(days=30)


def set_up(event: Event, tables: int, slot_minutes: int = 20) -> None:
    setup.save_settings(
        event,
        setup.SettingsData(
            open=True,
            slot_minutes=slot_minutes,
            max_meetings=20,
            max_pending=20,
            answer_hours=720,
            room_id=None,
            table_count=tables,
        ),
    )
    day = event.starts_on
    setup.add_block(
        event,
        datetime.combine(day, clock(14, 0), tzinfo=event.tz),
        datetime.combine(day, clock(17, 20), tzinfo=event.tz),
    )
    setup.add_usual_tags(event)


def delegate(event: Event, n: int, rng: random.Random) -> Registration:
    org_type, countries = TYPES[n % 3] if n % 10 else TYPES[2]
    ukrainian = org_type is OrganisationType.UA_INDUSTRY
    name = (
        f"{rng.choice(SLAVIC)} {rng.choice(['оборонні системи', 'оптика', 'радари'])} {n}"
        if ukrainian and rng.random() < 0.5
        else f"{rng.choice(WORDS)} {rng.choice(KINDS)} {n}"
    )
    cyrillic = ukrainian and rng.random() < 0.6
    registration = Registration(
        event_id=event.id,
        given_name=rng.choice(data.CYRILLIC_GIVEN if cyrillic else data.LATIN_GIVEN),
        family_name=rng.choice(data.CYRILLIC_FAMILY if cyrillic else data.LATIN_FAMILY),
        email=f"mm{n}@example.org",
        organisation=name,
        organisation_type=org_type,
        country=rng.choice(countries),
        state=RegistrationState.APPROVED,
        locale="uk" if ukrainian else "en",
    )
    registration.refresh_keys()
    db.session.add(registration)
    return registration


def fill_profiles(event: Event, count: int) -> Participant:
    """`count` organisations take part with their profiles; returns a viewer (EU side)."""
    rng = random.Random(17)
    tags = {t.label: t.id for t in setup.tags_of(event)}
    labels = list(PHRASES)
    people = [delegate(event, n, rng) for n in range(count)]
    db.session.flush()
    participants = []
    for registration in people:
        participant = profiles.opt_in(event, registration)
        participant.mail_notices = False
        offers, seeks = rng.sample(labels, 2), rng.sample(labels, 2)
        english = registration.locale == "en" or rng.random() < 0.5
        ukrainian = registration.locale == "uk" or rng.random() < 0.3
        profiles.save_profile(
            event,
            participant.profile,
            registration,
            profiles.ProfileData(
                offers=" and ".join(PHRASES[t][0] for t in offers) if english else "",
                offers_uk=" та ".join(PHRASES[t][1] for t in offers) if ukrainian else "",
                seeks=" and ".join(PHRASES[t][0] for t in seeks) if english else "",
                seeks_uk=" та ".join(PHRASES[t][1] for t in seeks) if ukrainian else "",
                about="",
                about_uk="",
                offer_tag_ids=[tags[t] for t in offers],
                seek_tag_ids=[tags[t] for t in seeks],
                cooperation=rng.sample([c.value for c in Cooperation], 2),
                audience=rng.choice([Audience.EVERYONE] * 8 + [Audience.EU, Audience.UKRAINE]),
            ),
        )
        participants.append(participant)
    viewer = participants[0]
    user = User(email=viewer.registration.email, role=Role.DELEGATE)
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.flush()
    viewer.registration.user_id = user.id
    return viewer


def directory_bench(url: str, count: int) -> None:
    app = fresh_app(url)
    with app.app_context():
        event = add_event(starts_on=forum_day(), ends_on=forum_day(), delegate_capacity=count)
        set_up(event, tables=30)
        start = time.perf_counter()
        viewer = fill_profiles(event, count)
        email = viewer.registration.email
        air_defence = next(t.id for t in setup.tags_of(event) if t.label == "Air defence")
        db.session.commit()
        print(f"  {count} profiles made in {time.perf_counter() - start:.1f} s")
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "ANALYZE"
                )
    client = app.test_client()
    signed_in = client.post("/sign-in", data={"email": email, "password": PASSWORD})
    assert signed_in.status_code == 302, signed_in.status_code
    pages = {
        "first page, no filter": ["/matchmaking/directory"],
        "search, Latin letters": [
            f"/matchmaking/directory?q={q}"
            for q in ("radar", "drone works", "karpati", "optics 12", "interceptors", "dnipro")
        ],
        "search, Cyrillic letters": [
            f"/matchmaking/directory?q={q}"
            for q in ("оптика", "Карпати", "розмінування", "дрони", "радари 7", "броньов")
        ],
        "one filter": [
            f"/matchmaking/directory?tag={air_defence}",
            "/matchmaking/directory?country=UA",
            "/matchmaking/directory?type=partner",
            "/matchmaking/directory?side=ukraine",
            "/matchmaking/directory?page=5",
        ],
        "filters and a search": [
            f"/matchmaking/directory?q=systems&tag={air_defence}&side=ukraine",
            "/matchmaking/directory?q=дрони&country=UA",
            f"/matchmaking/directory?q=radar&type=eu_industry&tag={air_defence}",
        ],
        "suggested for you": ["/matchmaking/suggestions"],
    }
    for paths in pages.values():  # warm up
        for path in paths:
            assert client.get(path).status_code == 200, path
    every, every_cpu = [], []
    for kind, paths in pages.items():
        times, cpu = [], []
        for _round in range(max(2, 24 // len(paths))):
            for path in paths:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                assert response.status_code == 200
        if kind != "suggested for you":
            every, every_cpu = every + times, every_cpu + cpu
        # CPU time of this process (the app, and SQLite in it): what a shared machine's
        # other work does not inflate.
        print(
            f"  {kind:<26} ({len(times):3} pages): {median_p95(times)};"
            f" CPU median {statistics.median(cpu):5.1f} ms"
        )
    print(
        f"  {'every directory page':<26} ({len(every):3} pages): {median_p95(every)};"
        f" CPU median {statistics.median(every_cpu):5.1f} ms"
    )
    drop_tables(app)


def threaded_app(url: str, workers: int):
    """As common.fresh_app, with a connection for each worker thread (the default pool
    holds 15)."""
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-secret-key-0123456789-0123456789",
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": workers, "max_overflow": 0},
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def accept_bench(url: str, accepting: int, workers: int) -> None:
    app = threaded_app(url, workers)
    with app.app_context():
        event = add_event(starts_on=forum_day(), ends_on=forum_day(), delegate_capacity=accepting)
        # 10 slots x 150 tables: room for the 1,000 meetings asked for, and to spare.
        set_up(event, tables=150)
        rng = random.Random(3)
        people = [delegate(event, n, rng) for n in range(accepting)]
        db.session.flush()
        participants = []
        for registration in people:
            participant = profiles.opt_in(event, registration)
            participant.mail_notices = False
            participants.append(participant)
        now = datetime.now(event.tz)
        received: dict[int, list[int]] = {p.id: [] for p in participants}
        for n, asked in enumerate(participants):
            # Asked by the two before it on a ring (never by a colleague: one per profile).
            for step in (1, 2):
                asker = participants[(n - step) % accepting]
                request = meeting_requests.send_request(event, asker, asked.id, "Meet?", now)
                received[asked.id].append(request.id)
        event_id = event.id
        db.session.commit()

    start_line = threading.Barrier(workers)
    refused, errors = [], []
    queue = list(received.items())
    lock = threading.Lock()

    def work() -> int:
        done = 0
        with app.app_context():
            start_line.wait(timeout=120)
            while True:
                with lock:
                    if not queue:
                        break
                    participant_id, request_ids = queue.pop()
                for request_id in request_ids:
                    try:
                        event = db.session.get(Event, event_id)
                        participant = db.session.get(Participant, participant_id)
                        booking.accept(event, request_id, participant, None, now)
                        db.session.commit()
                        done += 1
                    except MatchmakingError as refusal:
                        db.session.rollback()
                        refused.append(refusal.message)
                    except Exception as error:  # counted and shown below
                        db.session.rollback()
                        errors.append(repr(error))
            db.session.remove()
        return done

    started, started_cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        accepted = sum(pool.map(lambda _n: work(), range(workers)))
    seconds = time.perf_counter() - started
    cpu = (time.process_time() - started_cpu) * 1000 / max(accepted, 1)
    with app.app_context():
        seats = db.session.execute(sa.select(MeetingSeat.participant_id, MeetingSeat.slot_id)).all()
        tables = db.session.execute(sa.select(Meeting.table_id, Meeting.slot_id)).all()
        twice = (len(seats) - len(set(seats))) + (len(tables) - len(set(tables)))
    reasons = Counter(refused).most_common()
    print(
        f"  {accepting} participants accepting {2 * accepting} requests at once"
        f" ({workers} threads): {accepted} accepted, {len(refused)} refused,"
        f" {len(errors)} errors in {seconds:.1f} s = {accepted / seconds:.0f} accepts/s"
        f" (this process's CPU: {cpu:.1f} ms an accept); double bookings: {twice}"
    )
    for reason, count in reasons:
        print(f"   refused {count}: {reason}")
    if errors:
        print("   first error:", errors[0])
    assert twice == 0, "double booking"
    drop_tables(app)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=2000)
    parser.add_argument("--accepting", type=int, default=500)
    parser.add_argument("--workers", type=int, default=40)
    parser.add_argument(
        "--only", choices=["directory", "accepts"], help="run one of the two benchmarks"
    )
    args = parser.parse_args()
    print(f"B2B matchmaking, {os.cpu_count()} cores")
    for url in each_database():
        if args.only != "accepts":
            directory_bench(url, args.profiles)
        if args.only == "directory":
            continue
        # SQLite lets one writer in at a time: more threads only wait longer for the lock
        # (and its busy handler is not first come, first served: one may wait past the
        # 60 s timeout, "database is locked", on a loaded machine).
        workers = args.workers if url.startswith("postgres") else min(args.workers, 4)
        accept_bench(url, args.accepting, workers)


if __name__ == "__main__":
    main()
