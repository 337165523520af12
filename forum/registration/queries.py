"""Reads of registrations that other features share, and the registration row lock."""

import sqlalchemy as sa

from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration
from forum.text import normalise_email


def registration_of(user, event: Event) -> Registration | None:
    """The registration of a signed-in delegate account for `event`, if any."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id, Registration.user_id == user.id
        )
    )


def find_by_email(event: Event, email: str) -> Registration | None:
    """The registration of `email` for `event`, whatever the case of the address."""
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id,
            Registration.email_key == normalise_email(email),
        )
    )


def lock_registration(registration: Registration) -> Registration:
    """Lock the registration's row until the transaction ends, and reload it.

    Everything that reads a registration and then changes what depends on it
    (its state, its badge version, its seats) takes this lock first, so that
    concurrent requests about one delegate queue up and each sees the last one's
    result (SELECT ... FOR UPDATE; SQLite has no row locks and serialises writers).
    """
    db.session.execute(
        sa.select(Registration.id).where(Registration.id == registration.id).with_for_update()
    )
    db.session.refresh(registration)
    return registration
