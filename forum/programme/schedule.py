"""The organisers' day grid: rooms as columns, five-minute rows, sessions as blocks.

Positions are expressed as CSS classes (r<row>, re<row>, c<column>) defined in
static/css/programme.css, because the content security policy forbids inline
styles.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from forum.events.models import Event
from forum.extensions import db
from forum.programme.conflicts import Conflict, by_session, conflicts_for_event
from forum.programme.models import Room, WorkingSession
from forum.programme.queries import seat_counts, sessions_query
from forum.programme.services import day_bounds, rooms_of

STEP = timedelta(minutes=5)
MAX_ROWS = 290  # rows defined in programme.css
MAX_COLUMNS = 30
DEFAULT_HOURS = (8, 18)


@dataclass
class Block:
    session: WorkingSession
    row_start: int
    row_end: int
    column: int
    confirmed: int
    waitlisted: int
    conflicts: list[Conflict]


@dataclass
class HourMark:
    label: datetime
    row: int
    slots: list[tuple[int, Room | None, str]] = field(default_factory=list)  # column, room, HH:MM


@dataclass
class DayGrid:
    day: date
    columns: list[Room | None]
    blocks: list[Block]
    hours: list[HourMark]
    last_row: int
    unplaced: list[WorkingSession]


def build_day_grid(event: Event, day: date, conflicts: list[Conflict] | None = None) -> DayGrid:
    """Everything the schedule template needs to draw one day."""
    start_of_day, end_of_day = day_bounds(event, day)
    sessions = list(
        db.session.scalars(
            sessions_query(event, public=False).where(
                WorkingSession.starts_at >= start_of_day, WorkingSession.starts_at < end_of_day
            )
        )
    )
    rooms = rooms_of(event)
    columns: list[Room | None] = list(rooms)
    if any(s.room_id is None for s in sessions):
        columns.append(None)
    columns = columns[: MAX_COLUMNS - 1]
    column_of = {(room.id if room else None): i + 2 for i, room in enumerate(columns)}

    tz = event.tz
    first_hour, last_hour = DEFAULT_HOURS
    if sessions:
        first_hour = min(first_hour, min(s.starts_at.astimezone(tz).hour for s in sessions))
        last_end = max(min(s.ends_at, end_of_day).astimezone(tz) for s in sessions)
        last_hour = max(last_hour, last_end.hour + (1 if last_end.minute else 0))
        if max(s.ends_at for s in sessions) >= end_of_day:
            last_hour = 24
    grid_start = datetime.combine(day, time(first_hour), tzinfo=tz)

    def row_at(moment: datetime) -> int:
        steps = int((moment - grid_start) / STEP)
        return max(2, min(MAX_ROWS, steps + 2))

    counts = seat_counts([s.id for s in sessions])
    index = by_session(conflicts if conflicts is not None else conflicts_for_event(event))
    blocks, unplaced = [], []
    for session in sessions:
        column = column_of.get(session.room_id)
        if column is None:
            unplaced.append(session)
            continue
        start_row = row_at(session.starts_at)
        end_row = max(start_row + 1, row_at(min(session.ends_at, end_of_day)))
        state_counts = counts[session.id]
        blocks.append(
            Block(
                session,
                start_row,
                end_row,
                column,
                state_counts["confirmed"],
                state_counts["waitlisted"],
                index.get(session.id, []),
            )
        )

    hours = []
    for hour in range(first_hour, last_hour):
        moment = datetime.combine(day, time(hour), tzinfo=tz)
        mark = HourMark(moment, row_at(moment))
        for room in columns:
            mark.slots.append((column_of[room.id if room else None], room, f"{hour:02d}:00"))
        hours.append(mark)
    last_row = row_at(datetime.combine(day, time(0), tzinfo=tz) + timedelta(hours=last_hour))
    return DayGrid(day, columns, blocks, hours, last_row, unplaced)


def session_days(event: Event) -> list[date]:
    """Days that have sessions, plus the event's own days, in order."""
    days = set()
    day = event.starts_on
    while day <= event.ends_on:
        days.add(day)
        day += timedelta(days=1)
    for starts_at in db.session.scalars(
        sa.select(WorkingSession.starts_at).where(WorkingSession.event_id == event.id)
    ):
        days.add(starts_at.astimezone(event.tz).date())
    return sorted(days)
