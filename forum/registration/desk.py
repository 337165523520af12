"""The accreditation desk: a delegate who walks in is registered, accredited and badged at once.

The officer sees the person and their identity document, so the e-mail needs no
confirming and the decision is taken on the spot. The delegate gets the mails of
an ordinary registration (received, then accredited with the link to their badge)
and an account of their own, whose password they choose with "Forgot your
password?" when they first sign in. Services flush and return; the caller commits.
"""

import secrets
from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import User
from forum.auth.services import find_user
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.registration import notifications, services
from forum.registration.decisions import (
    CapacityError,
    RegistrationError,
    approve,
    approved_count,
    lock_event,
    move,
    set_category,
)
from forum.registration.models import (
    REQUESTABLE_CATEGORIES,
    BadgeCategory,
    Registration,
    RegistrationState,
)
from forum.registration.queries import find_by_email
from forum.registration.validators import reencode_photo

S = RegistrationState


class AlreadyRegistered(RegistrationError):
    """The e-mail has a registration (or an account) already: open it instead."""

    def __init__(self, registration: Registration | None) -> None:
        super().__init__(
            _l("This e-mail address is registered already: open that registration instead.")
            if registration is not None
            else _l("This e-mail address belongs to an account already.")
        )
        self.registration = registration


def requested_category(category: BadgeCategory) -> BadgeCategory:
    """What a walk-in counts as having asked for (the organisers' questions are shown by
    it): the badge category if a delegate could ask for it, otherwise "delegate"."""
    return category if category in REQUESTABLE_CATEGORIES else BadgeCategory.DELEGATE


def register_walk_in(
    event: Event,
    person: dict[str, Any],
    email: str,
    locale: str,
    category: BadgeCategory,
    actor: User,
    photo: bytes | None = None,
    answer: Callable[[Registration], object] | None = None,
) -> Registration:
    """Register, confirm and accredit a delegate standing at the desk.

    `answer(registration)` stores the answers to the organisers' questions taken at the
    desk (forum.questions.registration_form.save_from_form): before the accreditation,
    as an accredited delegate could no longer change most of them. Refused (nothing
    written) when the e-mail is registered already, the photo is not usable (PhotoError),
    an answer cannot be taken (AnswerError: a choice full at the last moment, a file
    refused) or the forum is full (CapacityError).
    """
    email = email.strip()
    existing = find_by_email(event, email)
    if existing is not None or find_user(email) is not None:
        raise AlreadyRegistered(existing)
    # The event's row first, as approve() takes it at the end: a walk-in holding a limited
    # choice's place (its answers come before the approval) would otherwise wait for the
    # event while another walk-in, whose new row already holds a key lock on the event,
    # waits for that place: a deadlock (seen on PostgreSQL). Walk-ins go one at a time.
    lock_event(event.id)
    if approved_count(event) >= event.delegate_capacity:
        # Before anything is written or mailed; approve() checks again under its lock.
        raise CapacityError(
            _l(
                "The forum is full (%(capacity)s accredited delegates): a walk-in cannot be "
                "accredited now.",
                capacity=event.delegate_capacity,
            )
        )
    photo_data = reencode_photo(photo) if photo else None
    person = {**person, "requested_category": requested_category(category).value}
    # No one knows this password: the delegate sets their own through "Forgot your password?".
    user = services._delegate_account(email, secrets.token_urlsafe(32), person, locale)
    registration = Registration(
        event_id=event.id, email=email, locale=locale, state=S.SUBMITTED, user=user
    )
    services._apply_person(registration, person)
    now = utcnow()
    registration.consent_data_at = now
    registration.consent_data_version = services.CONSENT_VERSION
    registration.consent_list_at = now if registration.consent_list else None
    registration.confirmed_at = now
    if photo_data:
        services._set_photo(registration, photo_data)
    db.session.add_all([user, registration])
    db.session.flush()
    record("registration.walk_in", registration, actor=actor)
    if answer is not None:
        answer(registration)
    move(registration, S.PENDING, actor=actor)
    notifications.send_received(registration)
    set_category(registration, category, actor)
    approve(registration, actor)  # CapacityError when the forum is full: nothing is kept
    return registration
