"""A mailing: one message in English and Ukrainian to a segment of the event's registrations.

Its recipients are the outbox rows it queued (OutgoingMail.mailing_id): their
state and the SMTP server's answer are the per-recipient log.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.db import UTCDateTime, created_at, enum_column, intpk
from forum.extensions import db


class MailingState(enum.StrEnum):
    DRAFT = "draft"  # being written; may be edited, tested, sent or scheduled
    SCHEDULED = "scheduled"  # leaves at scheduled_at unless cancelled first
    QUEUED = "queued"  # its mails are in the outbox

    @property
    def label(self) -> str:
        return str(MAILING_STATE_LABELS[self])


MAILING_STATE_LABELS = {
    MailingState.DRAFT: _l("Draft"),
    MailingState.SCHEDULED: _l("Scheduled"),
    MailingState.QUEUED: _l("Sent"),
}

# The priority of a mailing's mails in the outbox: confirmations (0) go first.
MAILING_PRIORITY = 10


class Mailing(db.Model):
    __tablename__ = "mailings"

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    subject: so.Mapped[str] = so.mapped_column(sa.String(200))
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    # Empty: Ukrainian readers get the English version.
    subject_uk: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    body_uk: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # Who receives it (forum.mailings.segments.Segment as a dict).
    segment: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    state: so.Mapped[MailingState] = so.mapped_column(
        enum_column(MailingState, "mailing_state"), default=MailingState.DRAFT
    )
    scheduled_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    queued_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    recipient_count: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[created_at]

    def __repr__(self) -> str:
        return f"<Mailing {self.id} {self.subject!r} {self.state.value}>"
