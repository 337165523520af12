"""A door's own rules (opening hours by day and time, how long the answer stays), the reason
given for a badge whose registration went back to the officers, and "already inside"
counted apart from refusals (issue 16)."""

from datetime import datetime, time, timedelta

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.checkin.hours import Window
from forum.checkin.models import Checkpoint
from forum.db import utcnow
from forum.extensions import db
from forum.registration.models import RegistrationState
from forum.registration.services import update_person
from tests import factories
from tests.checkin.conftest import badge, scan


@pytest.fixture
def days(event):
    """The event spans yesterday, today and tomorrow (in its time zone)."""
    today = utcnow().astimezone(event.tz).date()
    event.starts_on, event.ends_on = today - timedelta(days=1), today + timedelta(days=1)
    db.session.commit()
    return today - timedelta(days=1), today, today + timedelta(days=1)


def hours_of(*windows: tuple) -> list[dict]:
    return [
        Window(day, time.fromisoformat(a), time.fromisoformat(b)).to_json() for day, a, b in windows
    ]


def test_a_side_door_open_only_tomorrow_afternoon_says_when_it_opens(
    event, entrance, approved, days
):
    _yesterday, _today, tomorrow = days
    entrance.entry_windows = hours_of((tomorrow, "13:00", "18:00"))
    db.session.commit()
    answer = scan(event, entrance, badge(approved)).to_json()
    assert (answer["status"], answer["reason"], answer["colour"]) == (
        "rejected",
        "outside_hours",
        "red",
    )
    day = f"{tomorrow:%A} {tomorrow.day} {tomorrow:%B}"
    assert answer["message"] == (
        f"This door is not open for entry now: it opens at 13:00 on {day}. "
        "Send them to an open entrance."
    )
    # Exits are never refused for the time of day.
    assert scan(event, entrance, badge(approved), direction="out").scan.status.value == "accepted"


def test_a_door_whose_hours_are_over_says_so_in_ukrainian(app, event, entrance, approved, days):
    yesterday, _today, _tomorrow = days
    entrance.entry_windows = hours_of((yesterday, "09:00", "12:30"))
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "uk"}):
        answer = scan(event, entrance, badge(approved)).to_json()
    assert answer["reason"] == "outside_hours"
    assert answer["message"].startswith(
        "Цей пункт більше не пропускає: він востаннє працював до 12:30"
    )
    assert answer["message"].endswith("Направте до відкритого входу.")


def test_within_its_hours_a_door_admits_and_offline_scans_are_judged_as_of_their_time(
    event, entrance, approved, days
):
    yesterday, today, _tomorrow = days
    entrance.entry_windows = hours_of((yesterday, "09:00", "12:00"), (today, "00:00", "23:59"))
    db.session.commit()
    assert scan(event, entrance, badge(approved)).scan.status.value == "accepted"
    scan(event, entrance, badge(approved), direction="out")
    # An offline entry made yesterday at 10:00 (inside) and one at 15:00 (outside).
    at = datetime.combine(yesterday, time(10, 0), tzinfo=event.tz)
    inside = scan(event, entrance, badge(approved), scanned_at=at, offline=True)
    assert inside.scan.status.value == "accepted"
    later = datetime.combine(yesterday, time(15, 0), tzinfo=event.tz)
    outside = scan(event, entrance, badge(approved), scanned_at=later, offline=True)
    assert outside.scan.reason == "outside_hours"


def test_the_offline_list_and_the_checkpoints_carry_the_hours(
    client, auth, event, entrance, approved, days
):
    _yesterday, _today, tomorrow = days
    entrance.entry_windows = hours_of((tomorrow, "13:00", "18:00"))
    entrance.answer_seconds = 5
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    listed = client.get(f"/api/v1/checkpoints/{entrance.id}/offline-list").get_json()
    start = datetime.combine(tomorrow, time(13, 0), tzinfo=event.tz)
    assert datetime.fromisoformat(listed["hours"]["windows"][0]["start"]) == start
    assert listed["hours"]["text"].endswith("13:00–18:00")
    door = client.get("/api/v1/checkpoints").get_json()["checkpoints"][0]
    assert door["answer_seconds"] == 5 and len(door["entry_windows"]) == 1


