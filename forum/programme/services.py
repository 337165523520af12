"""Organiser services for rooms and sessions, and the queries the programme pages share.

Services flush and return; the request (or CLI command) commits once. Refusals
raise ProgrammeError with a message in the reader's language.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.bilingual import LocalizedText
from forum.collation import collation_key
from forum.events.models import Event
from forum.extensions import db
from forum.programme import notifications
from forum.programme.conflicts import Conflict, Slot, conflicts_for_session, slot_of
from forum.programme.errors import ProgrammeError
from forum.programme.models import Room, WorkingSession
from forum.programme.queries import confirmed_count, programme_is_public, sessions_query
from forum.programme.signups import fill_free_seats
from forum.registration.models import Registration
from forum.search.queries import matching
from forum.text import fold, name_key

# ---- Rooms -------------------------------------------------------------------------------


def rooms_of(event: Event) -> list[Room]:
    return list(
        db.session.scalars(sa.select(Room).where(Room.event_id == event.id).order_by(Room.name))
    )


def get_room(event: Event, room_id: int) -> Room:
    room = db.session.get(Room, room_id)
    if room is None or room.event_id != event.id:
        raise ProgrammeError(_l("That room does not exist."))
    return room


def room_name_taken(
    event: Event, name: str, room: Room | None = None, *, language: str = "en"
) -> bool:
    """Does another room of the event have this name in `language`, whatever its case?

    Compared in Python with name_key(), like the unique index on lower(name), which
    is the last word when two organisers save at once (and SQLite's lower() only
    folds ASCII letters, so the index alone would let "ÉTAGE" beside "étage" there).
    The Ukrainian names are unique by this check alone.
    """
    key = name_key(name)
    column = Room.name_uk if language == "uk" else Room.name
    others = db.session.scalars(
        sa.select(column).where(Room.event_id == event.id, Room.id != (room.id if room else -1))
    )
    return any(other and name_key(other) == key for other in others)


def save_room(
    event: Event, room: Room | None, name: str, capacity: int, notes: str, name_uk: str = ""
) -> Room:
    """Create (room=None) or update a room; its name (in each language) is unique
    within the event."""
    name, name_uk = name.strip(), name_uk.strip()
    if capacity is None or capacity < 0:
        raise ProgrammeError(_l("The capacity cannot be negative."))
    duplicate = ProgrammeError(_l("There is already a room called “%(name)s”.", name=name))
    if room_name_taken(event, name, room):
        raise duplicate
    if name_uk and room_name_taken(event, name_uk, room, language="uk"):
        raise ProgrammeError(_l("There is already a room called “%(name)s”.", name=name_uk))
    created = room is None
    try:
        with db.session.begin_nested():
            if created:
                room = Room(event_id=event.id)
                db.session.add(room)
            room.name, room.name_uk = name, name_uk
            room.capacity, room.notes = capacity, notes.strip()
            db.session.flush()
    except sa.exc.IntegrityError:  # the same name saved a moment ago by someone else
        raise duplicate from None
    record("room.created" if created else "room.updated", room, name=name, capacity=capacity)
    return room


def delete_room(event: Event, room: Room) -> None:
    """Delete a room that no session uses."""
    used = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(WorkingSession)
        .where(WorkingSession.room_id == room.id)
    )
    if used:
        raise ProgrammeError(
            _l(
                "%(name)s is used by %(count)s sessions: move them first.",
                name=room.name,
                count=used,
            )
        )
    record("room.deleted", room, name=room.name)
    db.session.delete(room)
    db.session.flush()


# ---- Sessions ----------------------------------------------------------------------------


@dataclass
class SessionData:
    """What the session form gives; times are aware datetimes (any zone)."""

    title: str
    theme: str
    format: object
    description: str
    room_id: int | None
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    signup_required: bool
    published: bool
    title_uk: str = ""
    theme_uk: str = ""
    description_uk: str = ""


@dataclass
class SaveResult:
    session: WorkingSession
    warnings: list[Conflict] = field(default_factory=list)
    moved: bool = False


def local_datetime(event: Event, day: date, at: time) -> datetime:
    """A wall-clock time on `day` in the event's time zone, as an aware datetime."""
    return datetime.combine(day, at, tzinfo=event.tz)


def get_session(event: Event, session_id: int) -> WorkingSession:
    session = db.session.get(WorkingSession, session_id)
    if session is None or session.event_id != event.id:
        raise ProgrammeError(_l("That session does not exist."))
    return session


