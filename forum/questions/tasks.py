"""The worker forgets file answers held for a form's next try once they are too old."""

from huey import crontab

from forum.extensions import db
from forum.questions import held_files
from forum.tasks import periodic_task


@periodic_task(crontab(minute="7"))
def forget_stale_held_files() -> int:
    """Files held longer than held_files.HOLD_FOR, deleted every hour (an abandoned form)."""
    count = held_files.forget_stale()
    db.session.commit()
    return count
