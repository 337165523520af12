"""What the database itself guards: uniqueness, checks and time zones."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.programme.models import Room, WorkingSession
from forum.registration.models import TRANSITIONS, Registration, RegistrationState
from forum.registration.search import ListFilter, search
from forum.text import fold
from tests import factories


def test_one_registration_per_email_per_event_whatever_the_case(event):
    factories.create_registration(event, email="Olena.Bondarenko@example.org")
    with pytest.raises(sa.exc.IntegrityError):
        factories.create_registration(event, email="olena.bondarenko@EXAMPLE.org")
    db.session.rollback()


def test_the_same_email_may_register_for_another_event(event):
    other = factories.create_event()
    factories.create_registration(event, email="a@example.org")
    factories.create_registration(other, email="A@example.org")
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 2


def test_a_session_cannot_end_before_it_starts(event):
    room = Room(event_id=event.id, name="Room Kyiv", capacity=90)
    start = datetime(2024, 5, 6, 9, tzinfo=UTC)
    db.session.add(
        WorkingSession(
            event_id=event.id,
            room=room,
            title="Backwards",
            starts_at=start,
            ends_at=start - timedelta(hours=1),
        )
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_negative_room_capacity_is_refused(event):
    db.session.add(Room(event_id=event.id, name="Broken", capacity=-1))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_unknown_state_value_is_refused_by_the_database(event):
    registration = factories.create_registration(event)
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(
            sa.text("UPDATE registrations SET state = 'teleported' WHERE id = :id"),
            {"id": registration.id},
        )
        db.session.flush()
    db.session.rollback()


def test_timestamps_come_back_timezone_aware_in_utc(event):
    registration = factories.create_registration(event)
    db.session.commit()
    db.session.expire_all()
    loaded = db.session.get(Registration, registration.id)
    assert loaded.created_at.tzinfo is not None
    assert loaded.created_at.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(event):
    registration = factories.create_registration(event)
    registration.decided_at = datetime(2024, 5, 6, 9)
    with pytest.raises(sa.exc.StatementError, match="naive"):
        db.session.flush()
    db.session.rollback()


def test_search_ignores_accents_and_case(event):
    registration = factories.create_registration(
        event, given_name="Sébastien", family_name="Lefèvre", organisation="Ministère des Armées"
    )
    factories.create_registration(event, given_name="Sebastian", family_name="Lefebvre")
    for query in ("sebastien lefevre", "SÉBASTIEN", "ministere"):
        assert [r.id for r in search(event, ListFilter(q=query)).items] == [registration.id]
    assert fold("Олександр") == "олександр"


def test_withdrawn_and_cancelled_are_final_states():
    assert TRANSITIONS[RegistrationState.WITHDRAWN] == frozenset()
    assert TRANSITIONS[RegistrationState.CANCELLED] == frozenset()
    assert RegistrationState.APPROVED not in TRANSITIONS[RegistrationState.SUBMITTED]
