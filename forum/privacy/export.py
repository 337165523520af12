"""A delegate's copy of every piece of data the forum holds about them (GDPR art. 15 and 20)."""

import base64
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import User
from forum.checkin.models import Scan
from forum.db import utcnow
from forum.extensions import db
from forum.matchmaking.privacy import matchmaking_export
from forum.privacy.models import ErasureRequest
from forum.programme.models import SignUp, SpeakerAssignment
from forum.questions.privacy import answers_export
from forum.registration.models import Registration
from forum.registration.services import PERSON_FIELDS
from forum.vetting.privacy import vetting_export

EXPORT_FORMAT_VERSION = 1
REGISTRATION_FIELDS = (
    *PERSON_FIELDS,  # what the delegate typed, then what the forum adds
    "email",
    "category",
    "locale",
    "consent_data_at",
    "consent_data_version",
    "consent_list_at",
    "state",
    "state_reason",
    "invited",
    "created_at",
    "updated_at",
    "confirmed_at",
    "decided_at",
    "waitlisted_at",
    "badge_version",
    "badge_printed_at",
)


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a column value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, int | str | bool):
        return value.value
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def registrations_of_account(user: User) -> list[Registration]:
    return list(
        db.session.scalars(
            sa.select(Registration).where(Registration.user_id == user.id).order_by(Registration.id)
        )
    )


def _registration_data(registration: Registration) -> dict:
    data = {name: _plain(getattr(registration, name)) for name in REGISTRATION_FIELDS}
    event = registration.event
    data["event"] = {
        "name": event.name,
        "starts_on": event.starts_on.isoformat(),
        "ends_on": event.ends_on.isoformat(),
    }
    data["reference"] = str(registration.public_id)
    photo = registration.photo
    data["photo"] = (
        {
            "content_type": photo.content_type,
            "width": photo.width,
            "height": photo.height,
            "data_base64": base64.b64encode(photo.data).decode("ascii"),
        }
        if photo is not None
        else None
    )
    data["sign_ups"] = [
        {
            "session": s.session.title,
            "starts_at": _plain(s.session.starts_at),
            "state": _plain(s.state),
            "signed_up_at": _plain(s.created_at),
        }
        for s in db.session.scalars(
            sa.select(SignUp).where(SignUp.registration_id == registration.id).order_by(SignUp.id)
        )
    ]
    data["speaking"] = [
        {"session": a.session.title, "role": _plain(a.role)}
        for a in db.session.scalars(
            sa.select(SpeakerAssignment).where(SpeakerAssignment.registration_id == registration.id)
        )
    ]
    data["scans"] = [
        {
            "checkpoint": scan.checkpoint.name,
            "direction": _plain(scan.direction),
            "status": _plain(scan.status),
            "reason": scan.reason,
            "scanned_at": _plain(scan.scanned_at),
        }
        for scan in db.session.scalars(
            sa.select(Scan).where(Scan.registration_id == registration.id).order_by(Scan.id)
        )
    ]
    data["answers"] = answers_export(registration)
    data["matchmaking"] = matchmaking_export(registration)
    data["security_vetting"] = vetting_export(registration)
    data["erasure_requests"] = [
        {
            "requested_at": _plain(r.requested_at),
            "state": _plain(r.state),
            "decided_at": _plain(r.decided_at),
            "decision_note": r.decision_note,
        }
        for r in db.session.scalars(
            sa.select(ErasureRequest).where(ErasureRequest.registration_id == registration.id)
        )
    ]
    return data


def audit_entries_about(user: User, registrations: list[Registration]) -> list[AuditEntry]:
    """Audit entries whose target is the account or one of its registrations, or that it made."""
    conditions = [
        sa.and_(AuditEntry.target_type == "users", AuditEntry.target_id == user.id),
        AuditEntry.actor_id == user.id,
    ]
    ids = [r.id for r in registrations]
    if ids:
        conditions.append(
            sa.and_(AuditEntry.target_type == "registrations", AuditEntry.target_id.in_(ids))
        )
    return list(
        db.session.scalars(sa.select(AuditEntry).where(sa.or_(*conditions)).order_by(AuditEntry.id))
    )


def _actor_label(entry: AuditEntry, user: User) -> str:
    """Who acted: the person themselves, a role of staff (not their name), or the system."""
    if entry.actor_id is None:
        return "system"
    if entry.actor_id == user.id:
        return "you"
    return entry.actor.role.value if entry.actor is not None else "staff"


def export_personal_data(user: User) -> dict:
    """Everything held about the account `user`, as JSON-ready data."""
    registrations = registrations_of_account(user)
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "generated_at": utcnow().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "role": user.role.value,
            "locale": user.locale,
            "created_at": _plain(user.created_at),
            "last_login_at": _plain(user.last_login_at),
        },
        "registrations": [_registration_data(r) for r in registrations],
        "audit_entries": [
            {
                "at": _plain(entry.created_at),
                "action": entry.action,
                "by": _actor_label(entry, user),
                "target": entry.target_type,
                "details": entry.details,
            }
            for entry in audit_entries_about(user, registrations)
        ],
    }
