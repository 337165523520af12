"""Badge services: what goes on a badge, who may have one, printing and reissuing.

Services flush and return; the caller (view, CLI or background job) commits once.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import BinaryIO

import sqlalchemy as sa
from babel import Locale
from babel.dates import format_interval
from flask import url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.audit.services import record
from forum.badges.design import BadgeFace
from forum.badges.pdf import DEFAULT_LAYOUT, LAYOUTS, render_badges
from forum.badges.tokens import issue_token, token_digest
from forum.db import utcnow
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db
from forum.questions.badges import BadgeLines
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
)
from forum.registration.queries import lock_registration, registration_of
from forum.registration.search import text_matches

# Badges are printed in English, the forum's working language, with the category
# also in Ukrainian so that door staff and delegates from both sides read it at a glance.
BADGE_LOCALE = "en_GB"
REASON_MAX = 500
BATCH_ROWS = 200  # rows fetched at a time while drawing a print run


class BadgeError(ForumError):
    """A badge request that cannot be done; the message is for the user."""


# Approved by the officers, not cleared by security vetting (forum/vetting): no badge yet.
NOT_CLEARED = _l("Not cleared by security vetting: no badge can be printed until it clears them.")
NOT_CLEARED_OWN = _l(
    "The accreditation team has approved you; your badge is available as soon as the host's "
    "security service has cleared you."
)


@dataclass(frozen=True)
class BadgeFilter:
    """Which accredited delegates a print run takes."""

    category: BadgeCategory | None = None
    organisation_type: OrganisationType | None = None
    not_printed: bool = False
    changed: bool = False  # reissued, or its answer line changed, since last printed
    search: str = ""

    def as_details(self) -> dict:
        return {
            "category": self.category.value if self.category else None,
            "organisation_type": self.organisation_type.value if self.organisation_type else None,
            "not_printed": self.not_printed,
            "changed": self.changed,
            "search": self.search,
        }


def has_badge(registration: Registration | None) -> bool:
    """Only an accredited (approved) registration has a badge."""
    return registration is not None and registration.is_accredited


def badge_of(user, event: Event) -> Registration:
    """The signed-in delegate's registration if it has a badge; BadgeError says why not."""
    registration = registration_of(user, event)
    if registration is None:
        raise BadgeError(str(_l("You have no registration for this forum.")))
    if registration.awaiting_clearance:
        raise BadgeError(str(NOT_CLEARED_OWN))
    if not has_badge(registration):
        raise BadgeError(
            str(_l("Your badge is available once the accreditation team has approved you."))
        )
    return registration


def badge_pdf_url_for(registration: Registration, external: bool = False) -> str | None:
    """Where the delegate of `registration` downloads their badge; None while it has none.

    For links in the dashboard and the approval e-mail; `external` gives a full URL.
    """
    if not has_badge(registration):
        return None
    return url_for("badges.my_badge", _external=external)


def valid_token_digests(event: Event) -> list[str]:
    """Digests of the current badge codes of every accredited delegate, for offline scanners.

    A scanner holding this list can check a code without any key: a code whose
    token_digest is in it is a current badge of an accredited delegate.
    """
    rows = db.session.scalars(printable_query(event).order_by(None))
    return sorted(token_digest(issue_token(registration)) for registration in rows)


# -- what is printed ------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _country_names() -> dict[str, str]:
    return dict(Locale.parse(BADGE_LOCALE).territories)


def country_name(code: str) -> str:
    """The English name of an ISO 3166 alpha-2 code ('UA' -> 'Ukraine')."""
    return _country_names().get((code or "").upper(), code or "")


def event_when(event: Event) -> str:
    """'6 May 2024 · Brussels' or '6–7 May 2024 · Brussels'."""
    if event.starts_on == event.ends_on:
        dates = format_interval(event.starts_on, event.starts_on, "yMMMMd", locale=BADGE_LOCALE)
    else:
        dates = format_interval(event.starts_on, event.ends_on, "yMMMMd", locale=BADGE_LOCALE)
    return f"{dates} · {event.city}" if event.city else dates


