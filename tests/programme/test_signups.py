"""Sign-ups: seats, the waiting list in arrival order, promotion, overlaps and refusals."""

import threading

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.programme.models import SignUp, SignUpState
from forum.programme.services import ProgrammeError
from forum.programme.signups import agenda_of, cancel_sign_up, sign_up, waitlist_position
from forum.registration.models import RegistrationState
from tests import factories
from tests.threads import run_threads


def states(session):
    return db.session.scalars(
        sa.select(SignUp.state)
        .where(SignUp.session_id == session.id)
        .order_by(SignUp.created_at, SignUp.id)
    ).all()


def test_seats_then_waiting_list_in_arrival_order(programme, room):
    session = factories.create_session(programme, room=room, capacity=2)
    delegates = [factories.create_delegate(programme)[1] for _ in range(4)]
    entries = [sign_up(programme, d, session.id) for d in delegates]
    assert [e.state for e in entries] == [
        SignUpState.CONFIRMED,
        SignUpState.CONFIRMED,
        SignUpState.WAITLISTED,
        SignUpState.WAITLISTED,
    ]
    assert [waitlist_position(e) for e in entries] == [None, None, 1, 2]


def test_capacity_defaults_to_the_room(programme):
    small = factories.create_room(programme, capacity=1)
    session = factories.create_session(programme, room=small)
    first, second = (factories.create_delegate(programme)[1] for _ in range(2))
    assert sign_up(programme, first, session.id).state is SignUpState.CONFIRMED
    assert sign_up(programme, second, session.id).state is SignUpState.WAITLISTED


def test_cancelling_frees_the_seat_for_the_first_waitlisted_who_is_emailed(
    app, programme, room, outbox
):
    session = factories.create_session(programme, room=room, capacity=1, title="Electronic warfare")
    seated = factories.create_delegate(programme)[1]
    first = factories.create_delegate(programme, locale="uk", given_name="Олена")[1]
    second = factories.create_delegate(programme)[1]
    for delegate in (seated, first, second):
        sign_up(programme, delegate, session.id)
    promoted = cancel_sign_up(programme, seated, session.id)
    assert [p.registration_id for p in promoted] == [first.id]
    assert outbox() == []  # nothing leaves before the commit
    db.session.commit()
    assert states(session) == [SignUpState.CONFIRMED, SignUpState.WAITLISTED]
    [(to, subject, body)] = outbox()
    assert to == first.email
    assert subject == "Ваше місце підтверджено: Electronic warfare"  # in her language
    assert "Олена" in body and "Звільнилося місце" in body and "11:00–12:30" in body


def test_cancelling_a_waitlisted_place_promotes_nobody(programme, room, outbox):
    session = factories.create_session(programme, room=room, capacity=1)
    seated, waiting = (factories.create_delegate(programme)[1] for _ in range(2))
    sign_up(programme, seated, session.id)
    sign_up(programme, waiting, session.id)
    assert cancel_sign_up(programme, waiting, session.id) == []
    db.session.commit()
    assert states(session) == [SignUpState.CONFIRMED]
    assert outbox() == []


def test_no_sign_up_to_two_overlapping_sessions_and_the_message_names_the_clash(programme, room):
    other = factories.create_room(programme)
    first = factories.create_session(programme, "11:00", "12:30", room=room, title="Air defence")
    clash = factories.create_session(programme, "12:00", "13:00", room=other)
    later = factories.create_session(programme, "12:30", "13:30", room=room)
    delegate = factories.create_delegate(programme)[1]
    sign_up(programme, delegate, first.id)
    with pytest.raises(ProgrammeError, match="“Air defence” at the same time"):
        sign_up(programme, delegate, clash.id)
    sign_up(programme, delegate, later.id)  # back to back is fine
    assert states(clash) == []


@pytest.mark.parametrize(
    "state",
    [RegistrationState.PENDING, RegistrationState.REJECTED, RegistrationState.WITHDRAWN],
)
def test_only_accredited_delegates_sign_up(programme, room, state):
    session = factories.create_session(programme, room=room)
    delegate = factories.create_delegate(programme, state=state)[1]
    with pytest.raises(ProgrammeError, match="Only accredited delegates"):
        sign_up(programme, delegate, session.id)
    assert states(session) == []


def test_no_sign_up_to_a_draft_or_an_unpublished_programme(programme, room):
    draft = factories.create_session(programme, room=room, published=False)
    delegate = factories.create_delegate(programme)[1]
    with pytest.raises(ProgrammeError, match="not open for sign-up"):
        sign_up(programme, delegate, draft.id)
    published = factories.create_session(programme, "14:00", "15:00", room=room)
    programme.programme_published = False
    with pytest.raises(ProgrammeError, match="not open for sign-up"):
        sign_up(programme, delegate, published.id)


