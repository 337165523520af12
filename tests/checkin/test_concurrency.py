"""Scanners racing with real threads, through the HTTP API with device tokens.

The same badge at two doors at once runs on SQLite too: there the insert that checks who
is inside is serialised by SQLite's single writer, on PostgreSQL by the registration's
row lock.
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from forum.badges.tokens import issue_token
from forum.checkin.devices import create_device_token
from forum.checkin.models import Scan, ScanStatus
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from tests import factories
from tests.threads import run_threads

SCANNERS = 16


def device_headers(checkpoint, count: int) -> list[dict]:
    headers = []
    for n in range(count):
        _device, token = create_device_token(f"Scanner {n}", [checkpoint])
        headers.append({"Authorization": f"Bearer {token}"})
    return headers


def post_scan(app, headers, checkpoint_id, code):
    with app.app_context():  # each thread: its own context, so its own database session
        try:
            response = app.test_client().post(
                "/api/v1/scans",
                json={
                    "code": code,
                    "checkpoint": checkpoint_id,
                    "direction": "in",
                    "nonce": uuid.uuid4().hex,
                },
                headers=headers,
            )
        finally:
            db.session.remove()
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_sixteen_scanners_on_the_same_badge_at_once_give_one_entry(app, event):
    entrance = factories.create_checkpoint(event, name="Venue entrance")
    side_door = factories.create_checkpoint(event, name="Side door")
    person = factories.create_registration(event, state=RegistrationState.APPROVED)
    code = issue_token(person)
    # Half the scanners at each of two venue doors: the badge handed over the fence.
    doors = [(entrance.id, h) for h in device_headers(entrance, SCANNERS // 2)]
    doors += [(side_door.id, h) for h in device_headers(side_door, SCANNERS // 2)]
    db.session.commit()
    barrier = threading.Barrier(SCANNERS)
    answers: list[dict] = []

    def scan(door_id, scanner_headers):
        barrier.wait()
        answers.append(post_scan(app, scanner_headers, door_id, code))

    run_threads(scan, doors)

    assert sorted(a["colour"] for a in answers) == ["amber"] * (SCANNERS - 1) + ["green"]
    rows = db.session.execute(sa.select(Scan.status, Scan.reason)).all()
    assert len(rows) == SCANNERS
    assert sum(1 for status, _ in rows if status == ScanStatus.ACCEPTED) == 1
    # Every refusal names the one entry: its time and its door.
    (entry,) = [a for a in answers if a["colour"] == "green"]
    for answer in answers:
        assert answer["first_scan_at"] == entry["first_scan_at"]
        assert answer["first_scan_door"] == entry["checkpoint"]["name"]


@pytest.mark.postgres
def test_sixteen_scanners_over_a_thousand_badges(app, event):
    entrance = factories.create_checkpoint(event, name="Venue entrance")
    people = [
        Registration(
            event_id=event.id,
            given_name="Delegate",
            family_name=f"No {n}",
            email=f"d{n}@example.org",
            email_key=f"d{n}@example.org",
            organisation="Ardennes Munitions SA",
            organisation_type="eu_industry",
            country="BE",
            state=RegistrationState.APPROVED,
        )
        for n in range(1000)
    ]
    db.session.add_all(people)
    db.session.flush()
    codes = [issue_token(p) for p in people]
    headers = device_headers(entrance, SCANNERS)
    db.session.commit()
    entrance_id = entrance.id

    def scan(index):
        return post_scan(app, headers[index % SCANNERS], entrance_id, codes[index])["status"]

    with ThreadPoolExecutor(SCANNERS) as pool:
        statuses = list(pool.map(scan, range(len(codes))))

    assert statuses == ["accepted"] * 1000
    total, accepted, people_in = db.session.execute(
        sa.select(
            sa.func.count(),
            sa.func.count().filter(Scan.status == ScanStatus.ACCEPTED),
            sa.func.count(sa.distinct(Scan.registration_id)),
        )
    ).one()
    assert (total, accepted, people_in) == (1000, 1000, 1000)
