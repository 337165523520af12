"""The pending queue: the registrations awaiting a decision, oldest first.

The officers' list opens on it, and "approve and next" on a registration's page
walks it: the next one is the oldest pending registration after the current one.
"""

import sqlalchemy as sa

from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState

PENDING = RegistrationState.PENDING


def _pending(event: Event) -> sa.Select:
    return sa.select(Registration).where(
        Registration.event_id == event.id, Registration.state == PENDING
    )


def _queue_order(query: sa.Select) -> sa.Select:
    return query.order_by(Registration.created_at, Registration.id)


def next_pending(event: Event, current: Registration) -> Registration | None:
    """The pending registration to look at after `current`: the next one in the queue, or
    (from the end of the queue) the oldest one left; None when nothing else is pending."""
    after = _queue_order(
        _pending(event).where(
            sa.or_(
                Registration.created_at > current.created_at,
                sa.and_(
                    Registration.created_at == current.created_at,
                    Registration.id > current.id,
                ),
            )
        )
    ).limit(1)
    following = db.session.scalar(after)
    if following is not None:
        return following
    return db.session.scalar(
        _queue_order(_pending(event).where(Registration.id != current.id)).limit(1)
    )


def pending_count(event: Event, *, besides: Registration | None = None) -> int:
    """How many registrations await a decision (not counting `besides`)."""
    query = sa.select(sa.func.count(Registration.id)).where(
        Registration.event_id == event.id, Registration.state == PENDING
    )
    if besides is not None:
        query = query.where(Registration.id != besides.id)
    return db.session.scalar(query)
