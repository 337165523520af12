"""Who is scanning: a signed-in staff member (session + CSRF) or a device (bearer token).

`scanner_api` guards the check-in API. A request with `Authorization: Bearer`
is judged by its token alone (the session cookie is ignored, and CSRF does not
apply: a bearer token is not sent by the browser on its own). Any other request
needs a signed-in organiser or door staff member, and CSRF protection for
POST: the scanner page sends the token in the X-CSRFToken header. The views are
`csrf.exempt` so that bearer requests pass Flask-WTF's global check; this
decorator calls `csrf.protect()` itself for session requests.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app, g, make_response, request
from flask_babel import gettext as _
from flask_login import current_user

from forum.auth.models import Role, staff_checkpoints
from forum.checkin.devices import authenticate_bearer
from forum.checkin.models import Checkpoint
from forum.checkin.reads import Door
from forum.errors import ForumError
from forum.extensions import csrf, db

F = TypeVar("F", bound=Callable[..., Any])

SCANNER_ROLES = (Role.ORGANISER, Role.STAFF)
DEVICE = "device"  # shown in the route's `access` next to the roles


class CallerError(ForumError):
    """401 (no or bad credentials) or 403 (not allowed), with a message for the JSON answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message, status=status)


@dataclass(frozen=True)
class Caller:
    """The scanning person or device. `checkpoint_ids` None means every checkpoint."""

    user_id: int | None
    device_token_id: int | None
    checkpoint_ids: frozenset[int] | None

    def may_use(self, checkpoint: "Checkpoint | Door") -> bool:
        if not checkpoint.active:
            return False
        return self.checkpoint_ids is None or checkpoint.id in self.checkpoint_ids


def current_caller() -> Caller:
    return g.scanner_caller


def identify() -> Caller:
    """The caller of this request; raises CallerError(401/403)."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _space, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise CallerError(401, _("Use 'Authorization: Bearer <device token>'."))
        device = authenticate_bearer(token.strip())
        if device is None:
            raise CallerError(401, _("This device token is unknown or was revoked."))
        return Caller(None, device.id, device.checkpoint_ids)
    if not current_user.is_authenticated:
        raise CallerError(401, _("Sign in, or send a device token."))
    if current_user.role not in SCANNER_ROLES:
        raise CallerError(403, _("Only door staff and organisers may use the scanner."))
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()  # a session request: CSRF token in X-CSRFToken (or the form)
    if current_user.role is Role.ORGANISER:
        return Caller(current_user.id, None, None)
    return Caller(current_user.id, None, staff_checkpoint_ids(current_user.id))


def staff_checkpoint_ids(user_id: int) -> frozenset[int]:
    rows = db.session.scalars(
        sa.select(staff_checkpoints.c.checkpoint_id).where(staff_checkpoints.c.user_id == user_id)
    )
    return frozenset(rows)


def scanner_api(view: F) -> F:
    """Let organisers, door staff and device tokens in; others get 401/403 as JSON.

    A CallerError from `identify` reaches the feature-error handler (forum.main.errors).
    """

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        g.scanner_caller = identify()
        response = make_response(view(*args, **kwargs))
        # Answers name people; a door phone's browser or a proxy must not keep them.
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    wrapped.access = frozenset({*SCANNER_ROLES, DEVICE})  # type: ignore[attr-defined]
    return csrf.exempt(wrapped)  # type: ignore[return-value]
