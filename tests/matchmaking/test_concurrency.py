"""No double booking under real concurrency: threads with their own connections accept at
the same instant, on SQLite and on PostgreSQL (row locks there, the write lock here), and
the database's unique constraints stand behind the locks."""

import threading

import sqlalchemy as sa

from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking import booking, meeting_requests, setup
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import Meeting, MeetingSeat
from forum.matchmaking.models import Participant
from tests.matchmaking.conftest import eu, join
from tests.threads import run_threads


def accept_all_at_once(app, event_id: int, attempts: list[tuple[int, int, int | None]], now):
    """Each (request id, accepting participant id, slot id or None) in its own thread, all
    released together; returns (meeting ids, refusal messages, unexpected errors)."""
    start = threading.Barrier(len(attempts))
    booked, refused, errors = [], [], []

    def attempt(request_id: int, participant_id: int, slot_id: int | None) -> None:
        with app.app_context():
            try:
                start.wait(timeout=60)  # before any read: on SQLite a transaction holds the lock
                event = db.session.get(Event, event_id)
                participant = db.session.get(Participant, participant_id)
                meeting = booking.accept(event, request_id, participant, slot_id, now)
                db.session.commit()
                booked.append(meeting.id)
            except MatchmakingError as refusal:
                db.session.rollback()
                refused.append(refusal.message)
            except Exception as error:  # reported by the test
                db.session.rollback()
                errors.append(repr(error))
            finally:
                db.session.remove()

    run_threads(attempt, attempts)
    return booked, refused, errors


def assert_nobody_and_no_table_twice_in_a_slot() -> None:
    seats = db.session.execute(sa.select(MeetingSeat.participant_id, MeetingSeat.slot_id)).all()
    assert len(seats) == len(set(seats))
    tables = db.session.execute(sa.select(Meeting.table_id, Meeting.slot_id)).all()
    assert len(tables) == len(set(tables))


def test_both_sides_accept_different_requests_for_one_slot_at_the_same_instant(app, forum, before):
    """A hub asked eight people and was asked by eight others; all sixteen accepts for 14:00
    come at once (the hub in eight browser tabs): the hub gets one meeting at 14:00."""
    settings = setup.settings_of(forum)
    settings.max_pending = settings.max_meetings = 20
    hub = eu(forum, "Hub Systems")
    attempts = []
    for n in range(8):
        asked = join(forum, f"Asked Works {n}")
        request = meeting_requests.send_request(forum, hub, asked.id, "Meet?", before)
        attempts.append((request.id, asked.id))
        asker = join(forum, f"Asking Works {n}")
        request = meeting_requests.send_request(forum, asker, hub.id, "Meet?", before)
        attempts.append((request.id, hub.id))
    first_slot = setup.slots_of(forum)[0].id
    event_id = forum.id
    db.session.commit()

    booked, refused, errors = accept_all_at_once(
        app, event_id, [(r, p, first_slot) for r, p in attempts], before
    )
    assert errors == []
    assert len(booked) == 1 and len(refused) == 15
    assert set(refused) == {str(booking.SLOT_TAKEN)}
    db.session.rollback()  # see what the threads committed
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(MeetingSeat)
            .where(MeetingSeat.participant_id == hub.id)
        )
        == 1
    )
    assert_nobody_and_no_table_twice_in_a_slot()


def test_pairs_racing_for_the_last_tables_and_for_the_first_free_slot(app, forum, before):
    """Ten pairs want 14:00 at three tables: three get it. Then the hub's twelve requests are
    accepted at once with "first free slot": one meeting in each slot that still has a table
    (14:00 is full), and no more."""
    settings = setup.settings_of(forum)
    settings.max_pending = settings.max_meetings = 20
    first_slot = setup.slots_of(forum)[0].id
    pairs = []
    for n in range(10):
        a, b = eu(forum, f"EU Pair {n}"), join(forum, f"UA Pair {n}")
        pairs.append((meeting_requests.send_request(forum, a, b.id, "Meet?", before).id, b.id))
    hub = eu(forum, "Hub Systems")
    hub_requests = []
    for n in range(12):
        asker = join(forum, f"Asking Works {n}")
        request = meeting_requests.send_request(forum, asker, hub.id, "Meet?", before)
        hub_requests.append((request.id, hub.id, None))
    event_id = forum.id
    db.session.commit()

    booked, refused, errors = accept_all_at_once(
        app, event_id, [(r, p, first_slot) for r, p in pairs], before
    )
    assert errors == []
    assert len(booked) == 3
    assert set(refused) == {"Every table is taken in this slot: choose another one."}

    booked, refused, errors = accept_all_at_once(app, event_id, hub_requests, before)
    assert errors == []
    assert len(booked) == 5  # 14:20 to 15:40
    assert set(refused) == {str(booking.NO_COMMON_SLOT)}
    db.session.rollback()
    hub_slots = db.session.scalars(
        sa.select(MeetingSeat.slot_id).where(MeetingSeat.participant_id == hub.id)
    ).all()
    assert sorted(hub_slots) == sorted(s.id for s in setup.slots_of(forum)[1:])
    assert_nobody_and_no_table_twice_in_a_slot()
