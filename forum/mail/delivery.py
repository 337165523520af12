"""Delivering the outbox (run by the worker's tasks, forum.mail.tasks).

A worker claims a batch of due mails in one short transaction (SELECT ... FOR
UPDATE SKIP LOCKED on PostgreSQL, so two workers never claim the same row; on
SQLite the write lock taken by BEGIN IMMEDIATE serialises claims), marking them
`sending`. It then talks to the SMTP server with no transaction open, and
records each answer in its own short transaction: `sent`, `failed` (a 5xx
refusal, at once; other mails go on), or back to `queued` for a later attempt
(MAIL_RETRY_DELAYS, then hourly, until MAIL_RETRY_FOR has passed). When the
server cannot be reached at all, every waiting mail waits for the next attempt.

The one window: a worker that dies after the server accepted a mail and before
`sent` is committed leaves the row `sending`; after MAIL_CLAIM_TIMEOUT the sweep
queues it again and it is sent a second time (same Message-ID). docs/deployment.md
says so.
"""

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

import sqlalchemy as sa
from flask import current_app

from forum.db import SQLITE_BEGIN, utcnow
from forum.extensions import db
from forum.mail.attachments import build
from forum.mail.models import MailState, OutgoingMail
from forum.mail.transport import Outcome, Transport, Verdict

# How many mails a worker claims (and sends over one connection) at a time.
CLAIM_BATCH = 20
STOPPED_WHILE_SENDING = "the worker stopped while sending; sent again (it may arrive twice)"


@dataclass(frozen=True)
class Claimed:
    """A claimed mail, copied out of the session: nothing touches the database while the
    SMTP server is talked to."""

    id: int
    recipient: str
    subject: str
    text_body: str
    html_body: str | None
    attachments: list[dict]
    message_id: str
    attempts: int
    created_at: datetime


@dataclass
class Run:
    """What one delivery run did, and what the task should do next."""

    sent: int = 0
    failed: int = 0
    retry_at: datetime | None = None  # the earliest next attempt of a mail put back
    more_due: bool = False  # the time budget ran out with mails still due

    def retry_no_later_than(self, moment: datetime | None) -> None:
        if moment is not None and (self.retry_at is None or moment < self.retry_at):
            self.retry_at = moment


def _setting(name: str):
    return current_app.config[name]


def _duration(name: str) -> timedelta:
    """A timedelta setting; a number (from FORUM_* variables) counts seconds."""
    value = current_app.config[name]
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


def retry_delay(attempts: int) -> timedelta:
    """How long a mail waits after its `attempts`-th failed attempt."""
    delays = _setting("MAIL_RETRY_DELAYS")
    return timedelta(seconds=delays[min(attempts, len(delays)) - 1])


