"""A focal point's work: invite members, register them on their behalf, replace or remove them.

An invited member is an invited registration (forum.registration): it waits,
unconfirmed, until the member opens the personal link, completes the form
(pre-filled with the delegation's organisation and country, which stay fixed)
and gives their own consent and password. A member registered on their behalf
is the same with every detail filled in by the focal point: the member still
opens the link and confirms before anyone can accredit them.

Every change that takes a place locks the delegation first (forum.delegations.services).
"""

from typing import Any

from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import User
from forum.auth.services import find_user
from forum.db import utcnow
from forum.delegations.mails import send_member_invitation
from forum.delegations.models import HOLDING_STATES, Delegation, DelegationMember
from forum.delegations.services import (
    DelegationError,
    categories_offered,
    check_place,
    lock_delegation,
)
from forum.extensions import db
from forum.registration import decisions
from forum.registration.models import BadgeCategory, Registration, RegistrationState
from forum.registration.names import with_latin_forms
from forum.registration.queries import find_by_email
from forum.text import normalise_email

# What a focal point gives for an invitation; the rest the member fills in.
INVITATION_FIELDS = (
    "title",
    "given_name",
    "family_name",
    "passport_given_name",
    "passport_family_name",
    "country",
)
# Registering on the member's behalf: every detail of the registration form.
ON_BEHALF_FIELDS = (
    *INVITATION_FIELDS,
    "phone",
    "job_title",
    "dietary_needs",
    "accessibility_needs",
)


def invite_member(
    delegation: Delegation,
    person: dict[str, Any],
    actor: User,
    on_behalf: bool = False,
) -> DelegationMember:
    """Take one of the delegation's places for a new person and mail them their personal link.

    `person` holds the fields of INVITATION_FIELDS (ON_BEHALF_FIELDS when `on_behalf`),
    "email", "category" and "locale" (the language of the member's mails).
    """
    lock_delegation(delegation)
    category = _category(delegation, person.get("category"))
    check_place(delegation, category)
    registration = _invited_registration(delegation, person, category, on_behalf)
    member = DelegationMember(
        delegation=delegation, registration=registration, added_by_id=actor.id, on_behalf=on_behalf
    )
    db.session.add(member)
    db.session.flush()
    record(
        "delegation.member_registered" if on_behalf else "delegation.member_invited",
        registration,
        actor=actor,
        delegation=delegation.name,
    )
    send_member_invitation(member)
    return member


def replace_member(
    member: DelegationMember, person: dict[str, Any], actor: User, on_behalf: bool = False
) -> DelegationMember:
    """Give the member's place to another person: the old registration is cancelled (its
    badge no longer opens any door) and the new person is invited as by invite_member()."""
    delegation = lock_delegation(member.delegation)
    if member.replaced_at is not None:
        raise DelegationError(_l("This member was replaced already."))
    old = member.registration
    person = {"category": old.category.value, **person}
    _leave(old, actor, _l("Replaced in the delegation by its focal point."))
    db.session.flush()
    new_member = invite_member(delegation, person, actor, on_behalf=on_behalf)
    member.replaced_at = utcnow()
    member.replacement = new_member
    record(
        "delegation.member_replaced",
        old,
        actor=actor,
        delegation=delegation.name,
        replacement=new_member.registration.full_name,
    )
    db.session.flush()
    return new_member


def remove_member(member: DelegationMember, actor: User) -> None:
    """The focal point gives a place back: the member's registration is cancelled."""
    lock_delegation(member.delegation)
    if member.registration.state not in HOLDING_STATES:
        raise DelegationError(_l("This member holds no place any more."))
    _leave(member.registration, actor, _l("Removed from the delegation by its focal point."))
    db.session.flush()


def _leave(registration: Registration, actor: User, reason) -> None:
    """Cancel a member's registration if it still holds a place (the officers are told by
    the registration's history, the person by the cancellation mail)."""
    if registration.state in HOLDING_STATES:
        decisions.cancel(registration, actor, str(reason))


def _category(delegation: Delegation, value: str | None) -> BadgeCategory:
    offered = categories_offered(delegation)
    try:
        category = BadgeCategory(value or BadgeCategory.DELEGATE.value)
    except ValueError:
        category = None
    if category not in offered:
        raise DelegationError(_l("This badge category is not open to the delegation."))
    return category


def _invited_registration(
    delegation: Delegation, person: dict[str, Any], category: BadgeCategory, on_behalf: bool
) -> Registration:
    email = (person.get("email") or "").strip()
    if find_by_email(delegation.event, email) is not None:
        raise DelegationError(
            _l("%(email)s is registered for the forum already.", email=normalise_email(email))
        )
    if find_user(email) is not None:
        raise DelegationError(
            _l(
                "%(email)s has an account already: ask the organisers to add this person "
                "to the delegation.",
                email=normalise_email(email),
            )
        )
    fields = ON_BEHALF_FIELDS if on_behalf else INVITATION_FIELDS
    values = {name: (person.get(name) or "").strip() for name in fields}
    values = with_latin_forms(values)
    registration = Registration(
        event_id=delegation.event_id,
        email=email,
        organisation=delegation.name,
        organisation_latin=delegation.name_latin,
        organisation_type=delegation.organisation_type,
        category=category,
        requested_category=category,
        locale="uk" if person.get("locale") == "uk" else "en",
        state=RegistrationState.SUBMITTED,
        invited=True,
        **{name: values[name] for name in fields},
    )
    registration.country = (registration.country or delegation.country).upper()
    registration.refresh_keys()
    db.session.add(registration)
    return registration