def test_organisers_set_a_doors_hours_and_answer_time(client, auth, event, entrance, days):
    _yesterday, today, tomorrow = days
    organiser = auth.as_role(Role.ORGANISER)
    page = client.get(f"/scanner/doors/{entrance.id}")
    assert page.status_code == 200 and "Opening hours" in page.get_data(as_text=True)
    form = {
        "name": "Venue entrance",
        "answer_seconds": "10",
        "windows-0-day": tomorrow.isoformat(),
        "windows-0-opens": "13:00",
        "windows-0-closes": "18:00",
        "windows-1-day": today.isoformat(),
        "windows-1-opens": "08:00",
        "windows-1-closes": "10:00",
    }
    response = client.post(f"/scanner/doors/{entrance.id}", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.rollback()
    door = db.session.get(Checkpoint, entrance.id)
    assert door.answer_seconds == 10
    assert door.entry_windows == [
        {"day": today.isoformat(), "from": "08:00", "to": "10:00"},
        {"day": tomorrow.isoformat(), "from": "13:00", "to": "18:00"},
    ]
    audit = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "checkpoint.settings")
    )
    assert audit.actor_id == organiser.id and audit.details["after"]["answer_seconds"] == 10
    doors = client.get("/scanner/doors").get_data(as_text=True)
    assert "13:00–18:00" in doors and "Answer for 10 s" in doors


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"opens": "18:00", "closes": "13:00"}, "Each opening time must end after it starts."),
        ({"closes": ""}, "Give each opening time a day, a start and an end."),
    ],
)
def test_wrong_hours_are_refused_and_nothing_changes(
    client, auth, event, entrance, days, row, message
):
    auth.as_role(Role.ORGANISER)
    fields = {"day": days[1].isoformat(), "opens": "13:00", "closes": "18:00", **row}
    form = {
        "name": "Venue entrance",
        "answer_seconds": "5",
        **{f"windows-0-{k}": v for k, v in fields.items()},
    }
    response = client.post(f"/scanner/doors/{entrance.id}", data=form)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db.session.rollback()
    door = db.session.get(Checkpoint, entrance.id)
    assert door.entry_windows == [] and door.answer_seconds is None


def test_a_day_outside_the_event_is_refused(client, auth, event, entrance, days):
    auth.as_role(Role.ORGANISER)
    form = {
        "name": "Venue entrance",
        "answer_seconds": "0",
        "windows-0-day": (days[2] + timedelta(days=5)).isoformat(),
        "windows-0-opens": "13:00",
        "windows-0-closes": "18:00",
    }
    response = client.post(f"/scanner/doors/{entrance.id}", data=form)
    assert response.status_code == 400  # not one of the event's days to choose from
    db.session.rollback()
    assert db.session.get(Checkpoint, entrance.id).entry_windows == []


def test_only_organisers_change_a_doors_settings(client, auth, event, entrance):
    auth.as_role(Role.STAFF)
    assert client.get(f"/scanner/doors/{entrance.id}").status_code == 403
    assert client.post(f"/scanner/doors/{entrance.id}", data={}).status_code == 403


def test_an_old_badge_after_an_edit_is_awaiting_a_new_decision(client, auth, event, entrance):
    person = factories.create_registration(
        event, given_name="Ludivine", family_name="Dedonder", state=RegistrationState.APPROVED
    )
    person.decided_at = utcnow()
    db.session.commit()
    old_badge = badge(person)
    update_person(person, {"family_name": "Dedonder-Martin"}, actor=None)
    db.session.commit()
    assert person.state is RegistrationState.PENDING and badge(person) != old_badge
    answer = scan(event, entrance, old_badge).to_json()
    assert answer["reason"] == "awaiting_new_decision"
    assert answer["message"] == (
        "Awaiting a new accreditation decision after a change to the registration: "
        "send to the accreditation desk."
    )
    # Its current badge (never printed while pending) says the same, not "old badge".
    assert scan(event, entrance, badge(person)).scan.reason == "awaiting_new_decision"


def test_a_first_decision_still_awaited_is_not_a_new_one(event, entrance):
    person = factories.create_registration(event, state=RegistrationState.PENDING)
    db.session.commit()
    answer = scan(event, entrance, badge(person)).to_json()
    assert answer["reason"] == "not_accredited"
    assert answer["message"] == "Not accredited: the registration is still awaiting a decision."


def test_already_inside_is_counted_apart_from_refusals(client, auth, event, entrance, approved):
    scan(event, entrance, badge(approved))
    scan(event, entrance, badge(approved))  # shown again: amber
    scan(event, entrance, "garbage")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    data = client.get("/attendance.json").get_json()
    assert data["already_inside"] == 1
    assert data["refusals"] == [{"reason": "malformed", "label": "Unreadable code", "count": 1}]
    minutes = data["per_minute"]
    assert sum(m["accepted"] for m in minutes) == 1
    assert sum(m["already_inside"] for m in minutes) == 1
    assert sum(m["rejected"] for m in minutes) == 1
    stats = client.get(f"/api/v1/checkpoints/{entrance.id}/stats").get_json()
    assert (stats["accepted"], stats["already_inside"], stats["rejected"]) == (1, 1, 1)
    assert [r["reason"] for r in stats["refusals"]] == ["malformed"]
