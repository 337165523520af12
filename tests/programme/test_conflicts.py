"""Each conflict rule, both ways: it fires when it should and stays quiet otherwise."""

import pytest

from forum.extensions import db
from forum.programme.conflicts import Rule, conflicts_for_event
from forum.programme.models import SignUp, SignUpState, SpeakerAssignment, SpeakerRole
from forum.programme.services import ProgrammeError, SessionData, local_datetime, save_session
from forum.registration.models import RegistrationState
from tests import factories


def rules(event):
    return sorted(c.rule for c in conflicts_for_event(event))


def data(event, room, start="11:00", end="12:00", day=None, capacity=None, title="New session"):
    from datetime import time

    from forum.programme.models import SessionFormat

    day = day or event.starts_on
    return SessionData(
        title=title,
        theme="",
        format=SessionFormat.WORKING_SESSION,
        description="",
        room_id=room.id if room else None,
        starts_at=local_datetime(event, day, time.fromisoformat(start)),
        ends_at=local_datetime(event, day, time.fromisoformat(end)),
        capacity=capacity,
        signup_required=True,
        published=True,
    )


def test_room_booked_twice_is_refused_on_save(programme, room):
    factories.create_session(programme, "11:00", "12:30", room=room, title="Air defence")
    with pytest.raises(ProgrammeError) as refused:
        save_session(programme, None, data(programme, room, "12:00", "13:00"))
    assert "Air defence" in str(refused.value)
    assert rules(programme) == []  # nothing was saved


def test_back_to_back_sessions_and_other_rooms_are_fine(programme, room):
    other = factories.create_room(programme, name="Room Lviv")
    factories.create_session(programme, "11:00", "12:30", room=room)
    save_session(programme, None, data(programme, room, "12:30", "13:30"))
    save_session(programme, None, data(programme, other, "11:00", "12:30"))
    assert rules(programme) == []


def test_room_double_booking_shows_on_the_warnings_page(programme, room):
    factories.create_session(programme, "11:00", "12:30", room=room)
    factories.create_session(programme, "12:00", "13:00", room=room)  # written behind the rules
    assert rules(programme) == [Rule.ROOM_DOUBLE_BOOKED]


def test_session_outside_the_event_days_is_refused(programme, room):
    from datetime import timedelta

    with pytest.raises(ProgrammeError) as refused:
        save_session(
            programme, None, data(programme, room, day=programme.starts_on + timedelta(days=1))
        )
    assert "outside the days of the event" in str(refused.value)
    save_session(programme, None, data(programme, room, "08:00", "23:59"))  # inside: fine


def speak(session, registration=None, profile=None, role=SpeakerRole.PANELLIST):
    session.speakers.append(
        SpeakerAssignment(role=role, registration=registration, speaker_profile=profile)
    )
    db.session.flush()


def test_speaker_in_two_overlapping_sessions_is_a_warning_whatever_the_roles(programme, room):
    other = factories.create_room(programme, name="Room Lviv")
    first = factories.create_session(programme, "11:00", "12:30", room=room)
    second = factories.create_session(programme, "12:00", "13:00", room=other)
    _user, speaker = factories.create_delegate(programme)
    speak(first, speaker, role=SpeakerRole.MODERATOR)
    speak(second, speaker, role=SpeakerRole.RAPPORTEUR)
    assert rules(programme) == [Rule.SPEAKER_DOUBLE_BOOKED]


def test_speaker_in_two_sessions_that_do_not_overlap_is_fine(programme, room):
    from forum.programme.models import SpeakerProfile

    first = factories.create_session(programme, "11:00", "12:30", room=room)
    second = factories.create_session(programme, "12:30", "13:00", room=room)
    guest = SpeakerProfile(event_id=programme.id, full_name="Олександр Камишин")
    db.session.add(guest)
    speak(first, profile=guest)
    speak(second, profile=guest)
    assert rules(programme) == []


def test_capacity_above_the_room_is_a_warning(programme, room):
    result = save_session(programme, None, data(programme, room, capacity=120))
    assert [w.rule for w in result.warnings] == [Rule.CAPACITY_ABOVE_ROOM]
    assert rules(programme) == [Rule.CAPACITY_ABOVE_ROOM]


def test_capacity_within_the_room_is_fine(programme, room):
    result = save_session(programme, None, data(programme, room, capacity=90))
    assert result.warnings == []


def test_confirmed_sign_ups_above_capacity_is_a_warning(programme, room):
    session = factories.create_session(programme, room=room, capacity=2)
    for _ in range(3):
        _user, delegate = factories.create_delegate(programme)
        db.session.add(
            SignUp(session_id=session.id, registration_id=delegate.id, state=SignUpState.CONFIRMED)
        )
    db.session.flush()
    assert rules(programme) == [Rule.SIGN_UPS_ABOVE_CAPACITY]
    session.capacity = 3
    db.session.flush()
    assert rules(programme) == []


def test_speaker_who_is_a_delegate_but_not_accredited_is_a_warning(programme, room):
    session = factories.create_session(programme, room=room)
    _user, pending = factories.create_delegate(programme, state=RegistrationState.PENDING)
    speak(session, pending)
    assert rules(programme) == [Rule.SPEAKER_NOT_ACCREDITED]
    pending.state = RegistrationState.APPROVED
    db.session.flush()
    assert rules(programme) == []


@pytest.mark.parametrize(
    ("start", "end", "capacity", "message"),
    [
        ("12:00", "11:00", None, "must end after it starts"),
        ("11:00", "11:00", None, "must end after it starts"),
        ("11:00", "12:00", -5, "cannot be negative"),
    ],
)
def test_bad_sessions_are_refused_with_a_clear_message(
    programme, room, start, end, capacity, message
):
    with pytest.raises(ProgrammeError) as refused:
        save_session(programme, None, data(programme, room, start, end, capacity=capacity))
    assert message in str(refused.value)
    assert rules(programme) == [] and not programme_sessions(programme)


def test_unknown_room_is_refused(programme, room):
    bad = data(programme, room)
    bad.room_id = 999_999
    with pytest.raises(ProgrammeError, match="room does not exist"):
        save_session(programme, None, bad)
    assert not programme_sessions(programme)


def test_room_of_another_event_is_unknown(programme, room):
    other_event = factories.create_event()
    foreign = factories.create_room(other_event)
    with pytest.raises(ProgrammeError, match="room does not exist"):
        save_session(programme, None, data(programme, foreign))


def programme_sessions(event):
    import sqlalchemy as sa

    from forum.programme.models import WorkingSession

    return db.session.scalars(
        sa.select(WorkingSession).where(WorkingSession.event_id == event.id)
    ).all()