def passport_line(registration: Registration) -> str:
    """The passport form of the name for the badge: empty when it reads as the name."""
    passport_name = registration.passport_name
    return "" if passport_name == registration.full_name else passport_name


class FaceMaker:
    """Builds BadgeFaces for one event, with its texts and the category labels worked out once."""

    def __init__(self, event: Event) -> None:
        self.event_name = event.name
        self.event_name_uk = event.localized("name", "uk")
        self.when = event_when(event)
        self.answer_lines = BadgeLines(event)  # one answer to the organisers' questions
        self.labels: dict[BadgeCategory, tuple[str, str]] = {}
        for category in BadgeCategory:
            with force_locale("en"):
                english = str(category.label)
            with force_locale("uk"):
                ukrainian = str(category.label)
            self.labels[category] = (english, ukrainian)

    def face(self, registration: Registration) -> BadgeFace:
        english, ukrainian = self.labels[registration.category]
        photo = registration.photo
        return BadgeFace(
            name=registration.display_name,
            organisation=registration.organisation,
            country=country_name(registration.country),
            category_label=english,
            category_label_uk=ukrainian,
            colour=registration.category.colour,
            token=issue_token(registration),
            event_name=self.event_name,
            event_name_uk=self.event_name_uk,
            event_when=self.when,
            photo=photo.data if photo is not None else None,
            passport_name=passport_line(registration),
            answer_line=self.answer_lines.line(registration.id),
        )


# -- choosing and printing ------------------------------------------------------------------


def printable_query(event: Event, badge_filter: BadgeFilter = BadgeFilter()) -> sa.Select:
    """Accredited delegates of `event` matching the filter, in print order (family name)."""
    query = sa.select(Registration).where(
        Registration.event_id == event.id,
        Registration.is_accredited,
    )
    if badge_filter.category:
        query = query.where(Registration.category == badge_filter.category)
    if badge_filter.organisation_type:
        query = query.where(Registration.organisation_type == badge_filter.organisation_type)
    if badge_filter.not_printed:
        query = query.where(Registration.badge_printed_at.is_(None))
    if badge_filter.changed:
        query = query.where(
            Registration.badge_printed_at.is_not(None), changed_since_printed(event)
        )
    if badge_filter.search:
        query = query.where(text_matches(event, badge_filter.search))
    return query.order_by(Registration.family_name, Registration.given_name, Registration.id)


def changed_since_printed(event: Event) -> sa.ColumnElement[bool]:
    """A printed badge no longer shows what it should: reissued since (a new QR code), or
    printed before the organisers changed the badges' answer line."""
    reissued = Registration.badge_printed_version != Registration.badge_version
    if event.badge_line_changed_at is None:
        return reissued
    return sa.or_(reissued, Registration.badge_printed_at < event.badge_line_changed_at)


def line_changed_since_printed(event: Event, registration: Registration) -> bool:
    """The badge was printed before the organisers changed the badges' answer line."""
    return (
        event.badge_line_changed_at is not None
        and registration.badge_printed_at is not None
        and registration.badge_printed_at < event.badge_line_changed_at
    )


def count_printable(event: Event, badge_filter: BadgeFilter = BadgeFilter()) -> int:
    query = printable_query(event, badge_filter).order_by(None)
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0


def printable_ids(event: Event, badge_filter: BadgeFilter = BadgeFilter()) -> list[int]:
    """The ids of a print run, fixed when it starts so that it prints what was chosen."""
    query = printable_query(event, badge_filter).with_only_columns(Registration.id)
    return list(db.session.scalars(query))


