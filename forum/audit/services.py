"""Writing to the audit log."""

from typing import Any

from flask import has_request_context
from flask_login import current_user

from forum.audit.models import AuditEntry
from forum.extensions import db

CURRENT_USER = object()  # default actor: whoever is signed in; pass None for "the system"


def record(
    action: str, target: Any = None, actor: Any = CURRENT_USER, **details: Any
) -> AuditEntry:
    """Add an audit entry for `action` on `target` by `actor`."""
    if actor is CURRENT_USER:
        signed_in = has_request_context() and current_user.is_authenticated
        actor = current_user._get_current_object() if signed_in else None
    entry = AuditEntry(
        action=action,
        actor_id=actor.id if actor is not None else None,
        target_type=target.__tablename__ if target is not None else "",
        target_id=target.id if target is not None else None,
        details=details,
    )
    db.session.add(entry)
    return entry
