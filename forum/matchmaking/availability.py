"""When a participant can meet: the slots, minus the programme, their meetings and their own marks.

A participant is busy in a slot when they hold a seat in a working session (or a
panel, or a plenary that needs a sign-up) or speak in a session that overlaps it:
this is read from the programme each time, so a new sign-up counts at once. B2B
sessions of the programme are the matchmaking itself and do not count. Every other
slot is free unless the participant marked it as not available.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking.meeting_models import Meeting, MeetingSeat, MeetingSlot, Unavailability
from forum.matchmaking.models import Participant
from forum.matchmaking.setup import slots_of, tables_of
from forum.programme.models import (
    SessionFormat,
    SignUp,
    SignUpState,
    SpeakerAssignment,
    WorkingSession,
)

FREE, MEETING, BUSY, UNAVAILABLE, PAST = "free", "meeting", "busy", "unavailable", "past"


@dataclass
class SlotStatus:
    """One slot as one participant sees it."""

    slot: MeetingSlot
    state: str  # FREE, MEETING, BUSY (the programme), UNAVAILABLE (their mark) or PAST
    seat: MeetingSeat | None = None
    session: WorkingSession | None = None


def programme_sessions(event: Event, registration_ids: list[int]) -> dict[int, list]:
    """The sessions that keep each delegate busy: confirmed seats and talks (not B2B)."""
    found: dict[int, list[WorkingSession]] = {rid: [] for rid in registration_ids}
    if not registration_ids:
        return found
    counts = sa.and_(
        WorkingSession.event_id == event.id,
        WorkingSession.published.is_(True),
        WorkingSession.format != SessionFormat.BILATERAL,
    )
    seats = (
        sa.select(SignUp.registration_id, WorkingSession)
        .join(WorkingSession, WorkingSession.id == SignUp.session_id)
        .where(
            counts,
            SignUp.state == SignUpState.CONFIRMED,
            SignUp.registration_id.in_(registration_ids),
        )
    )
    talks = (
        sa.select(SpeakerAssignment.registration_id, WorkingSession)
        .join(WorkingSession, WorkingSession.id == SpeakerAssignment.session_id)
        .where(counts, SpeakerAssignment.registration_id.in_(registration_ids))
    )
    for query in (seats, talks):
        for registration_id, session in db.session.execute(query):
            found[registration_id].append(session)
    return found


def _clash(slot: MeetingSlot, sessions: list[WorkingSession]) -> WorkingSession | None:
    return next(
        (s for s in sessions if s.starts_at < slot.ends_at and slot.starts_at < s.ends_at), None
    )


def seats_of(participant_ids: list[int]) -> dict[int, dict[int, MeetingSeat]]:
    """Each participant's seats by slot id."""
    found: dict[int, dict[int, MeetingSeat]] = {pid: {} for pid in participant_ids}
    if participant_ids:
        for seat in db.session.scalars(
            sa.select(MeetingSeat).where(MeetingSeat.participant_id.in_(participant_ids))
        ):
            found[seat.participant_id][seat.slot_id] = seat
    return found


def marks_of(participant_ids: list[int]) -> dict[int, set[int]]:
    """The slots each participant marked as not available."""
    found: dict[int, set[int]] = {pid: set() for pid in participant_ids}
    if participant_ids:
        for pid, slot_id in db.session.execute(
            sa.select(Unavailability.participant_id, Unavailability.slot_id).where(
                Unavailability.participant_id.in_(participant_ids)
            )
        ):
            found[pid].add(slot_id)
    return found


def statuses(
    event: Event, participants: list[Participant], now: datetime
) -> dict[int, list[SlotStatus]]:
    """Every slot of the event as each of `participants` sees it."""
    slots = slots_of(event)
    ids = [p.id for p in participants]
    sessions = programme_sessions(event, [p.registration_id for p in participants])
    seats, marks = seats_of(ids), marks_of(ids)
    result = {}
    for participant in participants:
        mine = []
        for slot in slots:
            seat = seats[participant.id].get(slot.id)
            clash = _clash(slot, sessions[participant.registration_id])
            if seat is not None:
                mine.append(SlotStatus(slot, MEETING, seat=seat))
            elif slot.starts_at <= now:
                mine.append(SlotStatus(slot, PAST))
            elif clash is not None:
                mine.append(SlotStatus(slot, BUSY, session=clash))
            elif slot.id in marks[participant.id]:
                mine.append(SlotStatus(slot, UNAVAILABLE))
            else:
                mine.append(SlotStatus(slot, FREE))
        result[participant.id] = mine
    return result


def day_of(event: Event, participant: Participant, now: datetime) -> list[SlotStatus]:
    return statuses(event, [participant], now)[participant.id]


def slots_with_a_free_table(event: Event, slot_ids: list[int]) -> set[int]:
    """Which of these slots still have a table without a meeting."""
    tables = len(tables_of(event))
    if not slot_ids or not tables:
        return set()
    taken = dict(
        db.session.execute(
            sa.select(Meeting.slot_id, sa.func.count())
            .where(Meeting.slot_id.in_(slot_ids))
            .group_by(Meeting.slot_id)
        ).all()
    )
    return {sid for sid in slot_ids if taken.get(sid, 0) < tables}


def common_free_slots(
    event: Event, first: Participant, second: Participant, now: datetime
) -> list[MeetingSlot]:
    """Slots to come where both are free and a table is free, earliest first."""
    both = statuses(event, [first, second], now)
    free = [
        a.slot
        for a, b in zip(both[first.id], both[second.id], strict=True)
        if a.state == FREE and b.state == FREE
    ]
    with_table = slots_with_a_free_table(event, [s.id for s in free])
    return [s for s in free if s.id in with_table]


def set_unavailable(event: Event, participant: Participant, slot_ids: set[int], now) -> None:
    """Replace the participant's marks for slots to come by `slot_ids` (past marks stay)."""
    future = {s.id for s in slots_of(event) if s.starts_at > now}
    db.session.execute(
        sa.delete(Unavailability).where(
            Unavailability.participant_id == participant.id,
            Unavailability.slot_id.in_(future),
        )
    )
    rows = [{"participant_id": participant.id, "slot_id": sid} for sid in slot_ids & future]
    if rows:
        db.session.execute(sa.insert(Unavailability), rows)
    db.session.flush()
