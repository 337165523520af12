"""The door drives the meetings: who of today's counterparts has entered the venue.

Arrival is read from the scan log, never written by the door: the scan path keeps its
budget of two statements per entry (tests/checkin/test_scan_statements.py) and knows
nothing of matchmaking. A person has *arrived* on a day once an accepted, not annulled
entry at an entrance (a checkpoint without a session) was scanned that day.

The notices ("X has arrived", "X has not entered the venue yet") are written when the
meetings page is read (for its reader) and by a task every minute (for everyone, with
their mails; forum.matchmaking.tasks). Each seat records when its person was told, by a
conditional UPDATE, so two writers at once tell nobody twice.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.audit.services import record
from forum.checkin.models import Checkpoint, Direction, Scan, ScanStatus
from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking import notices
from forum.matchmaking.booking import locked_meeting
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.locks import lock_slot
from forum.matchmaking.meeting_models import (
    Meeting,
    MeetingRequest,
    MeetingSeat,
    MeetingSlot,
    MeetingTable,
    RequestState,
)
from forum.matchmaking.models import Participant
from forum.matchmaking.setup import settings_of


def day_bounds(event: Event, now: datetime) -> tuple[date, datetime, datetime]:
    """Today in the event's time zone, and when it begins and ends."""
    day = now.astimezone(event.tz).date()
    start = datetime.combine(day, time.min, tzinfo=event.tz)
    return day, start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=event.tz)


def _entries(event: Event, since: datetime, until: datetime) -> list[sa.ColumnElement[bool]]:
    """Accepted, not annulled entries at the event's entrances, scanned in [since, until]."""
    return [
        Scan.scanned_at >= since,
        Scan.scanned_at <= until,
        Scan.status == ScanStatus.ACCEPTED,
        Scan.direction == Direction.IN,
        Scan.annulled_at.is_(None),
        Checkpoint.event_id == event.id,
        Checkpoint.session_id.is_(None),
    ]


def first_entry(
    event: Event, registration_id: sa.ColumnElement[int], since: datetime, until: datetime
) -> sa.ScalarSelect:
    """When the registration first entered the venue between `since` and `until` (None if
    not): a scalar subquery on the scans index by registration and scan time."""
    return (
        sa.select(sa.func.min(Scan.scanned_at))
        .join(Checkpoint, Checkpoint.id == Scan.checkpoint_id)
        .where(Scan.registration_id == registration_id, *_entries(event, since, until))
        .scalar_subquery()
    )


def arrivals(event: Event, registration_ids: list[int], now: datetime) -> dict[int, datetime]:
    """registration id -> when they entered the venue today, for those who have."""
    if not registration_ids:
        return {}
    _day, start, _end = day_bounds(event, now)
    rows = db.session.execute(
        sa.select(Scan.registration_id, sa.func.min(Scan.scanned_at))
        .join(Checkpoint, Checkpoint.id == Scan.checkpoint_id)
        .where(Scan.registration_id.in_(set(registration_ids)), *_entries(event, start, now))
        .group_by(Scan.registration_id)
    ).all()
    return dict(rows)


@dataclass
class TodaysMeeting:
    """A meeting today for the organisers: both people and when each entered the venue."""

    meeting: Meeting
    people: list[Participant]
    entered: list[datetime | None]

    @property
    def someone_missing(self) -> bool:
        return any(e is None for e in self.entered)


def todays_meetings(event: Event, now: datetime) -> list[TodaysMeeting]:
    """Today's meetings in time and table order, with their people's arrival."""
    _day, start, end = day_bounds(event, now)
    people = (so.joinedload(Participant.registration), so.joinedload(Participant.profile))
    meetings = db.session.scalars(
        sa.select(Meeting)
        .join(MeetingSlot, MeetingSlot.id == Meeting.slot_id)
        .join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .where(
            Meeting.event_id == event.id,
            MeetingSlot.starts_at >= start,
            MeetingSlot.starts_at < end,
        )
        .order_by(MeetingSlot.starts_at, MeetingTable.number)
        .options(
            so.joinedload(Meeting.slot),
            so.joinedload(Meeting.table),
            so.joinedload(Meeting.request).joinedload(MeetingRequest.requester).options(*people),
            so.joinedload(Meeting.request).joinedload(MeetingRequest.recipient).options(*people),
        )
    ).all()
    pairs = [(m.request.requester, m.request.recipient) for m in meetings]
    entered = arrivals(event, [p.registration_id for pair in pairs for p in pair], now)
    return [
        TodaysMeeting(m, list(pair), [entered.get(p.registration_id) for p in pair])
        for m, pair in zip(meetings, pairs, strict=True)
    ]


