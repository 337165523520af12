"""A delegate's own registration: submit, confirm the e-mail, accept an invitation, edit.

Decisions by officers (and withdrawal) live in decisions.py.

Services flush and return; the caller (view or CLI) commits once.
"""

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from werkzeug.security import generate_password_hash

from forum.audit.services import record
from forum.auth.models import Role, User
from forum.auth.services import create_user, find_user
from forum.db import utcnow
from forum.events.models import Event
from forum.events.services import registration_status
from forum.extensions import db
from forum.registration import notifications
from forum.registration.decisions import CapacityError, RegistrationError, approve, move
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Photo,
    Registration,
    RegistrationState,
)
from forum.registration.names import with_latin_forms
from forum.registration.queries import find_by_email
from forum.registration.validators import reencode_photo
from forum.signals import badge_details_changed

CONSENT_VERSION = "2024-03"
# An invitation fixes who is invited: these come from the organisers and cannot be
# changed by whoever holds the link (issue 13, finding 2).
# Their Latin forms too: the badge prints them for the guards to compare with the passport.
INVITED_IDENTITY_FIELDS = (
    "title",
    "given_name",
    "family_name",
    "passport_given_name",
    "passport_family_name",
    "organisation",
    "organisation_latin",
    "country",
)
# Changing these (or the photo) after approval sends the registration back to the
# officers: no new name, face or country reaches a badge unreviewed (issue 13, finding 3).
RE_ACCREDITATION_FIELDS = (*INVITED_IDENTITY_FIELDS, "requested_category")
PERSON_FIELDS = (
    "title",
    "given_name",
    "family_name",
    "passport_given_name",
    "passport_family_name",
    "phone",
    "job_title",
    "organisation",
    "organisation_latin",
    "organisation_type",
    "country",
    "requested_category",
    "dietary_needs",
    "accessibility_needs",
    "consent_list",
)
# A change to any of these after accreditation gives the delegate a new badge.
PRINTED_ON_BADGE = (*INVITED_IDENTITY_FIELDS, "photo")
ENUM_FIELDS = {"organisation_type": OrganisationType, "requested_category": BadgeCategory}
S = RegistrationState


def register(
    event: Event,
    person: dict[str, Any],
    email: str,
    password: str,
    locale: str,
    photo: bytes | None = None,
) -> Registration | None:
    """Create a submitted registration and its delegate account, and mail the confirmation link.

    A registration that exists already for this e-mail is left untouched: its owner is told
    by mail instead, so that the page never reveals which e-mails are registered. Returns
    the new registration, or None in that case.
    """
    _require_open(event)
    email = email.strip()
    if find_by_email(event, email) is not None or find_user(email) is not None:
        # Hash anyway, so that the answer takes as long as for a new registration.
        generate_password_hash(password)
        notifications.send_already_registered(event, email, locale)
        return None
    photo_data = reencode_photo(photo) if photo else None
    try:
        with db.session.begin_nested():
            user = _delegate_account(email, password, person, locale)
            registration = Registration(
                event_id=event.id, email=email, locale=locale, state=S.SUBMITTED, user=user
            )
            _apply_person(registration, person)
            now = utcnow()
            registration.consent_data_at = now
            registration.consent_data_version = CONSENT_VERSION
            registration.consent_list_at = now if registration.consent_list else None
            if photo_data:
                _set_photo(registration, photo_data)
            db.session.add_all([user, registration])
            db.session.flush()
    except sa.exc.IntegrityError:  # the same e-mail registered a moment ago
        notifications.send_already_registered(event, email, locale)
        return None
    record("registration.submitted", registration, actor=user)
    notifications.send_confirm_email(registration)
    return registration


def accept_invitation(
    registration: Registration,
    person: dict[str, Any],
    password: str,
    locale: str,
    photo: bytes | None = None,
    answer: Callable[[Registration], object] | None = None,
) -> User:
    """An invited delegate completes the form: the account is created and, per the event's
    setting, the registration is accredited at once (within capacity) or goes to the officers.

    The invited identity (INVITED_IDENTITY_FIELDS) is refused if changed; an address that
    has an account already is refused with a message that points to signing in.
    `answer(registration)` stores the answers to the organisers' questions
    (forum.questions.registration_form.save_from_form) before any accreditation: an
    accredited delegate could no longer change most of them.
    """
    if account_exists_for(registration):
        raise AccountExistsError(ACCOUNT_EXISTS_MESSAGE, redirect_to=url_for("auth.sign_in"))
    person = with_latin_forms(person, registration)
    if any(
        name in person and (person[name] or "").strip() != getattr(registration, name)
        for name in INVITED_IDENTITY_FIELDS
    ):
        raise RegistrationError(IDENTITY_FIXED_MESSAGE)
    photo_data = reencode_photo(photo) if photo else None
    user = _delegate_account(registration.email, password, person, locale)
    _apply_person(registration, person)
    now = utcnow()
    registration.user = user
    registration.locale = locale
    registration.consent_data_at = now
    registration.consent_data_version = CONSENT_VERSION
    registration.consent_list_at = now if registration.consent_list else None
    registration.confirmed_at = now
    if photo_data:
        _set_photo(registration, photo_data)
    db.session.flush()
    if answer is not None:
        answer(registration)
    move(registration, S.PENDING, actor=user)
    if registration.event.invited_skip_approval:
        try:
            with db.session.begin_nested():
                approve(registration, actor=None)
            return user
        except CapacityError:
            pass
    notifications.send_received(registration)
    return user


