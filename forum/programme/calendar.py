"""iCalendar (.ics) files: the whole published programme and a delegate's own agenda.

Times are written in the event's time zone with its VTIMEZONE, which Google,
Apple and Outlook calendars all read; each session keeps a stable UID so a
subscribed calendar updates moved sessions instead of duplicating them.
"""

import secrets
from collections.abc import Sequence
from datetime import timedelta

from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from forum.audit.services import record
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.programme.agenda_extras import AgendaEntry
from forum.programme.models import WorkingSession
from forum.programme.speakers import ordered
from forum.registration.models import Registration


def _description(session: WorkingSession, language: str) -> str:
    lines = [
        text
        for text in (
            session.localized("theme", language),
            session.localized("description", language),
        )
        if text
    ]
    speakers = ordered(session.speakers)
    if speakers:
        lines.append(
            _("Speakers:") + " " + "; ".join(f"{a.name} ({a.role.label})" for a in speakers)
        )
    return "\n\n".join(lines)


def build_calendar(
    event: Event,
    name: str,
    items: list[tuple[WorkingSession, str]],
    domain: str,
    url_for_session=None,
    language: str = "en",
    extra: Sequence[AgendaEntry] = (),
) -> bytes:
    """An .ics file with one VEVENT per (session, note); note is prefixed to the summary;
    then one per `extra` entry (B2B meetings, ...).

    Titles, themes, descriptions, rooms and the venue are in `language` (else English).
    """
    calendar = Calendar()
    calendar.add("prodid", "-//forum//EU-Ukraine Defence Industry Forum//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", event.timezone)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = utcnow()
    tz = event.tz
    for session, note in items:
        entry = CalendarEvent()
        entry.add("uid", f"session-{session.id}@{domain}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", session.starts_at.astimezone(tz))
        entry.add("dtend", session.ends_at.astimezone(tz))
        title = session.localized("title", language)
        entry.add("summary", f"{note}: {title}" if note else title)
        room = session.room.localized("name", language) if session.room else ""
        venue = [event.localized(text, language) for text in ("venue", "venue_address", "city")]
        location = ", ".join(part for part in (room, *venue) if part)
        if location:
            entry.add("location", location)
        description = _description(session, language)
        if description:
            entry.add("description", description)
        if url_for_session is not None:
            entry.add("url", url_for_session(session))
        if session.theme:
            entry.add("categories", [session.localized("theme", language)])
        calendar.add_component(entry)
    for item in extra:
        calendar.add_component(_extra_event(item, domain, stamp, tz))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _extra_event(item: AgendaEntry, domain: str, stamp, tz) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"{item.uid}@{domain}")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", item.starts_at.astimezone(tz))
    entry.add("dtend", item.ends_at.astimezone(tz))
    entry.add("summary", item.title)
    if item.place:
        entry.add("location", item.place)
    if item.description:
        entry.add("description", item.description)
    if item.url:
        entry.add("url", item.url)
    return entry


def registration_for_token(event: Event, token: str) -> Registration | None:
    """The accredited delegate whose calendar feed this secret opens (None once revoked,
    or once the delegate is no longer accredited)."""
    if not token or len(token) > 64:
        return None
    from sqlalchemy import select

    return db.session.scalar(
        select(Registration).where(
            Registration.event_id == event.id,
            Registration.calendar_token == token,
            Registration.is_accredited,
        )
    )


def revoke_calendar_token(registration: Registration) -> str:
    """Replace the feed secret: the old subscription link stops working."""
    registration.calendar_token = secrets.token_urlsafe(32)
    record("calendar_token.replaced", registration)
    db.session.flush()
    return registration.calendar_token
