"""Security vetting: the switch, each person's identity data and the security service's answer.

When the event vets its participants, a person is accredited only when an officer
approved them *and* the security service cleared them: every registration of the
event carries `vetting_hold` (forum.registration.models) until its vetting is
cleared, and `is_accredited` (badges, the door, seats) reads it. Holds are set
here, in one place: when vetting is switched, when a person gives or changes their
identity data (a change after clearance sends them back to vetting), when an
answer comes, and for every new registration (`hold_new_registrations`).

Services flush and return; the caller commits once.
"""

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.db import utcnow
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db
from forum.registration import notifications
from forum.registration.models import Registration, RegistrationState
from forum.registration.queries import lock_registration
from forum.signals import registration_accredited
from forum.vetting.identity import IDENTITY_FIELDS, problems
from forum.vetting.models import (
    DEFAULT_RETENTION_DAYS,
    Vetting,
    VettingSettings,
    VettingStatus,
)

V = VettingStatus


class VettingError(ForumError):
    """A vetting request that cannot be done; the message is for the user."""


def settings_of(event: Event | int) -> VettingSettings:
    """The event's vetting settings (off, 30 days' retention, until changed)."""
    event_id = event if isinstance(event, int) else event.id
    settings = db.session.get(VettingSettings, event_id)
    if settings is None:
        settings = VettingSettings(
            event_id=event_id, required=False, retention_days=DEFAULT_RETENTION_DAYS
        )
    return settings


def is_required(event: Event | int) -> bool:
    return settings_of(event).required


def switch(event: Event, required: bool, actor=None, retention_days: int | None = None) -> int:
    """Switch vetting on or off for `event`; returns how many registrations are now held.

    On: everyone not cleared is held (an approved person not cleared loses their
    accreditation until cleared). Off: nobody is held.
    """
    settings = db.session.get(VettingSettings, event.id)
    if settings is None:
        settings = VettingSettings(event_id=event.id, retention_days=DEFAULT_RETENTION_DAYS)
        db.session.add(settings)
    settings.required = required
    if retention_days is not None:
        if retention_days < 0:
            raise VettingError(_l("The retention must be 0 days or more."))
        settings.retention_days = retention_days
    settings.changed_at = utcnow()
    db.session.flush()
    cleared = sa.select(Vetting.id).where(
        Vetting.registration_id == Registration.id, Vetting.status == V.CLEARED
    )
    hold = ~cleared.exists() if required else sa.false()
    db.session.execute(
        sa.update(Registration)
        .where(Registration.event_id == event.id)
        .values(vetting_hold=hold)
        .execution_options(synchronize_session=False)
    )
    db.session.expire_all()
    record(
        "vetting.switched",
        None,
        actor=actor,
        required=required,
        retention_days=settings.retention_days,
    )
    return held_count(event)


def held_count(event: Event) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Registration.id)).where(
            Registration.event_id == event.id, Registration.vetting_hold.is_(True)
        )
    )


def hold_new_registrations() -> None:
    """Every registration is born held when its event vets its participants (once per process)."""
    if not sa.event.contains(Registration, "before_insert", _hold_if_vetted):
        sa.event.listen(Registration, "before_insert", _hold_if_vetted)


def _hold_if_vetted(_mapper, connection: sa.Connection, registration: Registration) -> None:
    required = connection.scalar(
        sa.select(VettingSettings.required).where(VettingSettings.event_id == registration.event_id)
    )
    registration.vetting_hold = bool(required)


def vetting_of(registration: Registration) -> Vetting | None:
    return db.session.scalar(sa.select(Vetting).where(Vetting.registration_id == registration.id))


def status_of(registration: Registration) -> VettingStatus:
    vetting = vetting_of(registration)
    return vetting.status if vetting is not None else V.MISSING


def submit_identity(registration: Registration, identity: dict, actor=None) -> Vetting:
    """The person gives (or changes) their identity data; it goes to the security service.

    Refused when vetting is off, or when a field is wrong (VettingError with every
    field's message). A change after clearance sends the person back to vetting: an
    approved person loses their accreditation until cleared again.
    """
    event = registration.event
    if not is_required(event):
        raise VettingError(_l("This forum does not ask for identity data."))
    identity = {name: str(identity.get(name) or "").strip() for name in IDENTITY_FIELDS}
    identity["nationality"] = identity["nationality"].upper()
    identity["document_country"] = identity["document_country"].upper()
    identity["document_number"] = identity["document_number"].upper()
    found = problems(identity, event.starts_on)
    if found:
        raise IdentityProblems(found)
    lock_registration(registration)
    vetting = vetting_of(registration)
    if vetting is None:
        vetting = Vetting(registration_id=registration.id, status=V.MISSING)
        db.session.add(vetting)
    if vetting.identity == identity and vetting.status is not V.MISSING:
        return vetting
    changed_after_clearance = vetting.status is V.CLEARED
    vetting.identity = identity
    vetting.status = V.AWAITING
    vetting.submitted_at = utcnow()
    vetting.answered_at = None
    registration.vetting_hold = True
    db.session.flush()
    record(
        "vetting.identity_submitted",
        registration,
        actor=actor if actor is not None else registration.user,
        again=changed_after_clearance,
    )
    return vetting


