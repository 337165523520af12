"""Finding the event this instance serves and asking about its state."""

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask import abort, current_app, g
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.db import utcnow
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db


def find_current_event() -> Event | None:
    """The configured event (EVENT_SLUG), else the one starting last; None if none exists.

    Found once per request (cached on `g`).
    """
    if g.get("event") is not None:
        return g.event
    query = current_event_query(current_app.config.get("EVENT_SLUG"))
    g.event = db.session.scalars(query).first()
    return g.event


def current_event_query(slug: str | None, *columns: Any) -> sa.Select:
    """SELECT of the current event (its `columns`, default the Event): the one with the
    EVENT_SLUG `slug`, else the one starting last."""
    events = Event.__table__.c  # plain columns: a Core statement stays a Core statement
    query = sa.select(*(columns or (Event,)))
    if slug:
        query = query.where(events.slug == slug)
    else:
        query = query.order_by(events.starts_on.desc(), events.id.desc())
    return query.limit(1)


def current_event() -> Event:
    """The event of this request; 404 when no event exists yet."""
    event = find_current_event()
    if event is None:
        abort(404)
    return event


def mail_footer(language: str) -> str:
    """The organisers' mail footer in `language` (else in the other language; "" when
    they wrote none or no event exists)."""
    event = find_current_event()
    return event.localized("mail_footer", language) if event else ""


def registration_status(event: Event, now: datetime | None = None) -> str:
    """'not_yet_open', 'open' or 'closed' for the registration form."""
    now = now or utcnow()
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_yet_open"
    if event.registration_closes_at and now >= event.registration_closes_at:
        return "closed"
    return "open"


def local_to_utc(event: Event, value: datetime | None) -> datetime | None:
    """A naive date-time typed in the event's time zone, as an aware UTC value."""
    if value is None:
        return None
    return value.replace(tzinfo=event.tz).astimezone(UTC)


def utc_to_local(event: Event, value: datetime | None) -> datetime | None:
    """An aware value shown in a form as naive local time of the event."""
    return value.astimezone(event.tz).replace(tzinfo=None) if value else None


def update_settings(event: Event, settings: dict) -> list[str]:
    """Change the event's registration settings; returns the names of what changed."""
    values = dict(settings)
    for name in ("registration_opens_at", "registration_closes_at"):
        values[name] = local_to_utc(event, values.get(name))
    changed = [name for name, value in values.items() if getattr(event, name) != value]
    for name in changed:
        setattr(event, name, values[name])
    if changed:
        record("event.settings", event, fields=changed)
    return changed


# The texts organisers write about the event, each in English and in Ukrainian
# (`name` and `name_uk`, forum.bilingual). The English ones of REQUIRED_TEXTS name
# the event on every page, badge and export, so they are never empty.
EVENT_TEXTS = (
    "name",
    "short_name",
    "venue",
    "venue_address",
    "city",
    "organisers",
    "description",
    "mail_footer",
)
REQUIRED_TEXTS = ("name", "short_name", "venue", "city")


class EventError(ForumError):
    """A change to the event was refused; `messages` say why."""


def update_texts(event: Event, texts: dict[str, str]) -> list[str]:
    """Set the event's texts (EVENT_TEXTS and their `_uk` columns; a column left out
    becomes empty); returns the columns that changed, audited as `event.texts`.

    Refused (EventError, nothing changed) when an English text of REQUIRED_TEXTS is empty.
    """
    values = {
        column: (texts.get(column) or "").strip()
        for text in EVENT_TEXTS
        for column in (text, f"{text}_uk")
    }
    if not all(values[text] for text in REQUIRED_TEXTS):
        raise EventError(_l("The event's name, short name, venue and city are needed in English."))
    changed = [column for column, value in values.items() if getattr(event, column) != value]
    for column in changed:
        setattr(event, column, values[column])
    if changed:
        record("event.texts", event, fields=changed)
        db.session.flush()
    return changed
