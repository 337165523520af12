"""Invitation reminders: an invitation not taken up after the event's number of days
(Event.invitation_reminder_days) is reminded by mail, MAX_REMINDERS times at most, the same
number of days apart. The worker looks every quarter of an hour (forum.registration.tasks).

An invitation is a registration made for someone (a CSV import, a delegation's focal point)
that they have not completed yet: `invited`, still SUBMITTED. Nobody is reminded once the
event has begun, nor after completing, declining or being called off.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa

from forum.audit.services import record
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.registration import notifications
from forum.registration.models import Registration, RegistrationState

MAX_REMINDERS = 2
BATCH = 500  # reminders queued in one go; the next run takes the rest


def due_query(event: Event, now: datetime) -> sa.Select:
    """The invitations of `event` whose next reminder is due at `now`, oldest first."""
    last_sent = sa.func.coalesce(Registration.invitation_reminded_at, Registration.created_at)
    return (
        sa.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.state == RegistrationState.SUBMITTED,
            Registration.invited.is_(True),
            Registration.invitation_reminders < MAX_REMINDERS,
            last_sent <= now - timedelta(days=event.invitation_reminder_days),
        )
        .order_by(Registration.id)
        .limit(BATCH)
    )


def send_due_reminders(event: Event, now: datetime | None = None) -> int:
    """Queue the reminders due now; returns how many. Each one is claimed by a conditional
    UPDATE, so two workers running at once remind a person once."""
    now = now or utcnow()
    if event.invitation_reminder_days <= 0 or event.starts_on <= now.astimezone(event.tz).date():
        return 0
    sent = 0
    for registration in db.session.scalars(due_query(event, now)).all():
        number = registration.invitation_reminders + 1
        claimed = db.session.execute(
            sa.update(Registration)
            .where(
                Registration.id == registration.id,
                Registration.invitation_reminders == number - 1,
                Registration.state == RegistrationState.SUBMITTED,
            )
            .values(invitation_reminders=number, invitation_reminded_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            continue
        db.session.refresh(registration)
        notifications.send_invitation_reminder(registration, number)
        record("registration.invitation_reminded", registration, actor=None, number=number)
        sent += 1
    return sent
