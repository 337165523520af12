"""Queueing mail: a row of the outbox in the caller's transaction, delivered after the commit.

`send_mail()` renders a template and queues it; `queue_mail()` queues a mail
already rendered; `queue_many()` queues thousands with one INSERT (a mailing).
None of them touches the network: when the transaction that queued mails
commits, delivery tasks are queued for the worker; when it rolls back, the mails
go with it. If queueing the task fails (Redis away), the worker's sweep finds
the mails within a minute (forum.mail.tasks).
"""

import logging
import math
from collections.abc import Iterable, Sequence
from email.utils import make_msgid

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm as so

from forum.db import utcnow
from forum.extensions import db
from forum.mail.delivery import CLAIM_BATCH
from forum.mail.models import MailState, OutgoingMail
from forum.mail.render import render_mail
from forum.mail.tasks import deliver_due

log = logging.getLogger(__name__)

# How many delivery tasks one commit queues at most: more mails are shared out as each
# task claims the next batch (forum.mail.delivery).
MAX_PARALLEL_DELIVERIES = 4
_QUEUED = "outbox_mails_queued"


def send_mail(to: str, template: str, locale: str = "en", **context) -> OutgoingMail:
    """Render templates/mail/<template> in `locale` and queue it for `to`.

    `event` in the context, when given, is the event the mail is about.
    """
    subject, text, html = render_mail(template, locale, **context)
    event = context.get("event")
    return queue_mail(
        to,
        subject,
        text,
        html=html,
        locale=locale,
        template=template,
        event_id=event.id if event is not None else None,
    )


def queue_mail(
    recipient: str,
    subject: str,
    text: str,
    *,
    html: str | None = None,
    locale: str = "en",
    template: str = "",
    attachments: Sequence[dict] = (),
    event_id: int | None = None,
    priority: int = 0,
) -> OutgoingMail:
    """Queue one rendered mail in the current transaction; the caller commits."""
    row = _row(recipient, subject, text, html, locale, template, attachments, event_id, priority)
    mail = OutgoingMail(**row)
    db.session.add(mail)
    _count_queued(db.session, 1)
    return mail


def queue_many(mails: Iterable[dict]) -> int:
    """Queue many rendered mails with one INSERT; each dict has queue_mail's arguments
    (recipient, subject, text, and optionally html, locale, template, attachments,
    event_id, priority, mailing_id). Returns how many; the caller commits."""
    rows = [
        _row(
            m["recipient"],
            m["subject"],
            m["text"],
            m.get("html"),
            m.get("locale", "en"),
            m.get("template", ""),
            m.get("attachments", ()),
            m.get("event_id"),
            m.get("priority", 0),
            m.get("mailing_id"),
        )
        for m in mails
    ]
    if rows:
        db.session.execute(sa.insert(OutgoingMail), rows)
        _count_queued(db.session, len(rows))
    return len(rows)


def queued_in_this_transaction() -> int:
    """How many mails the current transaction has queued so far."""
    return db.session.info.get(_QUEUED, 0)


def forget_mails_to(address: str) -> int:
    """Delete every mail to `address` (erasure: their bodies name the person)."""
    result = db.session.execute(
        sa.delete(OutgoingMail).where(sa.func.lower(OutgoingMail.recipient) == address.lower())
    )
    return result.rowcount or 0


def _row(
    recipient, subject, text, html, locale, template, attachments, event_id, priority, mailing=None
):
    sender = current_app.config["MAIL_SENDER"]
    return {
        "recipient": recipient,
        "subject": subject,
        "text_body": text,
        "html_body": html,
        "locale": locale or "en",
        "template": template,
        "attachments": [dict(a) for a in attachments],
        "message_id": make_msgid(domain=sender.rpartition("@")[2] or "localhost"),
        "event_id": event_id,
        "priority": priority,
        "mailing_id": mailing,
        "state": MailState.QUEUED,
        "attempts": 0,
        "next_attempt_at": utcnow(),
        "last_answer": "",
    }


def _count_queued(session: so.Session, count: int) -> None:
    session.info[_QUEUED] = session.info.get(_QUEUED, 0) + count


def _still_open(session: so.Session) -> bool:
    """True when the event is a savepoint's (released or rolled back): the transaction that
    holds it goes on and decides for its mails."""
    transaction = session.get_transaction()
    return transaction is not None and transaction.is_active


def _after_commit(session: so.Session) -> None:
    if _still_open(session):
        return
    count = session.info.pop(_QUEUED, 0)
    if count:
        start_deliveries(count)


def _after_rollback(session: so.Session) -> None:
    if _still_open(session):
        return
    session.info.pop(_QUEUED, None)


def start_deliveries(count: int) -> None:
    """Queue delivery tasks for `count` new mails; never fails the caller (the sweep
    delivers what a lost task would have)."""
    tasks = min(MAX_PARALLEL_DELIVERIES, math.ceil(count / CLAIM_BATCH))
    try:
        for _ in range(tasks):
            deliver_due()
    except Exception:
        log.exception("Could not queue the delivery of %s mails; the sweep will send them", count)


def listen() -> None:
    """Start deliveries after each commit that queued mail (connected once)."""
    for name, receiver in (("after_commit", _after_commit), ("after_rollback", _after_rollback)):
        if not sa.event.contains(db.session, name, receiver):
            sa.event.listen(db.session, name, receiver)
