"""The event's quotas per organisation, country and badge category, and their use.

A quota caps how many people of one organisation, one country or one badge category
may be accredited. An organisation is known by its name compared as names are searched
(forum.translit.search_key: letter case, spacing, punctuation and script aside, so
"Kyiv Drone Works" and "КИЇВ  drone works" are one organisation); that comparison is
made in Python on the distinct names of the approved people, the same in the check
and in the counts. It is checked when
an officer approves someone: registration asks through the
`accreditation_requested` signal, with the event's row locked, so two approvals
never both take a quota's last place.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.delegations.models import EventQuota, QuotaKind
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db
from forum.i18n import country_choices
from forum.registration.models import BadgeCategory, Registration, RegistrationState
from forum.translit import search_key


class QuotaError(ForumError):
    """A quota cannot be set as asked."""


@dataclass(frozen=True)
class QuotaUse:
    quota: EventQuota
    used: int

    @property
    def free(self) -> int:
        return max(self.quota.places - self.used, 0)

    @property
    def full(self) -> bool:
        return self.used >= self.quota.places


def _matches(quota: EventQuota) -> sa.ColumnElement[bool]:
    """A country's or a category's quota as an SQL condition (not an organisation's)."""
    if quota.kind is QuotaKind.COUNTRY:
        return Registration.country == quota.value
    return Registration.category == BadgeCategory(quota.value)


def _approved(event_id: int):
    return (
        Registration.event_id == event_id,
        Registration.state == RegistrationState.APPROVED,
    )


def _per_organisation(event_id: int) -> dict[str, int]:
    """Approved people per organisation key (one row per distinct name is read)."""
    counts: dict[str, int] = {}
    rows = db.session.execute(
        sa.select(Registration.organisation, sa.func.count(Registration.id))
        .where(*_approved(event_id))
        .group_by(Registration.organisation)
    )
    for name, count in rows:
        key = search_key(name)
        counts[key] = counts.get(key, 0) + count
    return counts


def used(quota: EventQuota) -> int:
    """Approved people the quota counts (approved by the officers, cleared or not)."""
    if quota.kind is QuotaKind.ORGANISATION:
        return _per_organisation(quota.event_id).get(search_key(quota.value), 0)
    return (
        db.session.scalar(
            sa.select(sa.func.count(Registration.id)).where(
                *_approved(quota.event_id), _matches(quota)
            )
        )
        or 0
    )


def event_quotas(event: Event) -> list[EventQuota]:
    return list(
        db.session.scalars(
            sa.select(EventQuota)
            .where(EventQuota.event_id == event.id)
            .order_by(EventQuota.kind, EventQuota.value)
        )
    )


def quota_use(event: Event) -> list[QuotaUse]:
    """Every quota of `event` with the approved people it counts, all counted in one statement."""
    every_quota = event_quotas(event)
    others = [q for q in every_quota if q.kind is not QuotaKind.ORGANISATION]
    counts = {}
    if others:
        row = db.session.execute(
            sa.select(
                *(sa.func.count(sa.case((_matches(quota), Registration.id))) for quota in others)
            ).where(*_approved(event.id))
        ).one()
        counts = {quota.id: count for quota, count in zip(others, row, strict=True)}
    if len(others) < len(every_quota):
        per_organisation = _per_organisation(event.id)
        for quota in every_quota:
            if quota.kind is QuotaKind.ORGANISATION:
                counts[quota.id] = per_organisation.get(search_key(quota.value), 0)
    return [QuotaUse(quota, counts[quota.id]) for quota in every_quota]


def _same_subject(kind: QuotaKind, one: str, other: str) -> bool:
    if kind is QuotaKind.ORGANISATION:
        return search_key(one) == search_key(other)
    return one == other


def applies_to(quota: EventQuota, registration: Registration) -> bool:
    if quota.kind is QuotaKind.ORGANISATION:
        return _same_subject(quota.kind, registration.organisation, quota.value)
    if quota.kind is QuotaKind.COUNTRY:
        return registration.country == quota.value
    return registration.category.value == quota.value


def refusal_for(registration: Registration, **_kwargs) -> str | None:
    """Why approving `registration` would exceed a quota, or None. The receiver of
    `accreditation_requested`: the caller holds the event's row lock."""
    for quota in event_quotas(registration.event):
        if applies_to(quota, registration) and used(quota) >= quota.places:
            return str(
                _l(
                    "The quota for %(what)s is full (%(places)s accredited).",
                    what=describe(quota),
                    places=quota.places,
                )
            )
    return None


def describe(quota: EventQuota) -> str:
    """The quota's subject as people read it: "Ukraine", "Press", "Company X"."""
    if quota.kind is QuotaKind.COUNTRY:
        return dict(country_choices()).get(quota.value, quota.value)
    if quota.kind is QuotaKind.CATEGORY:
        return BadgeCategory(quota.value).label
    return quota.value


def set_quota(event: Event, kind: QuotaKind, value: str, places: int, actor) -> EventQuota:
    """Add a quota, or change the places of the one for the same thing."""
    value = value.strip()
    if kind is QuotaKind.COUNTRY:
        value = value.upper()
        if value not in {code for code, _name in country_choices("en")}:
            raise QuotaError(_l("Give the country as its ISO code, such as UA or BE."))
    elif kind is QuotaKind.CATEGORY:
        value = value.lower()
        if value not in {c.value for c in BadgeCategory}:
            raise QuotaError(
                _l(
                    "Give one of the badge categories: %(categories)s.",
                    categories=", ".join(c.value for c in BadgeCategory),
                )
            )
    if not value:
        raise QuotaError(_l("Say what the quota is for."))
    quota = next(
        (q for q in event_quotas(event) if q.kind is kind and _same_subject(kind, q.value, value)),
        None,
    )
    if quota is None:
        quota = EventQuota(event_id=event.id, kind=kind, value=value, places=places)
        db.session.add(quota)
    else:
        quota.places = places
    db.session.flush()
    record("quota.set", None, actor=actor, kind=kind.value, value=value, places=places)
    return quota


def delete_quota(quota: EventQuota, actor) -> None:
    record("quota.deleted", None, actor=actor, kind=quota.kind.value, value=quota.value)
    db.session.delete(quota)
    db.session.flush()
