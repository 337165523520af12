"""Organisers switch security vetting for their event and set how long identity data is kept.

Switching is a security decision with effects on people, so the page says them first
and asks for a confirmation when they are serious:

- on: everyone not cleared is held; people accredited now lose their badge until the
  security service clears them (confirmation needed when there are any);
- off: nobody is held, so approved people not cleared are accredited at once, and the
  identity data already given stays stored (visible to security officers) until the
  retention runs out, unless the organiser deletes it now with the answers
  (confirmation needed when either is the case).

Services flush and return; the caller commits once.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from forum.vetting.crypto import IdentityKeyError, identity_cipher
from forum.vetting.models import Vetting, VettingSettings, VettingStatus
from forum.vetting.services import VettingError, settings_of, switch

S = RegistrationState
MAX_RETENTION_DAYS = 3650
# The registrations vetting is about: not withdrawn, cancelled or rejected.
LIVE = (S.SUBMITTED, S.PENDING, S.WAITLISTED, S.APPROVED)


@dataclass(frozen=True)
class SwitchEffects:
    """What switching would do to the event's people, counted now."""

    not_cleared: int  # live registrations the security service has not cleared
    accredited_not_cleared: int  # lose their accreditation if vetting is switched on
    held_approved: int  # accredited at once if vetting is switched off
    stored: int  # people whose identity data is stored


def _of_event(event: Event) -> sa.ColumnElement[bool]:
    return Registration.event_id == event.id


def _cleared() -> sa.Exists:
    return (
        sa.select(Vetting.id)
        .where(Vetting.registration_id == Registration.id, Vetting.status == VettingStatus.CLEARED)
        .exists()
    )


def _count_if(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.count(sa.case((condition, Registration.id)))


def effects(event: Event) -> SwitchEffects:
    """The figures the settings page shows before the organiser switches, in one statement."""
    approved = Registration.state == S.APPROVED
    row = db.session.execute(
        sa.select(
            _count_if(sa.and_(Registration.state.in_(LIVE), ~_cleared())),
            _count_if(sa.and_(approved, Registration.vetting_hold.is_(False), ~_cleared())),
            _count_if(sa.and_(approved, Registration.vetting_hold.is_(True))),
        ).where(_of_event(event))
    ).one()
    return SwitchEffects(*row, stored=stored_count(event))


def _stored(event: Event) -> sa.ColumnElement[bool]:
    in_event = sa.select(Registration.id).where(_of_event(event))
    return sa.and_(Vetting.identity.is_not(None), Vetting.registration_id.in_(in_event))


def stored_count(event: Event) -> int:
    return db.session.scalar(sa.select(sa.func.count(Vetting.id)).where(_stored(event))) or 0


@dataclass(frozen=True)
class Change:
    switched: bool  # vetting went on or off
    retention_changed: bool
    erased: int  # people whose identity data was deleted now

    @property
    def anything(self) -> bool:
        return self.switched or self.retention_changed or bool(self.erased)


def change_settings(
    event: Event,
    required: bool,
    retention_days: int,
    actor,
    confirmed: bool = False,
    erase_now: bool = False,
) -> Change:
    """Switch vetting and set the retention as the organiser asked; every change is audited.

    Refused (VettingError, nothing changed) when the change needs a confirmation the
    organiser did not give, when the identity-data keys are missing (switching on), or
    when the retention is out of range. `erase_now` deletes the stored identity data
    with switching off (only then: while vetting is on, the data is being used).
    """
    if not 0 <= retention_days <= MAX_RETENTION_DAYS:
        raise VettingError(
            _l("The retention must be between 0 and %(max)s days.", max=MAX_RETENTION_DAYS)
        )
    current = settings_of(event)
    was_required = current.required
    now = effects(event)
    if required and not was_required:
        _check_keys()
        if now.accredited_not_cleared and not confirmed:
            raise VettingError(
                _l(
                    "Accredited people not cleared yet: %(num)s. They lose their badge until the "
                    "security service clears them. Tick the confirmation to switch vetting on.",
                    num=now.accredited_not_cleared,
                )
            )
    if erase_now and required:
        raise VettingError(_l("Identity data can be deleted now only when switching vetting off."))
    if not required and was_required and not confirmed and (now.stored or now.held_approved):
        raise VettingError(
            _l(
                "Switching off accredits %(held)s approved people who have not been cleared, "
                "and keeps the identity data of %(stored)s people until the retention runs "
                "out unless you delete it. Tick the confirmation to switch vetting off.",
                held=now.held_approved,
                stored=now.stored,
            )
        )
    retention_changed = retention_days != current.retention_days
    switched = required != was_required
    if switched:
        switch(event, required, actor=actor, retention_days=retention_days)
    elif retention_changed:
        _set_retention(event, retention_days, actor, old=current.retention_days)
    erased = erase_stored(event, actor) if erase_now else 0
    return Change(switched=switched, retention_changed=retention_changed, erased=erased)


def _check_keys() -> None:
    try:
        identity_cipher()
    except IdentityKeyError:
        raise VettingError(
            _l(
                "Vetting cannot be switched on: the keys that encrypt identity data are not "
                "configured (FORUM_IDENTITY_KEYS, see docs/security.md)."
            )
        ) from None


def _set_retention(event: Event, days: int, actor, old: int) -> None:
    settings = db.session.get(VettingSettings, event.id)
    if settings is None:
        settings = VettingSettings(event_id=event.id, required=False)
        db.session.add(settings)
    settings.retention_days = days
    settings.changed_at = utcnow()
    db.session.flush()
    record("vetting.retention_changed", None, actor=actor, old=old, new=days)


def erase_stored(event: Event, actor) -> int:
    """Delete the identity data of the event's people now, with the security service's answers:
    if vetting is switched on again, everyone is vetted again."""
    count = stored_count(event)
    if count:
        in_event = sa.select(Registration.id).where(_of_event(event))
        db.session.execute(
            sa.delete(Vetting)
            .where(Vetting.registration_id.in_(in_event))
            .execution_options(synchronize_session=False)
        )
        db.session.expire_all()
        record("vetting.erased", None, actor=actor, event=event.slug, count=count)
    return count
