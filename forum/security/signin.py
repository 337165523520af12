"""Sign-in attempts: growing delays after failures, one answer for every failure.

After SIGN_IN_DELAY_AFTER failures in a row an account refuses sign-in for
2**n seconds (n = failures so far, capped at SIGN_IN_MAX_DELAY) after the last
failure. A refused attempt gets the same message as a wrong password and takes
as long, so nobody learns whether an e-mail has an account or is locked.
"""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from werkzeug.security import check_password_hash

from forum.auth.models import User
from forum.auth.services import _DUMMY_HASH, authenticate, find_user
from forum.db import utcnow
from forum.security.twofactor import has_two_factor


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    # Why it failed, for logs and tests only; never shown to the person signing in.
    failure: str | None = None


def delay_seconds(failures: int) -> int:
    """How long an account waits after `failures` consecutive failed sign-ins."""
    threshold = current_app.config["SIGN_IN_DELAY_AFTER"]
    if failures < threshold:
        return 0
    return min(2**failures, current_app.config["SIGN_IN_MAX_DELAY"])


def seconds_until_allowed(user: User) -> int:
    """0 when `user` may try now, otherwise the seconds left to wait."""
    wait = delay_seconds(user.failed_logins or 0)
    if not wait or user.last_failed_login_at is None:
        return 0
    remaining = user.last_failed_login_at + timedelta(seconds=wait) - utcnow()
    return max(0, int(remaining.total_seconds() + 0.999))


def record_failure(user: User) -> None:
    user.failed_logins = (user.failed_logins or 0) + 1
    user.last_failed_login_at = utcnow()


def attempt_sign_in(email: str, password: str) -> SignInResult:
    """Check e-mail and password, honouring the account's delay; the caller commits."""
    user = find_user(email)
    if user is not None and seconds_until_allowed(user):
        check_password_hash(_DUMMY_HASH, password)  # same time as a real check
        return SignInResult(None, "delayed")
    failures = user.failed_logins if user is not None else 0
    signed_in = authenticate(email, password)
    if signed_in is not None and has_two_factor(signed_in):
        # Not signed in until the code step: a right password must not clear the
        # count that slows down guessing the code.
        signed_in.failed_logins = failures
    if signed_in is None:
        if user is not None:
            # authenticate() counted the failure; note when, for the delay.
            user.last_failed_login_at = utcnow()
        return SignInResult(None, "unknown" if user is None else "wrong")
    return SignInResult(signed_in)
