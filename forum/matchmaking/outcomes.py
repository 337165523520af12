"""What came of a meeting: each side records it in one click, privately.

An outcome belongs to the seat of the person who recorded it: the other side never
sees it, and the organisers see only counts (forum.matchmaking.reports).
"""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import Meeting, MeetingSeat, Outcome
from forum.matchmaking.models import Participant


def record_outcome(
    event: Event, participant: Participant, meeting_id: int, outcome: str, now: datetime
) -> MeetingSeat:
    """Record (or change) the participant's outcome of a meeting that has begun."""
    try:
        chosen = Outcome(outcome)
    except ValueError:
        raise MatchmakingError(_l("Choose one of the outcomes.")) from None
    seat = db.session.scalar(
        sa.select(MeetingSeat)
        .join(Meeting, Meeting.id == MeetingSeat.meeting_id)
        .where(
            MeetingSeat.meeting_id == meeting_id,
            MeetingSeat.participant_id == participant.id,
            Meeting.event_id == event.id,
        )
    )
    if seat is None:
        raise MatchmakingError(_l("That meeting does not exist."), status=404)
    if seat.meeting.slot.starts_at > now:
        raise MatchmakingError(_l("You can record what came of a meeting once it has begun."))
    seat.outcome = chosen
    seat.outcome_at = now
    db.session.flush()
    return seat
