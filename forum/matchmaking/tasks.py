"""The worker tells counterparts what the door saw, every minute (forum.matchmaking.door)."""

from huey import crontab

from forum.db import utcnow
from forum.extensions import db
from forum.matchmaking import door
from forum.tasks import periodic_task


@periodic_task(crontab(minute="*"))
def tell_door_news() -> int:
    """Arrivals, and people not in the venue shortly before their meeting: a notice for the
    other side, and a mail for those who asked (queued in the outbox, sent after the commit)."""
    now = utcnow()
    told = sum(door.tell_door_news(event, now) for event in door.events_meeting_around(now))
    db.session.commit()
    return told