def _claim(seat_id: int, column: sa.orm.InstrumentedAttribute, now: datetime) -> bool:
    """Mark the seat's person as told; False when someone else told them first."""
    result = db.session.execute(
        sa.update(MeetingSeat)
        .where(MeetingSeat.id == seat_id, column.is_(None))
        .values({column.key: now})
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def tell_door_news(event: Event, now: datetime, participant: Participant | None = None) -> int:
    """Tell each person with a meeting later today that the other side has arrived, or has
    not entered the venue `not_arrived_minutes` before the meeting; each once per meeting.
    Only `participant` when given (their meetings page). Returns how many were told."""
    _day, start, end = day_bounds(event, now)
    warn_minutes = settings_of(event).not_arrived_minutes
    mine, theirs, other = so.aliased(MeetingSeat), so.aliased(MeetingSeat), so.aliased(Participant)
    query = (
        sa.select(
            mine.id,
            mine.participant_id,
            mine.not_arrived_told_at,
            other.id,
            first_entry(event, other.registration_id, start, now),
            MeetingSlot.starts_at,
            MeetingTable.number,
        )
        .join(Meeting, Meeting.id == mine.meeting_id)
        .join(MeetingSlot, MeetingSlot.id == Meeting.slot_id)
        .join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(theirs, (theirs.meeting_id == Meeting.id) & (theirs.id != mine.id))
        .join(other, other.id == theirs.participant_id)
        .where(
            Meeting.event_id == event.id,
            MeetingSlot.starts_at >= start,
            MeetingSlot.starts_at < end,
            MeetingSlot.ends_at > now,
            mine.arrival_told_at.is_(None),
        )
    )
    if participant is not None:
        query = query.where(mine.participant_id == participant.id)
    news = []
    for (
        seat_id,
        reader_id,
        warned,
        other_id,
        entered,
        starts_at,
        table,
    ) in db.session.execute(query).all():
        if entered is not None:
            if _claim(seat_id, MeetingSeat.arrival_told_at, now):
                news.append((reader_id, other_id, "arrived", starts_at, table, entered))
        elif (
            warn_minutes
            and warned is None
            and now >= starts_at - timedelta(minutes=warn_minutes)
            and _claim(seat_id, MeetingSeat.not_arrived_told_at, now)
        ):
            news.append((reader_id, other_id, "not_arrived", starts_at, table, None))
    if not news:
        return 0
    ids = {i for reader_id, other_id, *_rest in news for i in (reader_id, other_id)}
    people = {
        p.id: p
        for p in db.session.scalars(
            sa.select(Participant)
            .where(Participant.id.in_(ids))
            .options(so.joinedload(Participant.registration))
        )
    }
    for reader_id, other_id, kind, starts_at, table, entered in news:
        details = {"entered_at": entered} if entered else {}
        notices.tell(
            people[reader_id],
            kind,
            name=people[other_id].registration.display_name,
            starts_at=starts_at,
            table=table,
            **details,
        )
    return len(news)


def events_meeting_around(now: datetime) -> list[Event]:
    """The events with a meeting slot within a day of `now` (the task's work list)."""
    near = sa.select(MeetingSlot.event_id).where(
        MeetingSlot.starts_at > now - timedelta(days=1),
        MeetingSlot.starts_at < now + timedelta(days=1),
    )
    return list(db.session.scalars(sa.select(Event).where(Event.id.in_(near))))


def release_table(
    event: Event, meeting_id: int, request_id: int | None, now: datetime
) -> MeetingRequest:
    """The organisers free the table of a meeting today where someone has not entered the
    venue: the meeting is cancelled, its slot and table are free for another, and both
    people are told why. Locks as booking does (people, request, slot).

    `request_id`: the meeting's request as the page showed it. A meeting's id can be used
    again once it is deleted (SQLite), a request's never: a button on a page from before a
    release must not release the meeting placed there since.
    """
    meeting, people = locked_meeting(event, meeting_id, None)
    if request_id is not None and meeting.request_id != request_id:
        raise MatchmakingError(_l("This meeting was cancelled in the meantime."))
    slot = lock_slot(event, meeting.slot_id)
    day, _start, _end = day_bounds(event, now)
    if slot.starts_at.astimezone(event.tz).date() != day:
        raise MatchmakingError(_l("Only a table of a meeting today can be released."))
    if slot.ends_at <= now:
        raise MatchmakingError(_l("This meeting is over."))
    entered = arrivals(event, [p.registration_id for p in people], now)
    absent = {p.id for p in people if p.registration_id not in entered}
    if not absent:
        raise MatchmakingError(_l("Both people have entered the venue: the table stays theirs."))
    request = meeting.request
    table = meeting.table.number
    request.state = RequestState.CANCELLED
    request.closed_by_id = None
    request.closed_at = now
    db.session.delete(meeting)
    db.session.flush()
    record(
        "matchmaking.table_released",
        request,
        table=table,
        slot=slot.starts_at.isoformat(),
        not_arrived=sorted(absent),
    )
    for person in people:
        other = next(p for p in people if p.id != person.id)
        notices.tell(
            person,
            "released",
            name=other.registration.display_name,
            starts_at=slot.starts_at,
            table=table,
            you_absent=person.id in absent,
            other_absent=other.id in absent,
        )
    return request
