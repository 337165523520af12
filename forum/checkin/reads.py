"""What a scan reads from the database, as plain rows: the event, the door and the badge holder.

Every scan reads the same few columns, hundreds of times a second at the
opening rush, so this path reads them with Core statements built once
(loading ORM objects cost more than the statements themselves) into small
frozen records that have the attribute names of the models they come from:
the decision rule takes either.

`read_scan()` answers the common case, a genuine badge at a known door, in
one round trip: the event, the checkpoint and the badge's registration,
locked until commit (see forum.checkin.decide for why the lock). Anything
else (an unknown badge, another event's, an unknown door) falls back to
`read_door()` and a separate lookup, which find out what is wrong.
"""

import dataclasses
import functools
import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from forum.bilingual import Bilingual
from forum.checkin.models import Checkpoint
from forum.events.models import Event
from forum.events.services import current_event_query
from forum.extensions import db
from forum.questions.models import Question
from forum.registration.models import (
    BadgeCategory,
    Photo,
    Registration,
    RegistrationState,
    display_name,
)


@dataclass(frozen=True)
class EventRef:
    """The event as a scan needs it."""

    id: int
    timezone: str
    # Whether organisers chose a registration question to show on green (one more read).
    door_question: bool = False


@dataclass(frozen=True)
class Door(Bilingual):
    """A checkpoint as a scan needs it (the attributes of forum.checkin.models.Checkpoint)."""

    id: int
    event_id: int
    name: str
    session_id: int | None
    allowed_categories: list[str]
    active: bool
    name_uk: str = ""
    entry_windows: list[dict] = dataclasses.field(default_factory=list)
    answer_seconds: int | None = None


@dataclass(frozen=True)
class Holder:
    """A badge's registration as the door sees it (attributes named as on Registration)."""

    id: int
    public_id: uuid.UUID
    event_id: int
    state: RegistrationState
    category: BadgeCategory
    badge_version: int
    title: str
    given_name: str
    family_name: str
    organisation: str
    country: str
    decided_at: datetime | None
    passport_given_name: str
    passport_family_name: str
    attention_note: str
    attention_tags: list[str]
    vetting_hold: bool
    has_photo: bool

    @property
    def display_name(self) -> str:
        return display_name(self.title, self.given_name, self.family_name)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def passport_name(self) -> str:
        """As Registration.passport_name."""
        return f"{self.passport_given_name} {self.passport_family_name}".strip()

    @property
    def is_accredited(self) -> bool:
        """As Registration.is_accredited."""
        return self.state is RegistrationState.APPROVED and not self.vetting_hold


@dataclass(frozen=True)
class ScanRead:
    """One round trip's worth: the event, the door and the badge holder (locked)."""

    event: EventRef
    door: Door
    holder: Holder


# Tables, not the mapped classes: a statement that names a mapped class goes through the
# ORM's compile and loading steps even when it selects plain columns.
_events, _checkpoints = Event.__table__, Checkpoint.__table__
_registrations, _photos = Registration.__table__, Photo.__table__
_questions = Question.__table__
_EVENT = (
    _events.c.id,
    _events.c.timezone,
    sa.exists()
    .where(
        _questions.c.event_id == _events.c.id,
        _questions.c.at_door,
        _questions.c.retired_at.is_(None),
    )
    .label("door_question"),
)
_DOOR = tuple(
    _checkpoints.c[name]
    for name in (
        "id",
        "event_id",
        "name",
        "session_id",
        "allowed_categories",
        "active",
        "name_uk",
        "entry_windows",
        "answer_seconds",
    )
)
_HOLDER = tuple(
    _registrations.c[name]
    for name in (
        "id",
        "public_id",
        "event_id",
        "state",
        "category",
        "badge_version",
        "title",
        "given_name",
        "family_name",
        "organisation",
        "country",
        "decided_at",
        "passport_given_name",
        "passport_family_name",
        "attention_note",
        "attention_tags",
        "vetting_hold",
    )
) + (_photos.c.id.is_not(None).label("has_photo"),)


def read_scan(slug: str | None, checkpoint_id: int, public_id: uuid.UUID) -> ScanRead | None:
    """The current event, its checkpoint and the registration `public_id`, locked; None if any
    of the three is missing (or the registration is another event's)."""
    params = {"checkpoint_id": checkpoint_id, "public_id": public_id}
    row = db.session.execute(_scan_query(slug), params).first()
    if row is None or not row[0]:
        return None
    event, door, holder = _split(row[1:], len(_EVENT), len(_DOOR))
    return ScanRead(EventRef(*event), Door(*door), Holder(*holder))


def read_door(slug: str | None, checkpoint_id: int) -> tuple[EventRef, Door | None] | None:
    """The current event and its checkpoint `checkpoint_id` (None if not the event's); None
    when there is no event at all."""
    row = db.session.execute(_door_query(slug), {"checkpoint_id": checkpoint_id}).first()
    if row is None:
        return None
    event, door = _split(row, len(_EVENT))
    return EventRef(*event), (Door(*door) if door[0] is not None else None)


def lock_holder(public_id: uuid.UUID) -> Holder | None:
    """The registration `public_id` (any event), locked until commit."""
    row = db.session.execute(_holder_query(), {"public_id": public_id}).first()
    return Holder(*row) if row is not None else None


def _split(row: sa.Row, *sizes: int) -> list[tuple]:
    parts, start = [], 0
    for size in sizes:
        parts.append(tuple(row[start : start + size]))
        start += size
    parts.append(tuple(row[start:]))
    return parts


def _current_event_id(slug: str | None) -> sa.ScalarSelect:
    return current_event_query(slug, _events.c.id).scalar_subquery()


def _door_of_event() -> sa.ColumnElement[bool]:
    return sa.and_(
        _checkpoints.c.event_id == _events.c.id,
        _checkpoints.c.id == sa.bindparam("checkpoint_id"),
    )


def _with_holder(query: sa.Select) -> sa.Select:
    return query.outerjoin(_photos, _photos.c.registration_id == _registrations.c.id).where(
        _registrations.c.public_id == sa.bindparam("public_id")
    )


@functools.cache
def _scan_query(slug: str | None) -> sa.Select:
    """Built once per EVENT_SLUG: every scan of a genuine badge runs it.

    The registration is found by its public id alone, and whether its event is
    the current one is a column: with `event_id = (current event)` in the WHERE
    clause, PostgreSQL may walk the event's registrations instead of the
    unique index (it did, on a freshly loaded table: 1 ms instead of 0.05).
    """
    is_current = (_events.c.id == _current_event_id(slug)).label("is_current")
    query = (
        sa.select(is_current, *_EVENT, *_DOOR, *_HOLDER)
        .select_from(_registrations)
        .join(_events, _events.c.id == _registrations.c.event_id)
        .join(_checkpoints, _door_of_event())
    )
    return _with_holder(query).with_for_update(of=_registrations)


@functools.cache
def _door_query(slug: str | None) -> sa.Select:
    return (
        sa.select(*_EVENT, *_DOOR)
        .select_from(_events)
        .outerjoin(_checkpoints, _door_of_event())
        .where(_events.c.id == _current_event_id(slug))
    )


@functools.cache
def _holder_query() -> sa.Select:
    query = sa.select(*_HOLDER).select_from(_registrations)
    return _with_holder(query).with_for_update(of=_registrations)
