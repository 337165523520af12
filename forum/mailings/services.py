"""Mailings: write, preview, test, send now or at a time, cancel, and read the log.

A mailing is queued in one transaction: one outbox row per recipient (queue_many,
priority MAILING_PRIORITY so that confirmations are not stuck behind it), each in
the recipient's language, and the mailing marked queued. A scheduled mailing is
queued by the worker's periodic task (forum.mailings.tasks) once its time has come;
the conditional UPDATE that marks it queued is the one guard against sending twice
(two workers, or an organiser pressing "send now" as the time comes).
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.audit.services import CURRENT_USER, record
from forum.db import utcnow
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db
from forum.mail import queue_many, render_mail
from forum.mail.models import MailState, OutgoingMail
from forum.mail.render import render_mails
from forum.mailings import placeholders
from forum.mailings.models import MAILING_PRIORITY, Mailing, MailingState
from forum.mailings.segments import Segment, count_query, recipients_query

LANGUAGES = ("en", "uk")
TEMPLATE = "mailing"


class MailingError(ForumError):
    """A mailing that cannot be saved, sent, scheduled or cancelled as asked."""


@dataclass(frozen=True)
class Texts:
    subject: str
    body: str
    subject_uk: str = ""
    body_uk: str = ""


@dataclass(frozen=True)
class SamplePerson:
    """Whom a preview is written to when the segment is empty."""

    title: str = "Dr"
    given_name: str = "Olena"
    family_name: str = "Kovalenko"
    organisation: str = "Ministry of Strategic Industries of Ukraine"
    locale: str = "en"
    email: str = ""


def check_texts(texts: Texts) -> None:
    """Refuse texts with unknown placeholders or stray braces (PlaceholderError)."""
    for text in (texts.subject, texts.body, texts.subject_uk, texts.body_uk):
        placeholders.check(text)


def save_mailing(
    event: Event, texts: Texts, segment: Segment, author=CURRENT_USER, mailing=None
) -> Mailing:
    """Create a draft (or change one): texts checked, segment kept."""
    check_texts(texts)
    if mailing is None:
        mailing = Mailing(event_id=event.id)
        if author is not CURRENT_USER and author is not None:
            mailing.created_by_id = author.id
        db.session.add(mailing)
    elif mailing.state is not MailingState.DRAFT:
        raise MailingError(_("Only a draft can be changed: this mailing has left or is scheduled."))
    mailing.subject, mailing.body = texts.subject, texts.body
    mailing.subject_uk, mailing.body_uk = texts.subject_uk, texts.body_uk
    mailing.segment = segment.to_dict()
    db.session.flush()
    record("mailing.saved", mailing, actor=author, subject=mailing.subject)
    return mailing


def segment_of(mailing: Mailing) -> Segment:
    return Segment.from_dict(mailing.segment or {})


def count_recipients(event_id: int, segment: Segment) -> int:
    return db.session.scalar(count_query(event_id, segment)) or 0


def language_for(mailing: Mailing, locale: str) -> str:
    """The version a reader of `locale` gets: Ukrainian when written, else English."""
    if locale == "uk" and mailing.subject_uk.strip() and mailing.body_uk.strip():
        return "uk"
    return "en"


def _texts_in(mailing: Mailing, language: str) -> tuple[str, str]:
    if language == "uk":
        return mailing.subject_uk, mailing.body_uk
    return mailing.subject, mailing.body


def _context(mailing: Mailing, event: Event, language: str, person, links: dict) -> dict:
    subject, body = _texts_in(mailing, language)
    values = placeholders.values_for(person, links, language)
    return {
        "event": event,
        "subject": placeholders.fill(subject, values),
        "body": placeholders.fill(body, values),
    }


def preview(mailing: Mailing, event: Event) -> dict[str, tuple[str, str, str | None]]:
    """The mail in each language, as the first recipient (or a sample person) gets it."""
    person = (
        db.session.execute(recipients_query(event.id, segment_of(mailing)).limit(1)).first()
        or SamplePerson()
    )
    links = placeholders.shared_links()
    shown = {}
    for language in LANGUAGES:
        version = language_for(mailing, language)
        context = _context(mailing, event, version, person, links)
        shown[language] = render_mail(TEMPLATE, language, **context)
    return shown


def send_test(mailing: Mailing, event: Event, user) -> int:
    """Send the mailing to `user` in each language written, marked as a test."""
    links = placeholders.shared_links()
    sample = SamplePerson()
    languages = ["en"] + (["uk"] if language_for(mailing, "uk") == "uk" else [])
    mails = []
    for language in languages:
        context = _context(mailing, event, language, sample, links)
        context["subject"] = f"[{_('Test')}] {context['subject']}"
        subject, text, html = render_mail(TEMPLATE, language, **context)
        mails.append(
            {
                "recipient": user.email,
                "subject": subject,
                "text": text,
                "html": html,
                "locale": language,
                "template": TEMPLATE,
                "event_id": event.id,
            }
        )
    queue_many(mails)
    record("mailing.tested", mailing, to=user.email)
    return len(mails)


def _claim(mailing: Mailing, now: datetime, expected: tuple[MailingState, ...]) -> None:
    """Mark the mailing queued, unless another request or worker did first."""
    claimed = db.session.execute(
        sa.update(Mailing)
        .where(Mailing.id == mailing.id, Mailing.state.in_(expected))
        .values(state=MailingState.QUEUED, queued_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise MailingError(_("This mailing has already been sent."))
    db.session.refresh(mailing)


def queue_mailing(
    mailing: Mailing,
    event: Event,
    now: datetime | None = None,
    actor=CURRENT_USER,
    expected: tuple[MailingState, ...] = (MailingState.DRAFT, MailingState.SCHEDULED),
    allow_empty: bool = False,
) -> int:
    """Put one mail per recipient in the outbox, each in the recipient's language.

    An empty segment is refused, except for a scheduled mailing whose time has come
    (`allow_empty`): it is marked sent to nobody rather than tried again every minute."""
    now = now or utcnow()
    check_texts(Texts(mailing.subject, mailing.body, mailing.subject_uk, mailing.body_uk))
    _claim(mailing, now, expected)
    rows = db.session.execute(recipients_query(event.id, segment_of(mailing))).all()
    if not rows and not allow_empty:
        raise MailingError(_("Nobody is in this segment: there is no one to send it to."))
    links = placeholders.shared_links()
    by_locale: dict[str, list] = {}
    for row in rows:
        by_locale.setdefault("uk" if row.locale == "uk" else "en", []).append(row)
    mails = []
    for locale, people in by_locale.items():
        version = language_for(mailing, locale)
        contexts = [_context(mailing, event, version, person, links) for person in people]
        # The interface around the text (footer, dates) in the reader's language.
        for person, (subject, text, html) in zip(
            people, render_mails(TEMPLATE, locale, contexts), strict=True
        ):
            mails.append(
                {
                    "recipient": person.email,
                    "subject": subject,
                    "text": text,
                    "html": html,
                    "locale": version,
                    "template": TEMPLATE,
                    "event_id": event.id,
                    "priority": MAILING_PRIORITY,
                    "mailing_id": mailing.id,
                }
            )
    count = queue_many(mails)
    mailing.recipient_count = count
    record("mailing.sent", mailing, actor=actor, recipients=count)
    return count


def schedule(mailing: Mailing, at: datetime, now: datetime | None = None) -> None:
    """Let the mailing leave at `at` (the worker queues it then)."""
    if mailing.state is not MailingState.DRAFT:
        raise MailingError(_("Only a draft can be scheduled."))
    if at <= (now or utcnow()):
        raise MailingError(_("Choose a time in the future."))
    mailing.state, mailing.scheduled_at = MailingState.SCHEDULED, at
    record("mailing.scheduled", mailing, send_at=at.isoformat())


def cancel_schedule(mailing: Mailing) -> None:
    """Keep a scheduled mailing from leaving: it is a draft again."""
    cancelled = db.session.execute(
        sa.update(Mailing)
        .where(Mailing.id == mailing.id, Mailing.state == MailingState.SCHEDULED)
        .values(state=MailingState.DRAFT, scheduled_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if cancelled != 1:
        raise MailingError(_("This mailing is not scheduled any more: it may have left already."))
    db.session.refresh(mailing)
    record("mailing.cancelled", mailing)


def queue_due_mailings(now: datetime | None = None) -> int:
    """Queue every scheduled mailing whose time has come, each in its own transaction."""
    now = now or utcnow()
    due = db.session.scalars(
        sa.select(Mailing).where(
            Mailing.state == MailingState.SCHEDULED, Mailing.scheduled_at <= now
        )
    ).all()
    db.session.commit()
    queued = 0
    for mailing in due:
        event = db.session.get(Event, mailing.event_id)
        try:
            queue_mailing(
                mailing,
                event,
                now,
                actor=None,
                expected=(MailingState.SCHEDULED,),
                allow_empty=True,
            )
        except MailingError:  # cancelled meanwhile (or its texts no longer check)
            db.session.rollback()
            continue
        db.session.commit()
        queued += 1
    return queued


def recipient_log(mailing: Mailing, limit: int = 500) -> list[OutgoingMail]:
    """The mailing's mails: problems first, then by recipient."""
    problems_first = sa.case((OutgoingMail.state == MailState.FAILED, 0), else_=1)
    return list(
        db.session.scalars(
            sa.select(OutgoingMail)
            .where(OutgoingMail.mailing_id == mailing.id)
            .order_by(problems_first, OutgoingMail.recipient, OutgoingMail.id)
            .limit(limit)
        )
    )


def log_counts(mailing: Mailing) -> dict[MailState, int]:
    rows = db.session.execute(
        sa.select(OutgoingMail.state, sa.func.count())
        .where(OutgoingMail.mailing_id == mailing.id)
        .group_by(OutgoingMail.state)
    ).all()
    return {state: 0 for state in MailState} | dict(rows)


def mailings_of(event: Event) -> list[Mailing]:
    return list(
        db.session.scalars(
            sa.select(Mailing)
            .where(Mailing.event_id == event.id)
            .order_by(Mailing.created_at.desc(), Mailing.id.desc())
        )
    )
