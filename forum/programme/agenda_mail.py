"""'E-mail me my agenda': the delegate's sessions and meetings as a mail in their
language, with the agenda as an .ics attachment built when the mail leaves."""

from flask_babel import force_locale
from flask_babel import gettext as _

from forum.events.models import Event
from forum.i18n import BABEL_LOCALES, LANGUAGE_NAMES
from forum.mail import external_url, send_mail
from forum.programme import signups
from forum.programme.agenda_extras import extra_entries
from forum.programme.notifications import agenda_attachment, when
from forum.registration.models import Registration
from forum.registration.titles import Addressee


def _lines(event: Event, registration: Registration, language: str) -> list[str]:
    """One line an entry, in time order: when, what, where, and the delegate's part in it."""
    notes = {
        "confirmed": _("seat confirmed"),
        "waitlisted": _("waiting list"),
        "speaker": _("you speak"),
        "open": _("open to all"),
    }
    entries = [
        (
            item.session.starts_at,
            item.session.ends_at,
            item.session.localized("title", language),
            item.session.room.localized("name", language) if item.session.room else "",
            notes.get(item.kind, ""),
        )
        for item in signups.agenda_of(event, registration)
    ]
    entries += [
        (e.starts_at, e.ends_at, e.title, e.place, "")
        for e in extra_entries(event, registration, language)
    ]
    entries.sort(key=lambda entry: entry[0])
    return [
        " · ".join(
            part for part in (when(event, starts, ends, language), title, place, note) if part
        )
        for starts, ends, title, place, note in entries
    ]


def queue_agenda_mail(event: Event, registration: Registration) -> None:
    """Queue the mail (the caller's transaction commits it)."""
    language = registration.locale if registration.locale in LANGUAGE_NAMES else "en"
    with force_locale(BABEL_LOCALES[language]):
        lines = _lines(event, registration, language)
    mail = send_mail(
        registration.email,
        "agenda",
        language,
        event=event,
        addressee=Addressee.of(registration),
        event_name=event.localized("name", language),
        lines=lines,
        agenda_url=external_url("programme.my_agenda"),
    )
    mail.attachments = [agenda_attachment(registration)]
