"""The one decision rule, reason by reason, and what "inside" means."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.badges.tokens import issue_token
from forum.checkin import decide, messages
from forum.checkin.models import Direction, Scan, ScanStatus
from forum.db import utcnow
from forum.extensions import db
from forum.registration.models import BadgeCategory, RegistrationState
from tests import factories
from tests.checkin.conftest import badge, scan


def verdict(event, checkpoint, code, direction="in"):
    return decide.decide(event, checkpoint, Direction(direction), utcnow(), code=code)


def test_an_accredited_badge_enters_the_venue(event, entrance, approved):
    result = verdict(event, entrance, badge(approved))
    assert result.status is ScanStatus.ACCEPTED
    assert result.reason == ""
    assert result.registration.id == approved.id


@pytest.mark.parametrize(
    "code, reason",
    [
        ("hello world", "malformed"),
        ("", "malformed"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "malformed"),
    ],
)
def test_unreadable_and_forged_codes_are_refused(event, entrance, code, reason):
    result = verdict(event, entrance, code)
    assert (result.status, result.reason) == (ScanStatus.REJECTED, reason)


def test_a_code_with_one_changed_character_is_forged(event, entrance, approved):
    code = badge(approved)
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert verdict(event, entrance, forged).reason == "bad_signature"


def test_a_badge_signed_with_another_key_is_forged(app, event, entrance, approved):
    app.config["BADGE_SIGNING_KEYS"] = ["a key that is not the forum's, 0123456789abcdef"]
    forged = badge(approved)
    app.config["BADGE_SIGNING_KEYS"] = None
    assert verdict(event, entrance, forged).reason == "bad_signature"


def test_a_reissued_badge_is_refused(event, entrance, approved):
    old = badge(approved)
    approved.badge_version += 1
    db.session.flush()
    assert verdict(event, entrance, old).reason == "reissued"
    assert verdict(event, entrance, badge(approved)).reason == ""


def test_the_old_badge_of_a_delegate_sent_back_to_the_officers_says_so(event, entrance, approved):
    """A new photo or country sends the registration back to pending and reissues the badge:
    the door answers "awaiting a decision" (send to the desk), not "ask for the new badge"."""
    from forum.registration import services

    old = badge(approved)
    services.update_person(approved, {"country": "PL"})
    result = verdict(event, entrance, old)
    assert (result.status, result.reason) == (ScanStatus.REJECTED, decide.NOT_ACCREDITED)
    assert messages.message(result.reason, "in", result.registration) == (
        "Not accredited: the registration is still awaiting a decision."
    )


def test_a_badge_of_another_event_is_refused(event, entrance):
    other = factories.create_event(slug="other-forum")
    stranger = factories.create_registration(other, state=RegistrationState.APPROVED)
    assert verdict(event, entrance, issue_token(stranger)).reason == "foreign_event"


def test_a_deleted_registration_is_unknown(event, entrance, approved):
    code = badge(approved)
    db.session.delete(approved)
    db.session.flush()
    assert verdict(event, entrance, code).reason == "unknown"


@pytest.mark.parametrize(
    "state, words",
    [
        (RegistrationState.PENDING, "awaiting a decision"),
        (RegistrationState.REJECTED, "rejected"),
        (RegistrationState.WITHDRAWN, "withdrew"),
        (RegistrationState.CANCELLED, "cancelled"),
        (RegistrationState.WAITLISTED, "waiting list"),
    ],
)
def test_not_accredited_says_which_state(app, event, entrance, state, words):
    person = factories.create_registration(event, state=state)
    result = verdict(event, entrance, badge(person))
    assert result.reason == "not_accredited"
    with app.test_request_context():
        assert words in messages.message(result.reason, "in", person)


def test_a_category_not_admitted_at_the_door(app, event, approved):
    vip_door = factories.create_checkpoint(event, name="VIP lounge", allowed_categories=["vip"])
    result = verdict(event, vip_door, badge(approved))
    assert result.reason == "category_not_allowed"
    with app.test_request_context():
        assert messages.message(result.reason, "in", approved) == (
            "Delegate badges are not admitted at this door."
        )
    approved.category = BadgeCategory.VIP
    assert verdict(event, vip_door, badge(approved)).reason == ""


def test_a_session_room_admits_signed_up_speakers_and_organisers(event, room_door, approved):
    assert verdict(event, room_door, badge(approved)).reason == "not_signed_up"
    session = room_door.session
    sign_up = factories.create_sign_up(session, approved, state="waitlisted")
    assert verdict(event, room_door, badge(approved)).reason == "not_signed_up"
    sign_up.state = "confirmed"
    db.session.flush()
    assert verdict(event, room_door, badge(approved)).reason == ""

    from forum.programme.models import SpeakerAssignment, SpeakerRole

    speaker = factories.create_registration(event, state=RegistrationState.APPROVED)
    db.session.add(
        SpeakerAssignment(
            session_id=session.id, registration_id=speaker.id, role=SpeakerRole.PANELLIST
        )
    )
    db.session.flush()
    assert verdict(event, room_door, badge(speaker)).reason == ""

    for category in (BadgeCategory.ORGANISER, BadgeCategory.STAFF):
        crew = factories.create_registration(
            event, state=RegistrationState.APPROVED, category=category
        )
        assert verdict(event, room_door, badge(crew)).reason == ""
    press = factories.create_registration(
        event, state=RegistrationState.APPROVED, category=BadgeCategory.PRESS
    )
    assert verdict(event, room_door, badge(press)).reason == "not_signed_up"


def test_already_inside_says_since_when_and_at_which_door(app, event, entrance, approved):
    side_door = factories.create_checkpoint(event, name="Side door")
    at = datetime(2024, 5, 6, 6, 42, tzinfo=UTC)  # 08:42 in Brussels
    first = scan(event, entrance, badge(approved), now=at)
    assert first.colour == "green"

    second = scan(event, side_door, badge(approved), now=at + timedelta(minutes=3))
    assert (second.scan.status, second.scan.reason) == (ScanStatus.REJECTED, "already_inside")
    assert second.colour == "amber"
    assert second.presence.door == "Venue entrance"
    with app.test_request_context():
        assert second.to_json()["message"] == "Already inside since 08:42 at Venue entrance."


def test_re_entry_after_an_exit_is_allowed(event, entrance, approved):
    code = badge(approved)
    assert scan(event, entrance, code).colour == "green"
    assert scan(event, entrance, code, direction="out").colour == "green"
    assert scan(event, entrance, code).colour == "green"
    assert scan(event, entrance, code).colour == "amber"


def test_an_exit_is_recorded_for_any_genuine_badge(event, entrance):
    pending = factories.create_registration(event, state=RegistrationState.PENDING)
    assert verdict(event, entrance, badge(pending), "out").status is ScanStatus.ACCEPTED
    assert verdict(event, entrance, "forged", "out").reason == "malformed"


def test_the_venue_and_each_room_are_separate_scopes(event, entrance, room_door, approved):
    factories.create_sign_up(room_door.session, approved)
    code = badge(approved)
    assert scan(event, entrance, code).colour == "green"
    assert scan(event, room_door, code).colour == "green"
    assert scan(event, room_door, code).colour == "amber"
    assert scan(event, entrance, code).colour == "amber"


def test_an_annulled_entry_does_not_count(event, entrance, approved):
    first = scan(event, entrance, badge(approved))
    db.session.get(Scan, first.scan.id).annulled_at = utcnow()
    db.session.flush()
    assert scan(event, entrance, badge(approved)).colour == "green"


def test_every_attempt_is_recorded(event, entrance, approved):
    scan(event, entrance, badge(approved))
    scan(event, entrance, "garbage")
    scan(event, entrance, badge(approved))
    rows = db.session.scalars(db.select(Scan).order_by(Scan.id)).all()
    assert [(r.status.value, r.reason) for r in rows] == [
        ("accepted", ""),
        ("rejected", "malformed"),
        ("rejected", "already_inside"),
    ]
    assert rows[1].registration_id is None


@pytest.mark.parametrize("direction", ["in", "out"])
def test_a_scan_is_undone_with_its_transaction(event, entrance, approved, direction):
    # An entry is recorded by an INSERT that starts with WITH, which Python's sqlite3
    # would otherwise run outside the transaction.
    code = badge(approved)
    db.session.commit()
    assert scan(event, entrance, code, direction=direction).colour == "green"
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Scan)) == 0
    assert scan(event, entrance, code, direction=direction).colour == "green"