def test_no_sign_up_twice_or_to_an_open_plenary_or_another_event(programme, room):
    session = factories.create_session(programme, room=room)
    plenary = factories.create_session(
        programme, "09:00", "10:00", room=room, signup_required=False
    )
    delegate = factories.create_delegate(programme)[1]
    sign_up(programme, delegate, session.id)
    with pytest.raises(ProgrammeError, match="already signed up"):
        sign_up(programme, delegate, session.id)
    with pytest.raises(ProgrammeError, match="no sign-up is needed"):
        sign_up(programme, delegate, plenary.id)
    other_event = factories.create_event()
    foreign = factories.create_session(other_event)
    with pytest.raises(ProgrammeError, match="does not exist"):
        sign_up(programme, delegate, foreign.id)


def test_cancel_needs_an_own_sign_up(programme, room):
    session = factories.create_session(programme, room=room)
    mine, theirs = (factories.create_delegate(programme)[1] for _ in range(2))
    sign_up(programme, theirs, session.id)
    with pytest.raises(ProgrammeError, match="not signed up"):
        cancel_sign_up(programme, mine, session.id)
    assert states(session) == [SignUpState.CONFIRMED]


def test_raising_the_capacity_promotes_the_queue(programme, room):
    from forum.programme.services import save_session
    from tests.programme.test_conflicts import data

    session = factories.create_session(programme, "11:00", "12:00", room=room, capacity=1)
    for _ in range(3):
        sign_up(programme, factories.create_delegate(programme)[1], session.id)
    update = data(programme, room, "11:00", "12:00", capacity=2, title=session.title)
    save_session(programme, session, update)
    assert states(session) == [SignUpState.CONFIRMED, SignUpState.CONFIRMED, SignUpState.WAITLISTED]


def test_agenda_in_time_order_with_sign_ups_talks_and_open_sessions(programme, room):
    from forum.programme.models import SpeakerAssignment, SpeakerRole

    other = factories.create_room(programme)
    afternoon = factories.create_session(programme, "14:00", "15:00", room=room, title="B")
    morning = factories.create_session(programme, "10:00", "11:00", room=room, title="A")
    plenary = factories.create_session(
        programme, "09:00", "09:45", room=other, title="Opening", signup_required=False
    )
    talk = factories.create_session(programme, "16:00", "17:00", room=other, title="Talk")
    factories.create_session(programme, "12:00", "13:00", room=other, title="Not mine")
    factories.create_session(programme, "18:00", "19:00", room=other, published=False)
    delegate = factories.create_delegate(programme)[1]
    talk.speakers.append(SpeakerAssignment(role=SpeakerRole.PANELLIST, registration=delegate))
    sign_up(programme, delegate, afternoon.id)
    sign_up(programme, delegate, morning.id)
    items = agenda_of(programme, delegate)
    assert [(i.session.title, i.kind) for i in items] == [
        (plenary.title, "open"),
        ("A", "confirmed"),
        ("B", "confirmed"),
        ("Talk", "speaker"),
    ]


def test_forty_delegates_at_once_for_ten_seats(app, programme, room):
    """Real threads, real connections: the row lock keeps exactly ten seats."""
    from forum.events.models import Event
    from forum.registration.models import Registration

    session = factories.create_session(programme, room=room, capacity=10)
    delegates = [factories.create_delegate(programme)[1] for _ in range(40)]
    event_id, session_id = programme.id, session.id
    ids = [d.id for d in delegates]
    db.session.commit()

    start = threading.Barrier(len(ids))
    errors = []

    def attempt(registration_id: int) -> None:
        with app.app_context():
            try:
                start.wait(timeout=30)  # before any read: on SQLite a transaction holds the lock
                event = db.session.get(Event, event_id)
                registration = db.session.get(Registration, registration_id)
                sign_up(event, registration, session_id)
                db.session.commit()
            except Exception as error:  # reported below
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    run_threads(attempt, [(i,) for i in ids])
    assert errors == []

    db.session.expire_all()
    rows = db.session.execute(
        sa.select(SignUp.registration_id, SignUp.state)
        .where(SignUp.session_id == session_id)
        .order_by(SignUp.created_at, SignUp.id)
    ).all()
    assert len(rows) == 40
    assert [state for _id, state in rows] == [SignUpState.CONFIRMED] * 10 + [
        SignUpState.WAITLISTED
    ] * 30  # the first ten to arrive have the seats, the rest queue in arrival order

    first_waiting = rows[10][0]
    leaving = db.session.get(Registration, rows[3][0])
    promoted = cancel_sign_up(programme, leaving, session_id)
    db.session.commit()
    assert [p.registration_id for p in promoted] == [first_waiting]
    counts = dict(
        db.session.execute(
            sa.select(SignUp.state, sa.func.count())
            .where(SignUp.session_id == session_id)
            .group_by(SignUp.state)
        ).all()
    )
    assert counts == {SignUpState.CONFIRMED: 10, SignUpState.WAITLISTED: 29}