ACCOUNT_EXISTS_MESSAGE = _l(
    "An account with the e-mail address of this invitation exists already. Please sign in "
    "with it; if you forgot the password, you can choose a new one."
)
IDENTITY_FIXED_MESSAGE = _l(
    "Your name, organisation and country come from the invitation and cannot be changed "
    "here. Please write to the organisers to correct them."
)


class AccountExistsError(RegistrationError):
    """The invited address has an account already: its owner signs in instead."""


def account_exists_for(registration: Registration) -> bool:
    """Does the e-mail address of this registration have an account already?"""
    return find_user(registration.email) is not None


def _delegate_account(email: str, password: str, person: dict[str, Any], locale: str) -> User:
    person = with_latin_forms(person)
    user = create_user(
        email,
        password,
        Role.DELEGATE,
        full_name=f"{person['given_name']} {person['family_name']}".strip(),
        full_name_latin=f"{person['passport_given_name']} {person['passport_family_name']}",
    )
    user.locale = locale
    return user


def _require_open(event: Event) -> None:
    status = registration_status(event)
    if status != "open":
        raise RegistrationError(
            _l("Registration is not open.")
            if status == "not_yet_open"
            else _l("Registration has closed.")
        )


def _apply_person(registration: Registration, person: dict[str, Any]) -> list[str]:
    """Copy the person's fields, Latin forms completed; returns the names of the fields
    that changed."""
    person = with_latin_forms(person, registration)
    changed = []
    for name in PERSON_FIELDS:
        if name not in person:
            continue
        value = person[name]
        if name in ENUM_FIELDS and value:
            value = ENUM_FIELDS[name](value)
        elif isinstance(value, str) or value is None:
            value = (value or "").strip()
        if getattr(registration, name) != value:
            setattr(registration, name, value)
            changed.append(name)
    registration.refresh_keys()
    registration.updated_at = utcnow()
    return changed


def _set_photo(registration: Registration, photo: tuple[bytes, int, int]) -> None:
    data, width, height = photo
    if registration.photo is None:
        registration.photo = Photo(data=data, width=width, height=height)
    else:
        registration.photo.data, registration.photo.width, registration.photo.height = photo


def confirm_email(registration: Registration) -> bool:
    """The delegate followed the link: submitted -> pending. False if it was confirmed before."""
    if registration.state is not S.SUBMITTED:
        return False
    registration.confirmed_at = utcnow()
    move(registration, S.PENDING, actor=registration.user)
    notifications.send_received(registration)
    return True


def refuse_unconfirmed(user: User) -> tuple[str, str] | None:
    """Keep a delegate out until the e-mail address is confirmed (issue 13, finding 11).

    Connected to `password_accepted`; the answer points at the page that sends the
    confirmation link again.
    """
    waiting = db.session.scalar(
        sa.select(Registration.id)
        .where(Registration.user_id == user.id, Registration.state == S.SUBMITTED)
        .limit(1)
    )
    if waiting is None:
        return None
    message = _l(
        "Please confirm your e-mail address first: open the link in the message we sent you. "
        "No message? Send it again below."
    )
    return message, url_for("registration.check_email")


def resend_confirmation(event: Event, email: str) -> None:
    """Mail the confirmation link again if this e-mail has an unconfirmed registration."""
    registration = find_by_email(event, email)
    if registration is not None and registration.state is S.SUBMITTED:
        notifications.send_confirm_email(registration)


def can_edit(registration: Registration) -> bool:
    return registration.state in (S.SUBMITTED, S.PENDING, S.WAITLISTED, S.APPROVED)


def needs_reaccreditation(
    registration: Registration, person: dict[str, Any], photo: bytes | None = None
) -> bool:
    """Would saving `person` (and a new `photo`) send this approved registration back to
    pending?"""
    return registration.state is S.APPROVED and bool(
        photo or _reaccreditation_changes(registration, person)
    )


def _reaccreditation_changes(registration: Registration, person: dict[str, Any]) -> list[str]:
    person = with_latin_forms(person, registration)
    return [
        name
        for name in RE_ACCREDITATION_FIELDS
        if name in person and (person[name] or "").strip() != getattr(registration, name)
    ]


def update_person(
    registration: Registration, person: dict[str, Any], photo: bytes | None = None, actor=None
) -> list[str]:
    """Save a delegate's changes; an approved one goes back to pending if the photo or a
    RE_ACCREDITATION_FIELDS field changed (its badge is reissued, so the old one stops
    opening doors until the officers decide). Returns the changed field names."""
    if not can_edit(registration):
        raise RegistrationError(_l("This registration can no longer be changed."))
    back_to_pending = needs_reaccreditation(registration, person, photo)
    for_review = _reaccreditation_changes(registration, person) + (["photo"] if photo else [])
    had_valid_badge = registration.is_accredited
    photo_data = reencode_photo(photo) if photo else None
    changed = _apply_person(registration, person)
    if photo_data:
        _set_photo(registration, photo_data)
        changed.append("photo")
    if registration.consent_list and "consent_list" in changed:
        registration.consent_list_at = utcnow()
    if changed:
        record(
            "registration.edited", registration, actor=actor or registration.user, fields=changed
        )
    if had_valid_badge and set(changed) & set(PRINTED_ON_BADGE):
        # The printed badge now shows outdated details: its QR code must stop working.
        badge_details_changed.send(
            registration, reason="details printed on the badge changed", actor=actor
        )
    if back_to_pending:
        move(
            registration,
            S.PENDING,
            actor=actor or registration.user,
            reason="changed " + ", ".join(for_review),
        )
    return changed