def save_session(event: Event, session: WorkingSession | None, data: SessionData) -> SaveResult:
    """Create (session=None) or update a session after checking every rule.

    Refused (ProgrammeError, nothing changed) for bad times, an unknown room,
    a negative capacity, a room booked twice or a time outside the event's
    days; other conflicts come back as warnings. Moving a published session
    queues an e-mail to its delegates and speakers (sent after the commit).
    """
    if data.ends_at <= data.starts_at:
        raise ProgrammeError(_l("The session must end after it starts."))
    if data.capacity is not None and data.capacity < 0:
        raise ProgrammeError(_l("The capacity cannot be negative."))
    room = get_room(event, data.room_id) if data.room_id is not None else None

    with db.session.no_autoflush:
        if session is not None:
            candidate = slot_of(session, confirmed_count(session.id))
        else:
            candidate = Slot(None, "", None, "", None, data.starts_at, data.ends_at, None)
        candidate.title = LocalizedText(data.title, data.title_uk)
        candidate.room_id = room.id if room else None
        candidate.room_name = LocalizedText.of(room, "name")
        candidate.room_capacity = room.capacity if room else None
        candidate.starts_at, candidate.ends_at = data.starts_at, data.ends_at
        candidate.capacity = data.capacity
        conflicts = conflicts_for_session(event, candidate)
    blocking = [c for c in conflicts if c.blocking]
    if blocking:
        raise ProgrammeError(*(c.message for c in blocking))

    created = session is None
    old = None
    if created:
        session = WorkingSession(event_id=event.id)
        db.session.add(session)
    else:
        old = (session.starts_at, session.ends_at, session.room_id, session.room)
    session.title, session.title_uk = data.title.strip(), data.title_uk.strip()
    session.theme, session.theme_uk = data.theme.strip(), data.theme_uk.strip()
    session.format = data.format
    session.description = data.description.strip()
    session.description_uk = data.description_uk.strip()
    session.room = room
    session.starts_at, session.ends_at = data.starts_at, data.ends_at
    session.capacity = data.capacity
    session.signup_required = data.signup_required
    was_published = bool(session.published)
    session.published = data.published
    db.session.flush()

    moved = bool(
        old is not None
        and was_published
        and (old[0] != session.starts_at or old[1] != session.ends_at or old[2] != session.room_id)
    )
    if moved:
        notifications.queue_session_moved(event, session, old_starts=old[0], old_room=old[3])
    record(
        "session.created" if created else ("session.moved" if moved else "session.updated"),
        session,
        title=session.title,
        starts_at=session.starts_at.isoformat(),
        room=room.name if room else None,
        published=session.published,
    )
    if not created:
        fill_free_seats(session)  # a raised capacity frees seats
    return SaveResult(session, [c for c in conflicts if not c.blocking], moved)


def delete_session(event: Event, session: WorkingSession) -> None:
    record("session.deleted", session, title=session.title)
    db.session.delete(session)
    db.session.flush()


def set_programme_published(event: Event, published: bool) -> None:
    event.programme_published = published
    record("programme.published" if published else "programme.unpublished", event)
    db.session.flush()


# ---- Queries shared by the pages ---------------------------------------------------------


def event_days(event: Event) -> list[date]:
    days, day = [], event.starts_on
    while day <= event.ends_on:
        days.append(day)
        day += timedelta(days=1)
    return days


def day_bounds(event: Event, day: date) -> tuple[datetime, datetime]:
    return local_datetime(event, day, time(0)), local_datetime(event, day + timedelta(1), time(0))


def public_sessions(
    event: Event, day: date | None = None, theme: str = "", room_id: int | None = None
) -> list[WorkingSession]:
    """Published sessions (none while the programme is unpublished), optionally filtered."""
    if not programme_is_public(event):
        return []
    query = sessions_query(event, public=True)
    if day is not None:
        start, end = day_bounds(event, day)
        query = query.where(WorkingSession.starts_at >= start, WorkingSession.starts_at < end)
    if theme:
        query = query.where(WorkingSession.theme == theme)
    if room_id:
        query = query.where(WorkingSession.room_id == room_id)
    return list(db.session.scalars(query))


def get_public_session(event: Event, session_id: int) -> WorkingSession | None:
    session = db.session.get(WorkingSession, session_id)
    if (
        session is None
        or session.event_id != event.id
        or not session.published
        or not programme_is_public(event)
    ):
        return None
    return session


def themes_of(event: Event, *, public: bool, language: str = "en") -> list[tuple[str, str]]:
    """(theme, label) pairs: the English theme is the key the programme filters on,
    the label its words in `language` (any session's translation of it; else English)."""
    query = sa.select(WorkingSession.theme, WorkingSession.theme_uk).where(
        WorkingSession.event_id == event.id, WorkingSession.theme != ""
    )
    if public:
        query = query.where(WorkingSession.published.is_(True))
    labels: dict[str, str] = {}
    for theme, theme_uk in db.session.execute(query):
        if language == "uk" and theme_uk:
            labels[theme] = labels.get(theme) or theme_uk
        else:
            labels.setdefault(theme, "")
    pairs = [(theme, label or theme) for theme, label in labels.items()]
    return sorted(pairs, key=lambda pair: collation_key(pair[1]))


# Matches read for the picker before sorting: a few letters typed can match hundreds.
PICKER_CANDIDATES = 200


def search_registrations(
    event: Event, text: str, limit: int = 20, language: str | None = None
) -> list[Registration]:
    """Delegates each word of whose `text` starts a word of their name, e-mail or
    organisation, typed in either script (accents and case ignored), in the alphabetical
    order of `language` (Є, І, Ї in their places in Ukrainian)."""
    if len(fold(text.strip())) < 2:
        return []
    found = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == event.id,
            matching(Registration.id, text, event_id=event.id),
        )
        .order_by(Registration.family_name, Registration.given_name)
        .limit(PICKER_CANDIDATES)
    )
    return sorted(
        found,
        key=lambda r: (
            collation_key(r.family_name, language),
            collation_key(r.given_name, language),
        ),
    )[:limit]
