"""A delegate's own agenda as an .ics file: for the calendar feed and the mail attachment."""

from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from forum.events.models import Event
from forum.extensions import db
from forum.i18n import BABEL_LOCALES, LANGUAGE_NAMES
from forum.mail import external_url
from forum.mail.attachments import Attachment, AttachmentError, attachment_kind
from forum.programme import signups
from forum.programme.agenda_extras import extra_entries
from forum.programme.calendar import build_calendar
from forum.programme.notifications import AGENDA_ICS
from forum.registration.models import Registration


def session_url(session) -> str:
    return external_url("programme.public_session", session_id=session.id)


def calendar_domain() -> str:
    """The host of BASE_URL, for the entries' UIDs (never the request's Host header)."""
    return urlsplit(current_app.config["BASE_URL"]).hostname


def agenda_calendar(event: Event, registration: Registration) -> bytes:
    """The delegate's sessions (and other agenda entries) in the delegate's language."""
    language = registration.locale if registration.locale in LANGUAGE_NAMES else "en"
    with force_locale(BABEL_LOCALES[language]):
        notes = {"waitlisted": _("Waiting list"), "speaker": _("Speaker")}
        items = [
            (item.session, notes.get(item.kind, ""))
            for item in signups.agenda_of(event, registration)
        ]
        name = _("My agenda") + " · " + event.localized("short_name", language)
        return build_calendar(
            event,
            name,
            items,
            calendar_domain(),
            session_url,
            language=language,
            extra=extra_entries(event, registration, language),
        )


@attachment_kind(AGENDA_ICS)
def agenda_ics(registration_id: int) -> Attachment:
    """The delegate's agenda as it stands when the mail is sent."""
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        raise AttachmentError(f"registration {registration_id} is gone")
    data = agenda_calendar(registration.event, registration)
    return Attachment("agenda.ics", "text/calendar", data)
