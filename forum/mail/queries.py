"""What the outbox holds: figures for /healthz, and the organisers' list of problems."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from forum.db import utcnow
from forum.extensions import db
from forum.mail.models import MailState, OutgoingMail

WAITING = (MailState.QUEUED, MailState.SENDING)


@dataclass(frozen=True)
class OutboxFigures:
    waiting: int  # queued or being sent
    oldest_waiting_since: datetime | None
    failed: int
    sent_last_day: int

    def oldest_waiting_seconds(self, now: datetime | None = None) -> float | None:
        if self.oldest_waiting_since is None:
            return None
        return round(((now or utcnow()) - self.oldest_waiting_since).total_seconds(), 1)


def _of_event(event_id: int | None) -> sa.ColumnElement[bool]:
    """The mails about an event, and those about none (accounts, password resets)."""
    if event_id is None:
        return sa.true()
    return sa.or_(OutgoingMail.event_id == event_id, OutgoingMail.event_id.is_(None))


def outbox_figures(event_id: int | None = None, now: datetime | None = None) -> OutboxFigures:
    """Counts by state (of one event's mails and those about none, or of all)."""
    day_ago = (now or utcnow()) - timedelta(days=1)
    row = db.session.execute(
        sa.select(
            sa.func.count().filter(OutgoingMail.state.in_(WAITING)),
            sa.func.min(OutgoingMail.created_at).filter(OutgoingMail.state.in_(WAITING)),
            sa.func.count().filter(OutgoingMail.state == MailState.FAILED),
            sa.func.count().filter(
                OutgoingMail.state == MailState.SENT,
                OutgoingMail.sent_at >= day_ago,
            ),
        ).where(_of_event(event_id))
    ).one()
    return OutboxFigures(*row)


def failed_mails(event_id: int | None, limit: int = 100) -> list[OutgoingMail]:
    """The mails that could not be delivered, newest first."""
    return list(
        db.session.scalars(
            sa.select(OutgoingMail)
            .where(OutgoingMail.state == MailState.FAILED, _of_event(event_id))
            .order_by(OutgoingMail.created_at.desc(), OutgoingMail.id.desc())
            .limit(limit)
        )
    )


def retrying_mails(event_id: int | None, limit: int = 100) -> list[OutgoingMail]:
    """Mails waiting for another attempt after a temporary failure, oldest first."""
    return list(
        db.session.scalars(
            sa.select(OutgoingMail)
            .where(
                OutgoingMail.state == MailState.QUEUED,
                OutgoingMail.attempts > 0,
                _of_event(event_id),
            )
            .order_by(OutgoingMail.created_at, OutgoingMail.id)
            .limit(limit)
        )
    )