def claim(limit: int = CLAIM_BATCH) -> list[Claimed]:
    """Mark up to `limit` due mails `sending` for this worker, most urgent first."""
    now = utcnow()
    due = (
        sa.select(OutgoingMail.id)
        .where(OutgoingMail.state == MailState.QUEUED, OutgoingMail.next_attempt_at <= now)
        .order_by(OutgoingMail.priority, OutgoingMail.next_attempt_at, OutgoingMail.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = db.session.scalars(due).all()
    rows = []
    if ids:
        rows = db.session.execute(
            sa.update(OutgoingMail)
            .where(OutgoingMail.id.in_(ids), OutgoingMail.state == MailState.QUEUED)
            .values(state=MailState.SENDING, claimed_at=now)
            .returning(
                OutgoingMail.id,
                OutgoingMail.recipient,
                OutgoingMail.subject,
                OutgoingMail.text_body,
                OutgoingMail.html_body,
                OutgoingMail.attachments,
                OutgoingMail.message_id,
                OutgoingMail.attempts,
                OutgoingMail.created_at,
            )
            .execution_options(synchronize_session=False)
        ).all()
    db.session.commit()
    return sorted((Claimed(*row) for row in rows), key=lambda mail: ids.index(mail.id))


def compose(mail: Claimed) -> EmailMessage:
    """The message to hand over: text, the HTML alternative, the attachments built now."""
    message = EmailMessage()
    message["Subject"] = mail.subject
    message["From"] = formataddr((_setting("MAIL_SENDER_NAME") or "", _setting("MAIL_SENDER")))
    message["To"] = mail.recipient
    message["Date"] = format_datetime(mail.created_at)
    message["Message-ID"] = mail.message_id
    if _setting("MAIL_CONTACT"):  # a reply reaches people, not the unread sender
        message["Reply-To"] = _setting("MAIL_CONTACT")
    message.set_content(mail.text_body)
    if mail.html_body:
        message.add_alternative(mail.html_body, subtype="html")
    for reference in mail.attachments or []:
        attachment = build(reference)
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return message


def _compose_all(batch: list[Claimed]) -> dict[int, EmailMessage | str]:
    """Each mail's message, or why it could not be built; read-only, so on SQLite without
    the write lock, and the transaction is over before the server is talked to."""
    reading = SQLITE_BEGIN.set("BEGIN")
    try:
        built: dict[int, EmailMessage | str] = {}
        for mail in batch:
            try:
                built[mail.id] = compose(mail)
            except Exception as error:  # a builder's bug must not stop the other mails
                current_app.logger.exception("Mail %s could not be composed", mail.id)
                built[mail.id] = f"could not compose the mail: {error}"[:1000]
        return built
    finally:
        db.session.rollback()
        SQLITE_BEGIN.reset(reading)


def record(mail: Claimed, outcome: Outcome, now: datetime | None = None) -> datetime | None:
    """Keep the server's answer; returns when the mail is tried again, if it is."""
    now = now or utcnow()
    values: dict = {
        "attempts": mail.attempts + 1,
        "last_attempt_at": now,
        "last_answer": outcome.answer,
        "claimed_at": None,
    }
    retry_at = None
    if outcome.verdict is Verdict.SENT:
        values.update(state=MailState.SENT, sent_at=now)
    elif outcome.verdict is Verdict.REFUSED or now - mail.created_at >= _duration("MAIL_RETRY_FOR"):
        values.update(state=MailState.FAILED)
    else:
        retry_at = now + retry_delay(mail.attempts + 1)
        values.update(state=MailState.QUEUED, next_attempt_at=retry_at)
    db.session.execute(
        sa.update(OutgoingMail)
        .where(OutgoingMail.id == mail.id, OutgoingMail.state == MailState.SENDING)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return retry_at


def _wait_for_server(untried: list[Claimed], until: datetime, answer: str) -> None:
    """The server is away: the claimed mails not tried yet and every due mail wait, each
    showing why (no attempt is counted for them)."""
    if untried:
        db.session.execute(
            sa.update(OutgoingMail)
            .where(
                OutgoingMail.id.in_([mail.id for mail in untried]),
                OutgoingMail.state == MailState.SENDING,
            )
            .values(state=MailState.QUEUED, claimed_at=None, next_attempt_at=until)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        sa.update(OutgoingMail)
        .where(OutgoingMail.state == MailState.QUEUED, OutgoingMail.next_attempt_at < until)
        .values(next_attempt_at=until)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        sa.update(OutgoingMail)
        .where(OutgoingMail.state == MailState.QUEUED, OutgoingMail.attempts == 0)
        .values(last_answer=answer)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def deliver_due(budget_seconds: float | None = None) -> Run:
    """Claim and send due mails, a batch at a time, until none is due or the budget is spent."""
    budget = _setting("MAIL_DELIVERY_SECONDS") if budget_seconds is None else budget_seconds
    deadline = time.monotonic() + budget
    run = Run()
    with Transport() as transport:
        while True:
            if time.monotonic() >= deadline:
                run.more_due = has_due()
                return run
            batch = claim()
            if not batch:
                return run
            built = _compose_all(batch)
            for index, mail in enumerate(batch):
                message = built[mail.id]
                if isinstance(message, str):
                    outcome = Outcome(Verdict.DEFERRED, message)
                else:
                    outcome = transport.send(message)
                retry_at = record(mail, outcome)
                run.retry_no_later_than(retry_at)
                if outcome.verdict is Verdict.SENT:
                    run.sent += 1
                elif retry_at is None:
                    run.failed += 1
                if outcome.verdict is Verdict.UNREACHABLE:
                    until = retry_at or utcnow() + retry_delay(1)
                    _wait_for_server(batch[index + 1 :], until, outcome.answer)
                    run.retry_no_later_than(until)
                    return run


def has_due(now: datetime | None = None) -> bool:
    """Whether some queued mail's attempt is due."""
    found = db.session.scalar(
        sa.select(OutgoingMail.id)
        .where(
            OutgoingMail.state == MailState.QUEUED,
            OutgoingMail.next_attempt_at <= (now or utcnow()),
        )
        .limit(1)
    )
    db.session.commit()
    return found is not None


def sweep(now: datetime | None = None) -> None:
    """Claims of dead workers go back in the queue (or fail, past MAIL_RETRY_FOR); mails
    past their keeping time are deleted."""
    now = now or utcnow()
    stale = sa.and_(
        OutgoingMail.state == MailState.SENDING,
        OutgoingMail.claimed_at < now - _duration("MAIL_CLAIM_TIMEOUT"),
    )
    too_old = OutgoingMail.created_at <= now - _duration("MAIL_RETRY_FOR")
    stopped = {"claimed_at": None, "last_answer": STOPPED_WHILE_SENDING}
    for condition, values in (
        (sa.and_(stale, too_old), {"state": MailState.FAILED, **stopped}),
        (stale, {"state": MailState.QUEUED, "next_attempt_at": now, **stopped}),
    ):
        db.session.execute(
            sa.update(OutgoingMail)
            .where(condition)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        sa.delete(OutgoingMail).where(
            sa.or_(
                sa.and_(
                    OutgoingMail.state == MailState.SENT,
                    OutgoingMail.sent_at < now - _duration("MAIL_KEEP_SENT"),
                ),
                sa.and_(
                    OutgoingMail.state == MailState.FAILED,
                    OutgoingMail.created_at < now - _duration("MAIL_KEEP_FAILED"),
                ),
            )
        )
    )
    db.session.commit()
