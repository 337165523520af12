"""The outbox: every mail is a row, written in the transaction of the change that causes it.

A row holds the mail as rendered when it was queued (subject, text, optional
HTML, the recipient's language), references to attachments the worker builds
when it sends (forum.mail.attachments), and its delivery: state, attempts, when
the next attempt is due and the SMTP server's last answer.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.db import UTCDateTime, created_at, enum_column, intpk, utcnow
from forum.extensions import db


class MailState(enum.StrEnum):
    QUEUED = "queued"  # waiting for its first or next attempt (next_attempt_at)
    SENDING = "sending"  # claimed by a worker, being handed to the SMTP server
    SENT = "sent"  # the SMTP server accepted it (last_answer says how)
    FAILED = "failed"  # refused for good (5xx), or still failing after MAIL_RETRY_FOR


class OutgoingMail(db.Model):
    __tablename__ = "outgoing_mails"
    __table_args__ = (
        sa.CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        # The worker's claim: the due mails of a state, most urgent first.
        sa.Index("ix_outgoing_mails_due", "state", "priority", "next_attempt_at"),
    )

    id: so.Mapped[intpk]
    recipient: so.Mapped[str] = so.mapped_column(sa.String(320), index=True)
    # The recipient's language, in which the mail was rendered.
    locale: so.Mapped[str] = so.mapped_column(sa.String(8), default="en")
    # Which mail this is (templates/mail/<template>), for the organisers' list; "" if none.
    template: so.Mapped[str] = so.mapped_column(sa.String(64), default="")
    subject: so.Mapped[str] = so.mapped_column(sa.String(500))
    text_body: so.Mapped[str] = so.mapped_column(sa.Text)
    html_body: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # [{"kind": "...", ...parameters}]: built by the worker (forum.mail.attachments).
    attachments: so.Mapped[list[dict]] = so.mapped_column(sa.JSON, default=list)
    # Fixed when queued: a mail sent twice (the documented crash window) keeps its id,
    # so mail clients can tell the copy.
    message_id: so.Mapped[str] = so.mapped_column(sa.String(255))
    # The event the mail is about, if any: the organisers of that event see it.
    event_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    # The organisers' mailing this mail is one recipient's copy of (its log), if any.
    mailing_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("mailings.id", ondelete="SET NULL"), index=True
    )
    # Lower goes first: a confirmation mail (0) is not stuck behind a mailing (e.g. 10).
    priority: so.Mapped[int] = so.mapped_column(sa.SmallInteger, default=0)
    state: so.Mapped[MailState] = so.mapped_column(
        enum_column(MailState, "mail_state"), default=MailState.QUEUED
    )
    attempts: so.Mapped[int] = so.mapped_column(default=0)
    next_attempt_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    # When a worker claimed it (state sending); a claim older than MAIL_CLAIM_TIMEOUT
    # belongs to a worker that died, and the sweep puts the mail back in the queue.
    claimed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    last_attempt_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    sent_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    # The SMTP server's answer to the last attempt ("250 2.0.0 Ok: queued as ...",
    # "550 5.1.1 <x@y>: Recipient address rejected", "could not connect: ...").
    last_answer: so.Mapped[str] = so.mapped_column(sa.String(1000), default="")
    created_at: so.Mapped[created_at]

    def __repr__(self) -> str:
        return f"<OutgoingMail {self.id} {self.template or self.subject!r} {self.state.value}>"