class IdentityProblems(VettingError):
    """The identity data has wrong fields: `fields` maps each field to its message."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(_l("Please correct the identity data."))
        self.fields = fields

    def details(self) -> dict:
        return {"fields": self.fields}


ANSWERS = (V.CLEARED, V.REFUSED, V.MORE_INFORMATION)


def answer(vetting: Vetting, status: VettingStatus, note: str, actor) -> None:
    """Record the security service's answer. A cleared person who was approved is now
    accredited (and mailed their badge); any other answer keeps them held."""
    if status not in ANSWERS:
        raise VettingError(_l("Answer cleared, refused or more information needed."))
    if vetting.status is V.MISSING or vetting.identity is None:
        raise VettingError(_l("This person has given no identity data to vet."))
    registration = lock_registration(vetting.registration)
    was_accredited = registration.is_accredited
    vetting.status = status
    vetting.note = note.strip()[:1000] or None
    vetting.answered_at = utcnow()
    vetting.answered_by_id = actor.id if actor is not None else None
    registration.vetting_hold = is_required(registration.event) and status is not V.CLEARED
    db.session.flush()
    record("vetting.answered", registration, actor=actor, status=status.value)
    if registration.is_accredited and not was_accredited:
        notifications.send_approved(registration)
        registration_accredited.send(registration)


def people(
    event: Event, status: VettingStatus | None = None
) -> list[tuple[Registration, VettingStatus]]:
    """The event's registrations the officers can see (confirmed, not withdrawn or cancelled)
    with their vetting status, by family name; only those in `status` if given."""
    live = (
        RegistrationState.PENDING,
        RegistrationState.APPROVED,
        RegistrationState.WAITLISTED,
        RegistrationState.REJECTED,
    )
    current = sa.func.coalesce(Vetting.status, V.MISSING.value)
    query = (
        sa.select(Registration, current)
        .outerjoin(Vetting, Vetting.registration_id == Registration.id)
        .where(Registration.event_id == event.id, Registration.state.in_(live))
        .order_by(Registration.family_name, Registration.given_name, Registration.id)
    )
    if status is not None:
        query = query.where(current == status.value)
    return [(row[0], VettingStatus(row[1])) for row in db.session.execute(query)]


def counts(event: Event) -> dict[VettingStatus, int]:
    found = {status: 0 for status in VettingStatus}
    for _registration, status in people(event):
        found[status] += 1
    return found


def view_identity(vetting: Vetting, actor) -> dict | None:
    """The decrypted identity data for the security officer's page; every view is audited."""
    record("vetting.identity_viewed", vetting.registration, actor=actor)
    return vetting.identity


# -- retention -----------------------------------------------------------------------------


def erase_identity(registration: Registration) -> None:
    """Delete a person's identity data and answer (their personal data is being erased)."""
    db.session.execute(sa.delete(Vetting).where(Vetting.registration_id == registration.id))


def purge_due(today: date, dry_run: bool = False) -> int:
    """Delete the identity data (and notes) of every event whose retention has run out:
    `retention_days` after its last day. Returns how many people's data went."""
    in_event = sa.select(Registration.id).where(Registration.event_id == sa.bindparam("event_id"))
    not_purged = sa.and_(Vetting.purged_at.is_(None), Vetting.registration_id.in_(in_event))
    purged = 0
    for event in db.session.scalars(sa.select(Event)):
        if event.ends_on + timedelta(days=settings_of(event).retention_days) >= today:
            continue
        params = {"event_id": event.id}
        count = db.session.scalar(sa.select(sa.func.count(Vetting.id)).where(not_purged), params)
        if count and not dry_run:
            db.session.execute(
                sa.update(Vetting)
                .where(not_purged)
                .values(identity=None, note=None, purged_at=utcnow())
                .execution_options(synchronize_session=False),
                params,
            )
            record("vetting.purged", None, actor=None, event=event.slug, count=count)
        purged += count or 0
    db.session.expire_all()
    return purged
