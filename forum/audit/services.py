"""Writing to the audit log."""

from typing import Any

from flask_login import current_user

from forum.audit.models import AuditEntry
from forum.extensions import db


def record(
    action: str,
    target: Any = None,
    actor: Any = None,
    **details: Any,
) -> AuditEntry:
    """Add an audit entry for `action` on `target` by `actor` (default: the signed-in user)."""
    if actor is None and current_user and getattr(current_user, "is_authenticated", False):
        actor = current_user
    entry = AuditEntry(
        action=action,
        actor_id=actor.id if actor is not None else None,
        target_type=target.__tablename__ if target is not None else "",
        target_id=target.id if target is not None else None,
        details=details,
    )
    db.session.add(entry)
    return entry