def iter_registrations(ids: list[int]) -> Iterator[Registration]:
    """The registrations of `ids` in that order, fetched in batches with their photos."""
    for start in range(0, len(ids), BATCH_ROWS):
        chunk = ids[start : start + BATCH_ROWS]
        known = {id(obj) for obj in db.session.identity_map.values()}
        rows = db.session.scalars(
            sa.select(Registration)
            .where(Registration.id.in_(chunk))
            .options(so.selectinload(Registration.photo))
        ).all()
        by_id = {row.id: row for row in rows}
        for registration_id in chunk:
            if registration_id in by_id:
                yield by_id[registration_id]
        # Let the session forget the rows it loaded for drawing: memory stays flat
        # however long the run (rows the caller already held are left alone).
        for row in rows:
            if id(row) in known:
                continue
            if row.photo is not None:
                db.session.expunge(row.photo)
            db.session.expunge(row)


def write_badges(
    event: Event,
    registrations: Iterable[Registration],
    out: BinaryIO,
    layout: str = DEFAULT_LAYOUT,
    on_badge=None,
    cover=None,
) -> int:
    """Draw the badges of `registrations` into `out`; returns how many were drawn.

    `cover(canvas)` draws a first page before them (a delegation's cover sheet)."""
    if layout not in LAYOUTS:
        raise BadgeError(str(_l("Unknown badge layout.")))
    maker = FaceMaker(event)
    faces = (maker.face(registration) for registration in registrations)
    return render_badges(
        faces, out, layout, title=f"{event.short_name} badges", on_badge=on_badge, cover=cover
    )


def mark_printed(ids: list[int], layout: str, actor=None, when: datetime | None = None) -> int:
    """Record that the badges of `ids` were printed at their current version; audited each."""
    when = when or utcnow()
    marked = 0
    for start in range(0, len(ids), BATCH_ROWS):
        rows = db.session.scalars(
            sa.select(Registration)
            .where(Registration.id.in_(ids[start : start + BATCH_ROWS]))
            .with_for_update()
        ).all()
        for registration in rows:
            reprint = registration.badge_printed_at is not None
            registration.badge_printed_at = when
            registration.badge_printed_version = registration.badge_version
            record(
                "badge.printed",
                registration,
                actor=actor,
                version=registration.badge_version,
                layout=layout,
                reprint=reprint,
            )
            marked += 1
    db.session.flush()
    return marked


def print_batch(
    event: Event,
    badge_filter: BadgeFilter,
    out: BinaryIO,
    layout: str = DEFAULT_LAYOUT,
    actor=None,
    mark: bool = True,
) -> int:
    """Print the filtered accredited delegates into `out` and mark them printed."""
    ids = printable_ids(event, badge_filter)
    count = write_badges(event, iter_registrations(ids), out, layout)
    if mark and ids:
        mark_printed(ids, layout, actor)
    return count


def print_one(registration: Registration, out: BinaryIO, layout: str, actor=None) -> None:
    """An organiser prints one delegate's badge: drawn, marked printed and audited."""
    if registration.awaiting_clearance:
        raise BadgeError(str(NOT_CLEARED))
    if not has_badge(registration):
        raise BadgeError(str(_l("Only accredited delegates have a badge.")))
    write_badges(registration.event, [registration], out, layout)
    mark_printed([registration.id], layout, actor)


def reissue(registration: Registration, reason: str, actor=None) -> int:
    """Give the delegate a new badge: the old QR code is refused from now on ("reissued").

    Also the receiver of `forum.signals.badge_details_changed` (connected in
    forum/badges/__init__.py): registration sends it when printed details change.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise BadgeError(str(_l("Say why the badge is reissued.")))
    if len(reason) > REASON_MAX:
        raise BadgeError(str(_l("The reason is too long.")))
    lock_registration(registration)
    previous = registration.badge_version
    registration.badge_version = previous + 1
    record(
        "badge.reissued",
        registration,
        actor=actor,
        reason=reason,
        previous_version=previous,
        version=registration.badge_version,
    )
    db.session.flush()
    return registration.badge_version
