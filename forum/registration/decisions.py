"""Officers' decisions on registrations, the state machine and the capacity rule.

Every state change goes through `move`; every approval through `approve`, which
counts accredited delegates under a lock on the event row. Services flush and
return; the caller commits once.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import User
from forum.db import utcnow
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db
from forum.registration import notifications, search
from forum.registration.models import (
    TRANSITIONS,
    BadgeCategory,
    Registration,
    RegistrationState,
)
from forum.registration.queries import lock_registration
from forum.signals import (
    accreditation_requested,
    badge_details_changed,
    registration_accredited,
    registration_left,
    registration_moved,
)

S = RegistrationState


class RegistrationError(ForumError):
    """A request about a registration that cannot be done; the message is for the user."""


class CapacityError(RegistrationError):
    """Approving would exceed the event's delegate capacity."""

    status = 409


@dataclass(frozen=True)
class BulkResult:
    done: int
    refused: list[tuple[Registration, str]]


def approve(registration: Registration, actor: User) -> None:
    """Accredit a delegate, within the event's delegate capacity (checked under a lock)."""
    event = lock_event(registration.event_id)
    lock_registration(registration)
    if registration.state is S.APPROVED:  # cleared by security vetting or not
        return
    check_transition(registration, S.APPROVED)
    if approved_count(event) >= event.delegate_capacity:
        raise CapacityError(
            _l(
                "The forum is full (%(capacity)s accredited delegates). "
                "Put the delegate on the waiting list instead.",
                capacity=event.delegate_capacity,
            )
        )
    for _receiver, refusal in accreditation_requested.send(registration):
        if refusal:
            raise CapacityError(refusal)
    was_waitlisted = registration.state is S.WAITLISTED
    move(registration, S.APPROVED, actor=actor)
    registration.decided_at = utcnow()
    if was_waitlisted:
        notifications.send_promoted(registration)
    else:
        notifications.send_approved(registration)
    if registration.is_accredited:  # not held by security vetting
        registration_accredited.send(registration)


def reject(registration: Registration, actor: User, reason: str) -> None:
    if not reason.strip():
        raise RegistrationError(_l("Give the delegate a reason for the rejection."))
    lock_registration(registration)
    move(registration, S.REJECTED, actor=actor, reason=reason.strip())
    registration.decided_at = utcnow()
    notifications.send_rejected(registration)


def waitlist(registration: Registration, actor: User) -> None:
    lock_registration(registration)
    if registration.state is S.WAITLISTED:
        return
    move(registration, S.WAITLISTED, actor=actor)
    registration.waitlisted_at = utcnow()
    notifications.send_waitlisted(registration)


def cancel(registration: Registration, actor: User, reason: str = "") -> Registration | None:
    """An organiser cancels a registration; a freed place may promote the waiting list."""
    lock_registration(registration)
    held_a_place = registration.state is S.APPROVED
    move(registration, S.CANCELLED, actor=actor, reason=reason.strip())
    notifications.send_cancelled(registration)
    return place_freed(registration.event) if held_a_place else None


def withdraw(registration: Registration) -> Registration | None:
    """The delegate withdraws; returns the waitlisted delegate promoted in their place, if any."""
    lock_registration(registration)
    held_a_place = registration.state is S.APPROVED
    move(registration, S.WITHDRAWN, actor=registration.user)
    return place_freed(registration.event) if held_a_place else None


def place_freed(event: Event) -> Registration | None:
    """A place came free: promote the first on the waiting list if the event says so."""
    if not event.auto_promote_waitlist:
        return None
    first = first_waitlisted(event)
    if first is None:
        return None
    try:
        approve(first, actor=None)
    except CapacityError:
        return None
    record("registration.promoted", first, actor=None)
    return first


def first_waitlisted(event: Event) -> Registration | None:
    return db.session.scalar(
        sa.select(Registration)
        .where(Registration.event_id == event.id, Registration.state == S.WAITLISTED)
        .order_by(Registration.waitlisted_at, Registration.id)
        .limit(1)
    )


def set_category(registration: Registration, category: BadgeCategory, actor: User) -> None:
    """Set the category printed on the badge; an accredited delegate gets a new badge."""
    if registration.category is category:
        return
    record(
        "registration.category",
        registration,
        actor=actor,
        old=registration.category.value,
        new=category.value,
    )
    registration.category = category
    if registration.is_accredited:
        badge_details_changed.send(registration, reason="badge category changed", actor=actor)


def decide(registration: Registration, action: str, actor: User, reason: str = "") -> None:
    """Apply one officer decision by name: approve, reject, waitlist or cancel."""
    actions = {
        "approve": lambda: approve(registration, actor),
        "reject": lambda: reject(registration, actor, reason),
        "waitlist": lambda: waitlist(registration, actor),
        "cancel": lambda: cancel(registration, actor, reason),
    }
    if action not in actions:
        raise RegistrationError(_l("Unknown action."))
    actions[action]()


def bulk_decide(
    ids: list[int], event: Event, action: str, actor: User, reason: str = ""
) -> BulkResult:
    """Decide several registrations; each one succeeds or is refused on its own.

    Only those the officers' list shows are touched (or named in the refusals).
    """
    registrations = db.session.scalars(
        search.visible(event).where(Registration.id.in_(ids)).order_by(Registration.created_at)
    ).all()
    done, refused = 0, []
    for registration in registrations:
        try:
            with db.session.begin_nested():
                decide(registration, action, actor, reason)
            done += 1
        except RegistrationError as error:
            refused.append((registration, str(error)))
    return BulkResult(done=done, refused=refused)


def approved_count(event: Event) -> int:
    """Places taken: approved registrations, whether security vetting cleared them yet or not."""
    return db.session.scalar(
        sa.select(sa.func.count(Registration.id)).where(
            Registration.event_id == event.id, Registration.state == S.APPROVED
        )
    )


def lock_event(event_id: int) -> Event:
    """Lock the event row: approvals queue here so the capacity count stays true."""
    return db.session.scalars(sa.select(Event).where(Event.id == event_id).with_for_update()).one()


def check_transition(registration: Registration, new: RegistrationState) -> None:
    if new not in TRANSITIONS[registration.state]:
        raise RegistrationError(
            _l(
                "A registration that is “%(old)s” cannot become “%(new)s”.",
                old=registration.state.label,
                new=new.label,
            )
        )


# Leaving for one of these frees the delegate's seats in working sessions
# (the programme receives `registration_left`).
SEATS_RELEASED_IN = (S.WITHDRAWN, S.CANCELLED, S.REJECTED)


def move(registration: Registration, new: RegistrationState, actor, reason: str = "") -> None:
    """The one place where a registration changes state (checked and audited)."""
    check_transition(registration, new)
    old = registration.state
    if new in SEATS_RELEASED_IN:
        registration_left.send(registration)
    registration.state = new
    registration.state_reason = reason
    registration.updated_at = utcnow()
    record(f"registration.{new.value}", registration, actor=actor, old=old.value, reason=reason)
    registration_moved.send(registration, old=old, new=new, actor=actor)
