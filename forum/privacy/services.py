"""Erasure on request and the retention purge: registrations are anonymised, counts stay.

Anonymising keeps the row (state, category, organisation type, country, dates,
sign-ups and scans), so attendance figures and statistics stay right, and
wipes whatever identifies the person: names, e-mail, phone, job title,
organisation name, needs, the photo, the answers to the organisers' questions
(uploaded files included), the calendar link and the badge (its version is
bumped, so a printed QR stops working). The delegate account is
deactivated and anonymised too when it has no other registration left.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.models import AuditEntry
from forum.audit.services import record
from forum.auth.models import Role, User
from forum.db import utcnow
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db
from forum.mail import forget_mails_to
from forum.privacy.models import ErasureRequest, ErasureState
from forum.questions.answers import erase_answers
from forum.registration.decisions import withdraw
from forum.registration.models import Registration, RegistrationState
from forum.vetting.services import erase_identity

ERASED_DOMAIN = "erased.invalid"
ERASED_TEXT = "[erased]"
# A delegate whose registration is still live withdraws as part of the erasure.
LIVE_STATES = (RegistrationState.PENDING, RegistrationState.APPROVED, RegistrationState.WAITLISTED)


class ErasureError(ForumError):
    """The erasure request cannot be made or decided as asked."""

    status = 409


def is_anonymised(registration: Registration) -> bool:
    return registration.email.endswith("@" + ERASED_DOMAIN)


def is_account_anonymised(user: User) -> bool:
    return user.email.endswith("@" + ERASED_DOMAIN)


def open_request(registration: Registration) -> ErasureRequest | None:
    return db.session.scalar(
        sa.select(ErasureRequest).where(
            ErasureRequest.registration_id == registration.id,
            ErasureRequest.state == ErasureState.REQUESTED,
        )
    )


def request_erasure(registration: Registration, reason: str = "") -> ErasureRequest:
    """The delegate asks for erasure; an organiser must confirm. One open request at a time."""
    if is_anonymised(registration):
        raise ErasureError(_l("We hold no registration for you that could be erased."))
    existing = open_request(registration)
    if existing is not None:
        return existing
    request = ErasureRequest(registration_id=registration.id, reason=reason.strip()[:1000])
    db.session.add(request)
    db.session.flush()
    record("privacy.erasure_requested", registration, request_id=request.id)
    return request


def _lock_request(request: ErasureRequest) -> ErasureRequest:
    locked = db.session.scalar(
        sa.select(ErasureRequest).where(ErasureRequest.id == request.id).with_for_update()
    )
    if locked is None or locked.state is not ErasureState.REQUESTED:
        raise ErasureError(_l("This request was already decided."))
    return locked


def confirm_erasure(request: ErasureRequest, actor: User) -> None:
    """An organiser confirms: the registration is withdrawn if live, then anonymised."""
    request = _lock_request(request)
    registration = request.registration
    if registration.state in LIVE_STATES:
        withdraw(registration)
    anonymise_registration(registration)
    request.state = ErasureState.COMPLETED
    request.decided_at = utcnow()
    request.decided_by_id = actor.id
    request.reason = ""
    record("privacy.erasure_completed", registration, actor=actor, request_id=request.id)


def decline_erasure(request: ErasureRequest, actor: User, note: str) -> None:
    """An organiser declines (e.g. a legal duty to keep the data), with a reason."""
    if not note.strip():
        raise ErasureError(_l("Please give the reason for declining."))
    request = _lock_request(request)
    request.state = ErasureState.DECLINED
    request.decided_at = utcnow()
    request.decided_by_id = actor.id
    request.decision_note = note.strip()[:1000]
    record("privacy.erasure_declined", request.registration, actor=actor, request_id=request.id)


def _scrub(value, secrets: list[str]):
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, ERASED_TEXT)
        return value
    if isinstance(value, dict):
        return {key: _scrub(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, secrets) for item in value]
    return value


def _longest_first(*values: str) -> list[str]:
    """The distinct values worth scrubbing, longest first (a full name before its parts)."""
    return sorted({v for v in values if v and len(v) >= 2}, key=len, reverse=True)


def _quoting(secret: str) -> sa.ColumnElement[bool]:
    """Details that quote `secret`, whether the JSON text keeps it as is or \\u-escaped."""
    text = sa.cast(AuditEntry.details, sa.Text)
    escaped = json.dumps(secret)[1:-1]
    return sa.or_(text.contains(secret, autoescape=True), text.contains(escaped, autoescape=True))


def _scrub_audit(target_type: str, target_id: int, secrets: list[str], quoted: list[str]) -> None:
    """Remove the person's data from the audit details: every secret from the entries about
    them, and the `quoted` ones (full name, e-mail, phone) from any entry that quotes them.

    Entries written now name people by id (forum/audit/people.py); this catches free text
    (a reason typed by an officer) and entries written before that rule.
    """
    about = sa.and_(AuditEntry.target_type == target_type, AuditEntry.target_id == target_id)
    quoting = [_quoting(secret) for secret in quoted]
    entries = db.session.scalars(sa.select(AuditEntry).where(sa.or_(about, *quoting)))
    for entry in entries:
        mine = entry.target_type == target_type and entry.target_id == target_id
        cleaned = _scrub(entry.details or {}, secrets if mine else quoted)
        if cleaned != entry.details:
            entry.details = cleaned


def anonymise_registration(registration: Registration) -> None:
    """Wipe what identifies the person; keep what the statistics need."""
    import secrets as random

    if is_anonymised(registration):
        return
    quoted = _longest_first(
        registration.email,
        registration.display_name,
        registration.full_name,
        registration.phone,
    )
    secrets = _longest_first(
        *quoted,
        registration.given_name,
        registration.family_name,
        registration.passport_name,
        registration.passport_given_name,
        registration.passport_family_name,
    )
    _scrub_audit("registrations", registration.id, secrets, quoted)
    forget_mails_to(registration.email)
    registration.title = ""
    registration.given_name = ERASED_TEXT
    registration.family_name = ""
    registration.passport_given_name = ERASED_TEXT
    registration.passport_family_name = ""
    registration.email = f"erased-{registration.public_id.hex}@{ERASED_DOMAIN}"
    registration.phone = ""
    registration.job_title = ""
    registration.organisation = ERASED_TEXT
    registration.organisation_latin = ERASED_TEXT
    registration.dietary_needs = ""
    registration.accessibility_needs = ""
    registration.state_reason = ""
    registration.consent_list = False
    registration.photo = None
    erase_answers(registration)  # the answers to the organisers' questions, files included
    erase_identity(registration)  # the identity data for security vetting, and its answer
    registration.calendar_token = random.token_urlsafe(32)
    registration.badge_version += 1
    registration.refresh_keys()
    registration.updated_at = utcnow()
    user = registration.user
    registration.user_id = None
    if user is not None and user.role is Role.DELEGATE:
        others = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Registration)
            .where(Registration.user_id == user.id, Registration.id != registration.id)
        )
        if not others:
            anonymise_account(user, secrets)


def anonymise_account(user: User, secrets: Sequence[str] = ()) -> None:
    """Deactivate a delegate account and wipe its e-mail and name; its sessions end."""
    quoted = _longest_first(user.email, user.full_name)
    _scrub_audit("users", user.id, _longest_first(*secrets, *quoted), quoted)
    forget_mails_to(user.email)
    user.email = f"erased-user-{user.id}@{ERASED_DOMAIN}"
    user.full_name = ""
    user.full_name_latin = ""
    user.password_hash = None
    user.active = False
    user.session_version += 1


@dataclass
class PurgeResult:
    events: list[Event] = field(default_factory=list)
    registrations: int = 0
    dry_run: bool = False


def purge_before(cutoff: date, dry_run: bool = False) -> PurgeResult:
    """Anonymise every registration of the events that ended before `cutoff`."""
    events = list(
        db.session.scalars(sa.select(Event).where(Event.ends_on < cutoff).order_by(Event.ends_on))
    )
    result = PurgeResult(events=events, dry_run=dry_run)
    for event in events:
        registrations = db.session.scalars(
            sa.select(Registration)
            .where(
                Registration.event_id == event.id,
                Registration.email.not_like(f"%@{ERASED_DOMAIN}"),
            )
            .with_for_update()
        ).all()
        result.registrations += len(registrations)
        if not dry_run:
            for registration in registrations:
                anonymise_registration(registration)
    if not dry_run and result.registrations:
        record(
            "privacy.purged",
            actor=None,
            before=cutoff.isoformat(),
            events=[e.slug for e in events],
            registrations=result.registrations,
        )
    db.session.flush()
    return result
