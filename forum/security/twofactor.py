"""Two-factor sign-in (TOTP) for organisers and accreditation officers.

Enrolment: a new secret is shown as a QR code; the first correct code confirms
it and ten recovery codes are shown once. Only HMAC digests of recovery codes
are stored (keyed with the app's secret key, so a copy of the database alone
cannot be used to guess them). A TOTP code is accepted once: the time step of
the last code used is remembered.
"""

import base64
import hashlib
import hmac
import io
import secrets
import time

import pyotp
import qrcode
import qrcode.image.svg
from flask import current_app
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import Role, User
from forum.db import utcnow
from forum.errors import ForumError

ROLES_WITH_TWO_FACTOR = (Role.ORGANISER, Role.OFFICER, Role.SECURITY_OFFICER)
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
TOTP_INTERVAL = 30
WRONG_CODE = _l("This code is not correct. Please try again.")


class TwoFactorError(ForumError):
    """A code was wrong, or two-factor is not in the state the action needs."""


def offers_two_factor(user: User) -> bool:
    """Organisers and officers may (and in production must) use two-factor sign-in."""
    return user.role in ROLES_WITH_TWO_FACTOR


def two_factor_required(user: User) -> bool:
    """Must this account have two-factor sign-in before it may do anything?"""
    if not offers_two_factor(user):
        return False
    required = current_app.config.get("TWO_FACTOR_REQUIRED")
    if required is None:
        required = current_app.config["ENV"] == "production"
    return bool(required)


def has_two_factor(user: User) -> bool:
    return bool(user.totp_secret and user.totp_confirmed_at)


def begin_enrolment(user: User) -> str:
    """A fresh secret for `user` (replacing one never confirmed); returns it."""
    if has_two_factor(user):
        raise TwoFactorError(_l("Two-factor sign-in is on."))
    user.totp_secret = pyotp.random_base32()
    user.totp_last_step = None
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(user.totp_secret or "").provisioning_uri(
        name=user.email, issuer_name=current_app.config["TWO_FACTOR_ISSUER"]
    )


def qr_code_data_uri(text: str) -> str:
    """`text` as an SVG QR code in a data: URI (allowed by the CSP's img-src data:)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _matching_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step whose code equals `code` (this one or its neighbours), or None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret, interval=TOTP_INTERVAL)
    now = time.time() if at is None else at
    current = int(now // TOTP_INTERVAL)
    for step in (current, current - 1, current + 1):
        if hmac.compare_digest(totp.at(step * TOTP_INTERVAL), code):
            return step
    return None


def _use_totp(user: User, code: str, at: float | None = None) -> bool:
    step = _matching_step(user.totp_secret or "", code, at)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def _recovery_digest(code: str) -> str:
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"recovery:" + normalised.encode(), hashlib.sha256).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Ten new one-time codes (the old ones stop working); only digests are kept."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    user.recovery_code_hashes = [_recovery_digest(code) for code in codes]
    return codes


def confirm_enrolment(user: User, code: str, at: float | None = None) -> list[str]:
    """Check the first code from the app; switch two-factor on; return the recovery codes."""
    if not user.totp_secret or has_two_factor(user):
        raise TwoFactorError(_l("Please set up two-factor sign-in to continue."))
    if not _use_totp(user, code, at):
        raise TwoFactorError(WRONG_CODE)
    user.totp_confirmed_at = utcnow()
    codes = new_recovery_codes(user)
    record("security.two_factor_enabled", user)
    return codes


def verify_second_factor(user: User, code: str, at: float | None = None) -> bool:
    """True for a fresh TOTP code or an unused recovery code (which is then spent)."""
    if not has_two_factor(user):
        return False
    if _use_totp(user, code, at):
        return True
    digest = _recovery_digest(code)
    remaining = list(user.recovery_code_hashes or [])
    for stored in remaining:
        if hmac.compare_digest(stored, digest):
            remaining.remove(stored)
            user.recovery_code_hashes = remaining
            record("security.recovery_code_used", user, actor=user, remaining=len(remaining))
            return True
    return False


def regenerate_recovery_codes(user: User, code: str) -> list[str]:
    """New recovery codes, after a fresh TOTP code proves the authenticator is at hand."""
    if not has_two_factor(user) or not _use_totp(user, code):
        raise TwoFactorError(WRONG_CODE)
    codes = new_recovery_codes(user)
    record("security.recovery_codes_replaced", user)
    return codes


def disable_two_factor(user: User, actor: User | None = None) -> None:
    """Switch two-factor off (an organiser resetting a lost phone, or the user in development)."""
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    user.recovery_code_hashes = []
    record("security.two_factor_disabled", user, **({"actor": actor} if actor else {}))
