"""Who is scanning: a signed-in staff member (session + CSRF), a device (bearer token) or
a phone paired with a device (its device-session cookie + CSRF, forum.checkin.pairing).

`scanner_api` guards the check-in API. A request with `Authorization: Bearer`
is judged by its token alone (the session cookie is ignored, and CSRF does not
apply: a bearer token is not sent by the browser on its own). A request with a
paired phone's cookie is the device's, limited to its doors, with CSRF
protection for POST. Any other request needs a signed-in organiser or door
staff member, and CSRF protection for POST: the scanner page sends the token
in the X-CSRFToken header. The views are
`csrf.exempt` so that bearer requests pass Flask-WTF's global check; this
decorator calls `csrf.protect()` itself for session requests.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import abort, current_app, flash, g, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forum.auth.models import Role, staff_checkpoints
from forum.checkin import pairing
from forum.checkin.devices import authenticate_bearer
from forum.checkin.models import Checkpoint
from forum.checkin.reads import Door
from forum.errors import ForumError
from forum.extensions import csrf, db

F = TypeVar("F", bound=Callable[..., Any])

SCANNER_ROLES = (Role.ORGANISER, Role.STAFF)
DEVICE = "device"  # shown in the route's `access` next to the roles
SIGNED_OUT = _l("This phone was signed out: its device token was revoked or its session ended.")


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
    paired = paired_device()
    if paired is not None:
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
        return paired
    if request.cookies.get(pairing.COOKIE_NAME) and not current_user.is_authenticated:
        raise CallerError(401, str(SIGNED_OUT))
    if not current_user.is_authenticated:
        raise CallerError(401, _("Sign in, or send a device token."))
    if current_user.role not in SCANNER_ROLES:
        raise CallerError(403, _("Only door staff and organisers may use the scanner."))
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()  # a session request: CSRF token in X-CSRFToken (or the form)
    return user_caller()


def paired_device() -> Caller | None:
    """The device this phone is paired with (its device-session cookie), or None.

    A cookie that no longer works (the token was revoked, the phone signed out, the
    session expired) is cleared with the answer, with the phone's stored lists and
    pages (Clear-Site-Data: forum.checkin._forget_paired_phone).
    """
    secret = request.cookies.get(pairing.COOKIE_NAME)
    if not secret:
        return None
    device = pairing.device_of_session(secret)
    if device is None:
        g.forget_paired_phone = True
        return None
    return Caller(None, device.id, device.checkpoint_ids)


def staff_checkpoint_ids(user_id: int) -> frozenset[int]:
    rows = db.session.scalars(
        sa.select(staff_checkpoints.c.checkpoint_id).where(staff_checkpoints.c.user_id == user_id)
    )
    return frozenset(rows)


def scanner_page(view: F) -> F:
    """The scanner's own pages: a paired phone, door staff and organisers. Anyone else
    is sent to the pairing page (which links to the sign-in), a phone whose pairing
    ended with a word why; other roles get 403. Sets current_caller()."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        paired = paired_device()
        if paired is not None:
            g.scanner_caller = paired
            return view(*args, **kwargs)
        if g.get("forget_paired_phone") and not current_user.is_authenticated:
            flash(str(SIGNED_OUT), "warning")
            return redirect(url_for("checkin.pair"))
        if not current_user.is_authenticated:
            return redirect(url_for("checkin.pair"))
        if current_user.role not in SCANNER_ROLES:
            abort(403)
        g.scanner_caller = user_caller()
        return view(*args, **kwargs)

    wrapped.access = frozenset({*SCANNER_ROLES, DEVICE})  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def user_caller() -> Caller:
    """The signed-in organiser (every door) or door staff member (their doors)."""
    if current_user.role is Role.ORGANISER:
        return Caller(current_user.id, None, None)
    return Caller(current_user.id, None, staff_checkpoint_ids(current_user.id))


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
