"""Booking: accepting a request into a slot at a table, moving and cancelling meetings,
and the organisers placing meetings by hand.

No double booking, ever. Every booking step locks both people (lowest id first) and
then the slot (forum.matchmaking.locks): two accepts that involve one person, or one
slot's last table, queue up and the second sees what the first took. The database
refuses what would slip through anyway (uq_meeting_seats_participant_slot,
uq_meetings_table_slot); such a refusal is turned into the same plain message.
"""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking import notices
from forum.matchmaking.access import takes_part
from forum.matchmaking.availability import FREE, statuses
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.locks import lock_participants, lock_request, lock_slot
from forum.matchmaking.meeting_models import (
    Meeting,
    MeetingRequest,
    MeetingSeat,
    MeetingSlot,
    MeetingTable,
    RequestState,
)
from forum.matchmaking.meeting_requests import OPEN_STATES, between, involving, meeting_count
from forum.matchmaking.models import Participant
from forum.matchmaking.setup import settings_of

SLOT_TAKEN = _l("That slot is no longer free for both of you: choose another one.")
NO_COMMON_SLOT = _l("You have no free slot in common (with a free table) any more.")


def _ensure_free(
    event: Event, people: list[Participant], slot: MeetingSlot, now: datetime, moving=None
) -> None:
    """Both people free in `slot` (their seat in the meeting being moved does not count)."""
    for status in statuses(event, people, now).values():
        mine = next(s for s in status if s.slot.id == slot.id)
        if mine.state == FREE:
            continue
        if moving is not None and mine.seat is not None and mine.seat.meeting_id == moving.id:
            continue
        raise MatchmakingError(SLOT_TAKEN)


def _free_table(event: Event, slot: MeetingSlot, wanted: int | None = None) -> MeetingTable | None:
    """The lowest-numbered table without a meeting in `slot` (or the `wanted` one, if free)."""
    query = (
        sa.select(MeetingTable)
        .where(
            MeetingTable.event_id == event.id,
            MeetingTable.id.not_in(sa.select(Meeting.table_id).where(Meeting.slot_id == slot.id)),
        )
        .order_by(MeetingTable.number)
        .limit(1)
    )
    if wanted is not None:
        query = query.where(MeetingTable.id == wanted)
    return db.session.scalar(query)


def _book(
    event: Event,
    request: MeetingRequest,
    people: list[Participant],
    slot_id: int | None,
    now: datetime,
    table_id: int | None = None,
) -> Meeting:
    """Seat both people at a free table in `slot_id` (or the first slot both have free).

    Both people are locked: their programme, seats and marks cannot change before the
    commit, so what is free for both is worked out once, before any slot is locked; a
    slot's lock is then held only to choose its table and write the meeting.
    """
    both = statuses(event, people, now)
    free = [
        a.slot.id
        for a, b in zip(both[people[0].id], both[people[1].id], strict=True)
        if a.state == FREE and b.state == FREE
    ]
    if slot_id is not None:
        status = next((s for s in both[people[0].id] if s.slot.id == slot_id), None)
        if status is None:
            raise MatchmakingError(_l("That slot does not exist."))
        if status.slot.starts_at <= now:
            raise MatchmakingError(_l("That slot has already begun."))
        if slot_id not in free:
            raise MatchmakingError(SLOT_TAKEN)
        candidates = [slot_id]
    else:
        candidates = free
        if not candidates:
            raise MatchmakingError(NO_COMMON_SLOT)
    for candidate in candidates:
        slot = lock_slot(event, candidate)
        table = _free_table(event, slot, table_id)
        if table is None:
            if slot_id is not None:
                raise MatchmakingError(
                    _l("That table is taken in this slot.")
                    if table_id
                    else _l("Every table is taken in this slot: choose another one.")
                )
            continue
        meeting = Meeting(
            event_id=event.id, request_id=request.id, slot_id=slot.id, table_id=table.id
        )
        db.session.add(meeting)
        meeting.seats = [MeetingSeat(participant_id=p.id) for p in people]
        try:
            with db.session.begin_nested():
                db.session.flush()
        except sa.exc.IntegrityError as error:
            raise MatchmakingError(SLOT_TAKEN) from error
        return meeting
    raise MatchmakingError(NO_COMMON_SLOT)


