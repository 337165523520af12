"""E-mails about the programme, queued in the outbox with the change that causes them.

A service that moves a session or promotes a waitlisted delegate queues the mails
in its own transaction (forum.mail): they leave after the commit, and never for a
change that was rolled back.
"""

from datetime import datetime

import sqlalchemy as sa
from babel.dates import format_datetime, format_time

from forum.events.models import Event
from forum.extensions import db
from forum.i18n import BABEL_LOCALES
from forum.mail import send_mail
from forum.programme.models import Room, SignUp, WorkingSession
from forum.registration.models import Registration
from forum.registration.titles import Addressee

# The delegate's agenda (.ics), built by the worker when the mail leaves, so that it is
# the agenda of that moment (forum/programme/agenda_calendar.py registers the builder).
AGENDA_ICS = "agenda_ics"


def agenda_attachment(registration: Registration) -> dict:
    return {"kind": AGENDA_ICS, "registration_id": registration.id}


def _queue(event: Event, person: Registration, template: str, locale: str, **context) -> None:
    mail = send_mail(person.email, template, locale, event=event, **context)
    mail.attachments = [agenda_attachment(person)]


def when(event: Event, starts_at: datetime, ends_at: datetime, locale: str) -> str:
    """'Monday 6 May 2024, 11:00–12:30' in `locale`, in the event's time zone."""
    babel_locale = BABEL_LOCALES.get(locale, locale)
    day = format_datetime(starts_at, "EEEE d MMMM y, HH:mm", tzinfo=event.tz, locale=babel_locale)
    end = format_time(ends_at, "HH:mm", tzinfo=event.tz, locale=babel_locale)
    return f"{day}–{end}"


def _session_context(event: Event, session: WorkingSession, locale: str) -> dict:
    return {
        "event_name": event.localized("name", locale),
        "title": session.localized("title", locale),
        "when": when(event, session.starts_at, session.ends_at, locale),
        "room": session.room.localized("name", locale) if session.room else "",
    }


def recipients_of(session: WorkingSession) -> list[Registration]:
    """Delegates signed up (confirmed or waiting) and delegate speakers, each once."""
    signed_up = db.session.scalars(
        sa.select(Registration)
        .join(SignUp, SignUp.registration_id == Registration.id)
        .where(SignUp.session_id == session.id)
        .order_by(SignUp.created_at, SignUp.id)
    ).all()
    people = {r.id: r for r in signed_up}
    for assignment in session.speakers:
        if assignment.registration is not None:
            people.setdefault(assignment.registration.id, assignment.registration)
    return list(people.values())


def queue_session_moved(
    event: Event, session: WorkingSession, old_starts: datetime, old_room: Room | None
) -> None:
    """Tell everyone concerned that a published session moved (time or room)."""
    duration = session.ends_at - session.starts_at
    for person in recipients_of(session):
        locale = person.locale or "en"
        _queue(
            event,
            person,
            "session_moved",
            locale,
            addressee=Addressee.of(person),
            old_when=when(event, old_starts, old_starts + duration, locale),
            old_room=old_room.localized("name", locale) if old_room else "",
            **_session_context(event, session, locale),
        )


def queue_promoted(event: Event, sign_up: SignUp) -> None:
    """Tell a waitlisted delegate they now have a seat."""
    person = sign_up.registration
    locale = person.locale or "en"
    _queue(
        event,
        person,
        "session_promoted",
        locale,
        addressee=Addressee.of(person),
        **_session_context(event, sign_up.session, locale),
    )
