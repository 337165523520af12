"""Delegations: creating them, their focal point's account, and the quota of places.

The quota is a "count, then insert" rule: every change that takes a place locks
the delegation's row first (SELECT ... FOR UPDATE; on SQLite every write
transaction holds the database's write lock), so two focal-point requests for
the last place queue up and the second one sees the first one's member.

Services flush and return; the caller (view, CLI) commits once.
"""

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.audit.services import record
from forum.auth.models import Role, User
from forum.auth.services import find_user
from forum.delegations.mails import send_focal_point_welcome
from forum.delegations.models import (
    HOLDING_STATES,
    Delegation,
    DelegationCategoryQuota,
    DelegationMember,
)
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import BadgeCategory, OrganisationType, Registration
from forum.text import normalise_email
from forum.translit import passport_latin


class DelegationError(ForumError):
    """A request about a delegation that cannot be done; the message is for the user."""


class QuotaFullError(DelegationError):
    """Taking a place would exceed the delegation's quota (or its share for a category)."""

    status = 409


@dataclass(frozen=True)
class DelegationData:
    """What organisers say about a delegation (the form and the CSV import)."""

    name: str
    organisation_type: OrganisationType
    country: str
    quota: int
    focal_point_email: str
    focal_point_name: str = ""
    name_latin: str = ""
    locale: str = "en"
    category_quotas: tuple[tuple[BadgeCategory, int], ...] = ()


def create_delegation(event: Event, data: DelegationData, actor: User | None) -> Delegation:
    """Create a delegation and its focal point's account; the focal point is mailed a link
    to choose a password (an account that exists already is told of the new delegation)."""
    _check_name_free(event, data.name)
    focal_point, new_account = focal_point_account(
        data.focal_point_email, data.focal_point_name, data.locale
    )
    delegation = Delegation(event_id=event.id, focal_point=focal_point)
    _apply(delegation, data)
    db.session.add(delegation)
    db.session.flush()
    record("delegation.created", delegation, actor=actor, name=delegation.name)
    send_focal_point_welcome(delegation, focal_point, new_account)
    return delegation


def update_delegation(delegation: Delegation, data: DelegationData, actor: User | None) -> None:
    """Change a delegation's name, organisation, quota and category shares.

    A quota below the places already held is refused: nobody loses a place this way.
    The focal point's address is not changed here.
    """
    lock_delegation(delegation)
    if data.name.strip() != delegation.name:
        _check_name_free(delegation.event, data.name, besides=delegation)
    used = places_used(delegation)
    if data.quota < used:
        raise DelegationError(
            _l(
                "The quota cannot be less than the %(used)s places already taken.",
                used=used,
            )
        )
    by_category = places_by_category(delegation)
    for category, places in data.category_quotas:
        if places < by_category.get(category, 0):
            raise DelegationError(
                _l(
                    "%(category)s: the delegation has %(used)s already; the share cannot be "
                    "smaller.",
                    category=category.label,
                    used=by_category[category],
                )
            )
    _apply(delegation, data)
    db.session.flush()
    record("delegation.updated", delegation, actor=actor, quota=delegation.quota)


def _apply(delegation: Delegation, data: DelegationData) -> None:
    delegation.name = data.name.strip()
    delegation.name_latin = (data.name_latin.strip() or passport_latin(data.name.strip()))[:200]
    delegation.organisation_type = data.organisation_type
    delegation.country = data.country.upper()
    delegation.quota = data.quota
    delegation.focal_point_name = data.focal_point_name.strip()
    delegation.focal_point_email = normalise_email(data.focal_point_email)
    wanted = {category: places for category, places in data.category_quotas}
    for row in list(delegation.category_quotas):
        if row.category not in wanted:
            delegation.category_quotas.remove(row)
    existing = {row.category: row for row in delegation.category_quotas}
    for category, places in wanted.items():
        if category in existing:
            existing[category].places = places
        else:
            delegation.category_quotas.append(
                DelegationCategoryQuota(category=category, places=places)
            )


def _check_name_free(event: Event, name: str, besides: Delegation | None = None) -> None:
    query = sa.select(Delegation.id).where(
        Delegation.event_id == event.id, sa.func.lower(Delegation.name) == name.strip().lower()
    )
    if besides is not None:
        query = query.where(Delegation.id != besides.id)
    if db.session.scalar(query) is not None:
        raise DelegationError(_l("A delegation with this name exists already."))