def _check_limits(event: Event, people: list[Participant]) -> None:
    limit = settings_of(event).max_meetings
    for person in people:
        if meeting_count(person) >= limit:
            raise MatchmakingError(
                _l(
                    "%(name)s has reached the most meetings allowed (%(count)s).",
                    name=person.registration.display_name,
                    count=limit,
                )
            )


def accept(
    event: Event, request_id: int, participant: Participant, slot_id: int | None, now: datetime
) -> Meeting:
    """B accepts A's request in a slot both have free (None: the first such slot); the
    meeting gets a table, and A is told."""
    found = db.session.get(MeetingRequest, request_id)
    if found is None or found.event_id != event.id or found.recipient_id != participant.id:
        raise MatchmakingError(_l("That request does not exist."), status=404)
    locked = lock_participants([found.requester_id, found.recipient_id])
    request = lock_request(event, request_id)
    if request.state is RequestState.PENDING and request.expires_at <= now:
        request.state, request.closed_at = RequestState.EXPIRED, now
        db.session.flush()
    if request.state is not RequestState.PENDING:
        raise MatchmakingError(
            _l("This request is no longer open (%(state)s).", state=request.state.label)
        )
    requester, recipient = locked[request.requester_id], locked[request.recipient_id]
    if not (takes_part(requester) and takes_part(recipient)):
        raise MatchmakingError(_l("That person no longer takes part in matchmaking."))
    _check_limits(event, [requester, recipient])
    meeting = _book(event, request, [requester, recipient], slot_id, now)
    request.state = RequestState.ACCEPTED
    request.answered_at = now
    db.session.flush()
    notices.tell(
        requester,
        "accepted",
        name=recipient.registration.display_name,
        starts_at=meeting.slot.starts_at,
        table=meeting.table.number,
    )
    return meeting


def locked_meeting(event: Event, meeting_id: int, participant: Participant | None):
    """The meeting and both people, locked; a participant must be one of its two."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.event_id != event.id:
        raise MatchmakingError(_l("That meeting does not exist."), status=404)
    request = meeting.request
    if participant is not None and participant.id not in (
        request.requester_id,
        request.recipient_id,
    ):
        raise MatchmakingError(_l("That meeting does not exist."), status=404)
    locked = lock_participants([request.requester_id, request.recipient_id])
    lock_request(event, request.id)
    meeting = db.session.get(Meeting, meeting_id, populate_existing=True)
    if meeting is None:
        raise MatchmakingError(_l("This meeting was cancelled in the meantime."))
    return meeting, [locked[request.requester_id], locked[request.recipient_id]]


def _others(people: list[Participant], by: Participant | None) -> list[Participant]:
    """Whom to tell: the other side, or both when the organisers acted."""
    return [p for p in people if by is None or p.id != by.id]


def _name_for(person: Participant, people: list[Participant]) -> str:
    """The name the notice to `person` mentions: the other one's."""
    other = next(p for p in people if p.id != person.id)
    return other.registration.display_name


def cancel(
    event: Event, meeting_id: int, by: Participant | None, reason: str, now: datetime
) -> MeetingRequest:
    """Call a meeting off (by one side, or by the organisers when `by` is None): the slot and
    the table are free again, and the other side is told."""
    meeting, people = locked_meeting(event, meeting_id, by)
    if by is not None and meeting.slot.starts_at <= now:
        raise MatchmakingError(_l("This meeting has already begun."))
    request = meeting.request
    starts_at = meeting.slot.starts_at
    request.state = RequestState.CANCELLED
    request.reason = (reason or "").strip()[:1000]
    request.closed_by_id = by.id if by else None
    request.closed_at = now
    db.session.delete(meeting)
    db.session.flush()
    if by is None:
        record("matchmaking.meeting_cancelled", request)
    for person in _others(people, by):
        notices.tell(
            person,
            "cancelled",
            name=_name_for(person, people),
            starts_at=starts_at,
            reason=request.reason,
            by_organisers=by is None,
        )
    return request


