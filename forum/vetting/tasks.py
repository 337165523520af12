"""The worker deletes identity data whose retention has run out, every night."""

from datetime import date

from huey import crontab

from forum.extensions import db
from forum.tasks import periodic_task
from forum.vetting import services


@periodic_task(crontab(hour="3", minute="20"))
def purge_identity_data() -> int:
    """Identity data is kept `retention_days` after the event, then deleted (docs/security.md)."""
    count = services.purge_due(date.today())
    db.session.commit()
    return count