def focal_point_account(email: str, name: str, locale: str) -> tuple[User, bool]:
    """The focal point's account for `email`, made without a password if there is none
    (the welcome link sets it); (account, made now). Another kind of account is refused:
    one address, one role."""
    user = find_user(email)
    if user is not None:
        if user.role is not Role.FOCAL_POINT:
            raise DelegationError(
                _l(
                    "%(email)s has an account of another kind (%(role)s): a focal point needs "
                    "an address of their own.",
                    email=normalise_email(email),
                    role=user.role.label,
                )
            )
        return user, False
    user = User(
        email=normalise_email(email),
        role=Role.FOCAL_POINT,
        full_name=name.strip(),
        full_name_latin=passport_latin(name.strip())[:200],
        locale=locale,
        password_hash=None,
    )
    db.session.add(user)
    db.session.flush()
    record("account.created", user, role=user.role.value, via="delegation")
    return user, True


# -- places --------------------------------------------------------------------------------


def lock_delegation(delegation: Delegation) -> Delegation:
    """Lock the delegation's row until the transaction ends (its places are counted next)."""
    db.session.execute(
        sa.select(Delegation.id).where(Delegation.id == delegation.id).with_for_update()
    )
    return delegation


def _holding(delegation: Delegation) -> sa.Select:
    return (
        sa.select(Registration.category)
        .join(DelegationMember, DelegationMember.registration_id == Registration.id)
        .where(
            DelegationMember.delegation_id == delegation.id,
            Registration.state.in_(HOLDING_STATES),
        )
    )


def places_used(delegation: Delegation) -> int:
    """How many of the delegation's places are held (invited, registered or accredited)."""
    query = sa.select(sa.func.count()).select_from(_holding(delegation).subquery())
    return db.session.scalar(query) or 0


def places_by_category(delegation: Delegation) -> Counter:
    """Held places per badge category."""
    return Counter(BadgeCategory(c) for c in db.session.scalars(_holding(delegation)))


def check_place(delegation: Delegation, category: BadgeCategory) -> None:
    """Refuse when the delegation (locked by the caller) has no place left for `category`."""
    used = places_used(delegation)
    if used >= delegation.quota:
        raise QuotaFullError(
            _l(
                "The delegation has used all its %(quota)s places. Replace a member instead.",
                quota=delegation.quota,
            )
        )
    limit = delegation.category_limits().get(category)
    if limit is not None and places_by_category(delegation)[category] >= limit:
        raise QuotaFullError(
            _l(
                "The delegation has no %(category)s place left (%(limit)s in all).",
                category=category.label,
                limit=limit,
            )
        )


def categories_offered(delegation: Delegation) -> list[BadgeCategory]:
    """The badge categories a focal point may give a member: Delegate, and those the
    organisers gave the delegation a share of."""
    shared = [row.category for row in delegation.category_quotas if row.places > 0]
    return [BadgeCategory.DELEGATE, *(c for c in shared if c is not BadgeCategory.DELEGATE)]


# -- reading -------------------------------------------------------------------------------


def delegations_of(user: User, event: Event) -> list[Delegation]:
    """The delegations of `event` whose focal point is `user`."""
    return list(
        db.session.scalars(
            sa.select(Delegation)
            .where(Delegation.event_id == event.id, Delegation.focal_point_id == user.id)
            .order_by(Delegation.name)
        )
    )


def event_delegations(event: Event) -> list[Delegation]:
    return list(
        db.session.scalars(
            sa.select(Delegation).where(Delegation.event_id == event.id).order_by(Delegation.name)
        )
    )


def places_used_by_delegation(event: Event) -> dict[int, int]:
    """Held places of every delegation of `event`, in one query."""
    rows = db.session.execute(
        sa.select(DelegationMember.delegation_id, sa.func.count())
        .join(Registration, Registration.id == DelegationMember.registration_id)
        .where(Registration.event_id == event.id, Registration.state.in_(HOLDING_STATES))
        .group_by(DelegationMember.delegation_id)
    ).all()
    return dict(rows)


def members_of(delegation: Delegation, with_replaced: bool = True) -> list[DelegationMember]:
    """The delegation's members with their registrations, current ones first, by family name."""
    query = (
        sa.select(DelegationMember)
        .join(DelegationMember.registration)
        .options(so.contains_eager(DelegationMember.registration))
        .where(DelegationMember.delegation_id == delegation.id)
        .order_by(
            DelegationMember.replaced_at.is_not(None),
            Registration.family_name,
            Registration.given_name,
            Registration.id,
        )
    )
    if not with_replaced:
        query = query.where(DelegationMember.replaced_at.is_(None))
    return list(db.session.scalars(query))


def membership_of(registration: Registration) -> DelegationMember | None:
    return db.session.scalar(
        sa.select(DelegationMember).where(DelegationMember.registration_id == registration.id)
    )