def move(
    event: Event,
    meeting_id: int,
    by: Participant | None,
    slot_id: int,
    now: datetime,
    table_id: int | None = None,
) -> Meeting:
    """Move a meeting to another slot (and table): the old ones are free again, the other
    side (both sides, when the organisers move it) is told."""
    meeting, people = locked_meeting(event, meeting_id, by)
    if meeting.slot.starts_at <= now:
        raise MatchmakingError(_l("This meeting has already begun."))
    slot = lock_slot(event, slot_id)
    if slot.starts_at <= now:
        raise MatchmakingError(_l("That slot has already begun."))
    same_slot = slot.id == meeting.slot_id
    if same_slot and table_id in (None, meeting.table_id):
        raise MatchmakingError(_l("The meeting is already there."))
    if not same_slot:
        _ensure_free(event, people, slot, now, moving=meeting)
    # Without a table chosen, the meeting keeps its table number when that table is free.
    table = _free_table(event, slot, table_id or meeting.table_id) or (
        None if table_id else _free_table(event, slot)
    )
    if table is None:
        raise MatchmakingError(
            _l("That table is taken in this slot.")
            if table_id
            else _l("Every table is taken in this slot: choose another one.")
        )
    meeting.slot_id, meeting.table_id = slot.id, table.id
    meeting.updated_at = now
    try:
        with db.session.begin_nested():
            db.session.flush()
    except sa.exc.IntegrityError as error:
        raise MatchmakingError(SLOT_TAKEN) from error
    for seat in meeting.seats:
        db.session.expire(seat)  # the database moved the seats with the meeting (ON UPDATE)
    db.session.refresh(meeting)
    if by is None:
        record("matchmaking.meeting_moved", meeting.request, slot=slot.starts_at.isoformat())
    for person in _others(people, by):
        notices.tell(
            person,
            "moved",
            name=_name_for(person, people),
            starts_at=slot.starts_at,
            table=table.number,
        )
    return meeting


def place(
    event: Event,
    first_id: int,
    second_id: int,
    slot_id: int,
    now: datetime,
    table_id: int | None = None,
) -> Meeting:
    """The organisers set a meeting by hand (no request to answer; limits do not apply, the
    people's availability does). Both are told."""
    if first_id == second_id:
        raise MatchmakingError(_l("Choose two different people."))
    locked = lock_participants([first_id, second_id])
    if len(locked) != 2 or any(p.event_id != event.id for p in locked.values()):
        raise MatchmakingError(_l("That person does not take part in matchmaking."))
    people = [locked[first_id], locked[second_id]]
    if not all(takes_part(p) for p in people):
        raise MatchmakingError(_l("Both people must take part in matchmaking."))
    if people[0].profile_id == people[1].profile_id:
        raise MatchmakingError(_l("These two people belong to the same organisation."))
    already = sa.select(MeetingRequest.id).where(
        MeetingRequest.state == RequestState.ACCEPTED, between(first_id, second_id)
    )
    if db.session.scalar(already) is not None:
        raise MatchmakingError(_l("These two people already have a meeting."))
    request = MeetingRequest(
        event_id=event.id,
        requester=people[0],
        recipient=people[1],
        state=RequestState.ACCEPTED,
        placed_by_organisers=True,
        created_at=now,
        expires_at=now,
        answered_at=now,
    )
    db.session.add(request)
    db.session.flush()
    meeting = _book(event, request, people, slot_id, now, table_id)
    record("matchmaking.meeting_placed", request, slot=meeting.slot.starts_at.isoformat())
    for person in people:
        notices.tell(
            person,
            "placed",
            name=_name_for(person, people),
            starts_at=meeting.slot.starts_at,
            table=meeting.table.number,
        )
    return meeting


def close_all_of(event: Event, participant: Participant) -> None:
    """Someone leaves: their pending requests close, their meetings are cancelled, and every
    other side is told."""
    now = utcnow()
    requests = db.session.scalars(
        sa.select(MeetingRequest).where(
            involving(participant.id), MeetingRequest.state.in_(OPEN_STATES)
        )
    ).all()
    name = participant.registration.display_name
    for request in requests:
        other = request.other(participant)
        if request.state is RequestState.PENDING:
            mine = request.requester_id == participant.id
            request.state = RequestState.WITHDRAWN if mine else RequestState.DECLINED
        else:
            request.state = RequestState.CANCELLED
            if request.meeting is not None:
                db.session.delete(request.meeting)
        request.closed_by_id = participant.id
        request.closed_at = now
        db.session.flush()
        notices.tell(other, "left", name=name)
