"""Reads the programme's modules share: sessions in time order, whether the programme is
public, and seat counts. Services, sign-ups, speakers and the schedule build on these."""

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.events.models import Event
from forum.extensions import db
from forum.programme.models import SignUp, SignUpState, SpeakerAssignment, WorkingSession


def sessions_query(event: Event, *, public: bool) -> sa.Select:
    """Sessions of the event in time order with rooms and speakers loaded."""
    query = (
        sa.select(WorkingSession)
        .where(WorkingSession.event_id == event.id)
        .options(
            so.joinedload(WorkingSession.room),
            so.selectinload(WorkingSession.speakers).joinedload(SpeakerAssignment.registration),
            so.selectinload(WorkingSession.speakers).joinedload(SpeakerAssignment.speaker_profile),
        )
        .order_by(WorkingSession.starts_at, WorkingSession.ends_at, WorkingSession.id)
    )
    if public:
        query = query.where(WorkingSession.published.is_(True))
    return query


def programme_is_public(event: Event) -> bool:
    return bool(event.programme_published)


def confirmed_count(session_id: int) -> int:
    """Seats taken in a session (confirmed sign-ups; the waiting list not counted)."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(SignUp)
        .where(SignUp.session_id == session_id, SignUp.state == SignUpState.CONFIRMED)
    )


def seat_counts(session_ids: list[int]) -> dict[int, dict[SignUpState, int]]:
    """Confirmed and waitlisted counts per session, in one query."""
    counts: dict[int, dict[SignUpState, int]] = {
        i: {SignUpState.CONFIRMED: 0, SignUpState.WAITLISTED: 0} for i in session_ids
    }
    if not session_ids:
        return counts
    rows = db.session.execute(
        sa.select(SignUp.session_id, SignUp.state, sa.func.count())
        .where(SignUp.session_id.in_(session_ids))
        .group_by(SignUp.session_id, SignUp.state)
    )
    for session_id, state, count in rows:
        counts[session_id][state] = count
    return counts
