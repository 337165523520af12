"""Row locks for matchmaking, always taken in one order: people (by id), then the request,
then slots (by start). Two transactions that need the same rows queue up instead of
deadlocking, and each sees what the one before it wrote (SELECT ... FOR UPDATE;
SQLite has no row locks and lets one writer in at a time, which serialises the same way).

The locks are FOR NO KEY UPDATE (key_share): they exclude each other but not the key
share lock PostgreSQL takes on a row that a new row's foreign key names, so writing a
notice or a seat for a locked person never waits on the lock.
"""

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import MeetingRequest, MeetingSlot
from forum.matchmaking.models import Participant


def lock_participants(ids: Iterable[int]) -> dict[int, Participant]:
    """Lock these people's participant rows, lowest id first, and reload them."""
    wanted = sorted(set(ids))
    rows = db.session.scalars(
        sa.select(Participant)
        .where(Participant.id.in_(wanted))
        .order_by(Participant.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).all()
    return {p.id: p for p in rows}


def lock_request(event: Event, request_id: int) -> MeetingRequest:
    request = db.session.scalar(
        sa.select(MeetingRequest)
        .where(MeetingRequest.id == request_id, MeetingRequest.event_id == event.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    if request is None:
        raise MatchmakingError(_l("That request does not exist."), status=404)
    return request


def lock_slot(event: Event, slot_id: int) -> MeetingSlot:
    """Lock one slot: bookings into it queue up, so each sees the tables taken before."""
    slot = db.session.scalar(
        sa.select(MeetingSlot)
        .where(MeetingSlot.id == slot_id, MeetingSlot.event_id == event.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    if slot is None:
        raise MatchmakingError(_l("That slot does not exist."))
    return slot
