"""Public programme page and My agenda with 60 sessions and 5,000 delegates with sign-ups.

Prints the median and p95 of the public programme (anonymous and as a delegate,
with sign-up buttons), My agenda, the programme .ics and GET /api/v1/programme,
on SQLite and, when FORUM_BENCH_DATABASE_URL or FORUM_TEST_DATABASE_URL is set
(make bench runs it under .ci/with-postgres), on PostgreSQL.

    .venv/bin/python bench/bench_programme.py [--delegates 5000] [--sessions 60]
"""

import argparse
import os
import random
import time
from datetime import date, datetime, timedelta

from common import add_event, drop_tables, each_database, fresh_app, median_p95, timed

from forum.auth.models import Role
from forum.auth.services import create_user
from forum.demo import data
from forum.events.models import Event
from forum.extensions import db
from forum.programme.models import (
    Room,
    SessionFormat,
    SignUp,
    SignUpState,
    SpeakerAssignment,
    SpeakerProfile,
    SpeakerRole,
    WorkingSession,
)
from forum.registration.models import OrganisationType, Registration, RegistrationState

PASSWORD = "bench password 123"


def fill(event: Event, delegates: int, sessions: int) -> None:
    """Rooms, `sessions` sessions over two days with two speakers each, delegates and sign-ups."""
    rng = random.Random(11)
    rooms = [Room(event_id=event.id, name=f"Room {i + 1}", capacity=120) for i in range(6)]
    profiles = [
        SpeakerProfile(event_id=event.id, full_name=name, organisation=org, position=pos)
        for name, _t, pos, org, _c in data.PUBLIC_SPEAKERS
    ]
    db.session.add_all(rooms + profiles)
    db.session.flush()
    created = []
    per_day = sessions // 2
    for i in range(sessions):
        day = event.starts_on + timedelta(days=i // per_day)
        slot, room = divmod(i % per_day, len(rooms))
        start = datetime.combine(day, datetime.min.time(), tzinfo=event.tz) + timedelta(
            hours=8 + slot * 1.5
        )
        session = WorkingSession(
            event_id=event.id,
            room=rooms[room],
            title=f"Working session {i + 1}: {rng.choice(data.SESSIONS)[5]}",
            theme=rng.choice(data.SESSIONS)[4],
            format=SessionFormat.WORKING_SESSION,
            starts_at=start,
            ends_at=start + timedelta(hours=1, minutes=15),
            published=True,
        )
        for position, profile in enumerate(rng.sample(profiles, 2)):
            session.speakers.append(
                SpeakerAssignment(
                    role=SpeakerRole.PANELLIST, position=position, speaker_profile=profile
                )
            )
        created.append(session)
    db.session.add_all(created)
    db.session.flush()
    by_slot: dict = {}
    for session in created:
        by_slot.setdefault(session.starts_at, []).append(session)
    taken = {s.id: 0 for s in created}
    batch = []
    for i in range(delegates):
        registration = Registration(
            event_id=event.id,
            given_name=rng.choice(data.LATIN_GIVEN + data.CYRILLIC_GIVEN),
            family_name=rng.choice(data.LATIN_FAMILY + data.CYRILLIC_FAMILY),
            email=f"bench{i}@example.org",
            organisation="Bench Defence SA",
            organisation_type=OrganisationType.EU_INDUSTRY,
            country="BE",
            state=RegistrationState.APPROVED,
        )
        registration.refresh_keys()
        batch.append(registration)
    db.session.add_all(batch)
    db.session.flush()
    sign_ups = []
    for registration in batch:
        for slot_sessions in by_slot.values():
            if rng.random() < 0.5:
                continue
            session = rng.choice(slot_sessions)
            full = taken[session.id] >= 120
            sign_ups.append(
                SignUp(
                    session_id=session.id,
                    registration_id=registration.id,
                    state=SignUpState.WAITLISTED if full else SignUpState.CONFIRMED,
                )
            )
            taken[session.id] += 0 if full else 1
    db.session.add_all(sign_ups)
    user = create_user("delegate@bench.example", PASSWORD, Role.DELEGATE)
    batch[0].user_id = user.id
    db.session.commit()
    print(f"  {len(created)} sessions, {delegates} delegates, {len(sign_ups)} sign-ups")


def report(label: str, times: list[float]) -> None:
    print(f"  {label:<42} {median_p95(times)}")


def run(url: str, delegates: int, sessions: int, repeat: int) -> None:
    app = fresh_app(url)
    with app.app_context():
        event = add_event(ends_on=date(2024, 5, 7), programme_published=True)
        start = time.perf_counter()
        fill(event, delegates, sessions)
        print(f"  loaded in {time.perf_counter() - start:.1f} s")

    anonymous = app.test_client()
    delegate = app.test_client()
    signed_in = delegate.post(
        "/sign-in", data={"email": "delegate@bench.example", "password": PASSWORD}
    )
    assert signed_in.status_code == 302, signed_in.status_code
    pages = [
        ("public programme, day 1 (anonymous)", anonymous, "/programme?day=2024-05-06"),
        ("public programme, day 2 (delegate)", delegate, "/programme?day=2024-05-07"),
        ("My agenda (delegate)", delegate, "/my/agenda"),
        ("whole programme .ics", anonymous, "/programme/programme.ics"),
        ("GET /api/v1/programme", anonymous, "/api/v1/programme"),
    ]
    for label, client, path in pages:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        report(label, timed(lambda c=client, p=path: c.get(p), repeat))
    drop_tables(app)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print(f"Programme pages, {os.cpu_count()} cores")
    for url in each_database():
        run(url, args.delegates, args.sessions, args.repeat)


if __name__ == "__main__":
    main()
