"""Registration services: finding a delegate's registration."""

import sqlalchemy as sa

from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration


def registration_of(user, event: Event) -> Registration | None:
    """The registration of a signed-in delegate account for `event`, if any."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id, Registration.user_id == user.id
        )
    )
