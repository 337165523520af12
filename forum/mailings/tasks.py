"""The worker's mailing task: every minute, queue the scheduled mailings whose time has come."""

from huey import crontab

from forum.mailings.services import queue_due_mailings
from forum.tasks import periodic_task


@periodic_task(crontab(minute="*"))
def send_scheduled_mailings() -> None:
    """Scheduled mailings leave within a minute of their time (cancelled ones stay)."""
    queue_due_mailings()
