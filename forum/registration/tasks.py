"""The worker's periodic work for registrations: invitation reminders."""

from huey import crontab

from forum.events.models import Event
from forum.extensions import db
from forum.registration.reminders import send_due_reminders
from forum.tasks import periodic_task


@periodic_task(crontab(minute="*/15"))
def remind_invitations() -> int:
    """Remind the invitations not taken up, of every event (one commit per event)."""
    sent = 0
    for event in db.session.scalars(db.select(Event).order_by(Event.id)).all():
        sent += send_due_reminders(event)
        db.session.commit()
    return sent
