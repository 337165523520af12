"""Organisers move a registration already made into a delegation.

Someone who registered on their own (or has an account, so that their focal
point cannot invite them) joins the delegation as a member: they take one of its
places, counted under the delegation's lock exactly as a focal point's invitation
is (forum.delegations.services.check_place), so a full delegation refuses them and
two organisers cannot both take its last place. Their details, organisation and
badge stay as they are; from now on their focal point follows them.
"""

from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import User
from forum.delegations.models import HOLDING_STATES, Delegation, DelegationMember
from forum.delegations.services import (
    DelegationError,
    QuotaFullError,
    check_place,
    lock_delegation,
    membership_of,
    places_used,
)
from forum.extensions import db
from forum.registration.models import Registration
from forum.registration.queries import find_by_email, lock_registration
from forum.text import normalise_email


def add_by_email(delegation: Delegation, email: str, actor: User) -> DelegationMember:
    """Add the registration of `email` (for the delegation's event) to the delegation."""
    registration = find_by_email(delegation.event, email)
    if registration is None:
        raise DelegationError(
            _l("Nobody is registered for the forum with %(email)s.", email=normalise_email(email))
        )
    return add_registration(delegation, registration, actor)


def add_registration(
    delegation: Delegation, registration: Registration, actor: User
) -> DelegationMember:
    """Make `registration` a member of the delegation, within its quota."""
    if registration.event_id != delegation.event_id:
        raise DelegationError(_l("This registration is for another event."))
    lock_delegation(delegation)
    lock_registration(registration)
    existing = membership_of(registration)
    if existing is not None:
        if existing.delegation_id == delegation.id:
            raise DelegationError(
                _l("%(name)s is a member of the delegation already.", name=registration.full_name)
            )
        raise DelegationError(
            _l(
                "%(name)s is a member of the delegation “%(other)s”.",
                name=registration.full_name,
                other=existing.delegation.name,
            )
        )
    if registration.state not in HOLDING_STATES:
        raise DelegationError(
            _l(
                "%(name)s’s registration is “%(state)s”: it cannot take a place.",
                name=registration.full_name,
                state=registration.state.label,
            )
        )
    try:
        check_place(delegation, registration.category)
    except QuotaFullError:
        if places_used(delegation) < delegation.quota:
            raise  # the category's share is full: its message says so
        raise QuotaFullError(
            _l(
                "The delegation is full (%(quota)s places taken): raise its quota first, or ask "
                "its focal point to free a place.",
                quota=delegation.quota,
            )
        ) from None
    member = DelegationMember(
        delegation=delegation, registration=registration, added_by_id=actor.id
    )
    db.session.add(member)
    db.session.flush()
    record(
        "delegation.member_added",
        registration,
        actor=actor,
        delegation=delegation.name,
        registration_id=registration.id,
    )
    return member
