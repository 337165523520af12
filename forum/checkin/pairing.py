"""Pairing a phone with a device token: a QR code that signs the phone in as the device.

The organisers' device-token page shows a *pairing code* as a QR code: a
link to the scanner's pairing page with the code after "#" (a fragment, so
the code is in no server log and no Referer). The phone opens it, with its
own camera app or with the scanner's pairing page, and the page sends the code
to the server, which exchanges it for a *device session*: a new random secret
in an HttpOnly cookie of the phone. From then on the phone scans as the device,
at the device's doors only, without a staff password.

Why a code and not the token itself in the QR: a screenshot or a photo of the
organiser's screen would otherwise be the device's credential for as long as
the token lives. The pairing code works once and for CODE_LIFETIME (10
minutes); after that the picture opens nothing. The phone's session secret
never appears on a screen. Only SHA-256 digests of the code and the secret
are stored.

The session is checked on every request like a bearer token (the same
5-second cache per process, forum.checkin.devices): revoking the token, or
signing the phone out, ends it; the phone's next request is refused and its
cookie, cached pages and offline lists are cleared.

Someone who has the token itself (shown once, with a copy button) may also
type or paste it on the pairing page instead of scanning.
"""

import functools
import hashlib
import secrets
import time
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import User
from forum.checkin import devices
from forum.checkin.models import DevicePairing, DeviceToken, device_token_checkpoints
from forum.db import utcnow
from forum.errors import ForumError
from forum.extensions import db

CODE_PREFIX = "fdp_"
CODE_LIFETIME = timedelta(minutes=10)
SESSION_LIFETIME = timedelta(days=7)
COOKIE_NAME = "forum_scanner_device"


class PairingError(ForumError):
    """The pairing code (or token) cannot sign this phone in; the message says why."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start_pairing(device: DeviceToken, by: User | None, now: datetime | None = None) -> str:
    """A new one-time pairing code for `device`, valid for CODE_LIFETIME; the caller commits
    and shows it (as a QR code of the pairing page's link)."""
    if device.revoked_at is not None:
        raise PairingError(_l("This token was revoked: it cannot pair a phone."))
    now = now or utcnow()
    code = CODE_PREFIX + secrets.token_urlsafe(24)
    db.session.add(
        DevicePairing(
            device_token_id=device.id,
            code_digest=_digest(code),
            code_expires_at=now + CODE_LIFETIME,
            created_by_id=by.id if by is not None else None,
        )
    )
    record("device_token.pairing_code", device, actor=by, name=device.name)
    db.session.flush()
    return code


def redeem(code_or_token: str, now: datetime | None = None) -> tuple[DeviceToken, str]:
    """Exchange a pairing code (or the device token itself) for a device session.

    Returns the device and the session secret for the phone's cookie; the caller
    commits. A code works once, before it expires, for a token not revoked.
    """
    now = now or utcnow()
    given = (code_or_token or "").strip()
    if given.startswith(devices.PREFIX):
        return _redeem_token(given, now)
    unusable = PairingError(
        _l("This pairing code is not valid: it was used already, has expired or was mistyped.")
    )
    if not given.startswith(CODE_PREFIX) or len(given) > 100:
        raise unusable
    pairing = db.session.scalar(
        sa.select(DevicePairing)
        .where(DevicePairing.code_digest == _digest(given))
        .with_for_update()
    )
    if pairing is None or pairing.paired_at is not None or pairing.code_expires_at <= now:
        raise unusable
    if pairing.device.revoked_at is not None:
        raise PairingError(_l("This device token was revoked."))
    secret = _start_session(pairing, now)
    record("device_token.paired", pairing.device, actor=None, name=pairing.device.name)
    return pairing.device, secret


def _redeem_token(token: str, now: datetime) -> tuple[DeviceToken, str]:
    device = db.session.scalar(
        sa.select(DeviceToken).where(DeviceToken.token_hash == devices.hash_token(token))
    )
    if device is None or device.revoked_at is not None:
        raise PairingError(_l("This device token is unknown or was revoked."))
    pairing = DevicePairing(
        device_token_id=device.id,
        code_digest=_digest(CODE_PREFIX + secrets.token_urlsafe(24)),  # never shown: no code
        code_expires_at=now,
    )
    pairing.device = device
    db.session.add(pairing)
    secret = _start_session(pairing, now)
    record("device_token.paired", device, actor=None, name=device.name, by_token=True)
    return device, secret


def _start_session(pairing: DevicePairing, now: datetime) -> str:
    secret = secrets.token_urlsafe(32)
    pairing.paired_at = now
    pairing.session_digest = _digest(secret)
    pairing.session_expires_at = now + SESSION_LIFETIME
    db.session.flush()
    return secret


def device_of_session(secret: str) -> devices.BearerDevice | None:
    """The device a phone's session secret signs in as; None if unknown, ended, expired,
    or its token revoked. One query, or none when this process read it less than
    5 seconds ago (forum.checkin.devices)."""
    if not secret or len(secret) > 100:
        return None
    key = "session:" + _digest(secret)
    cached = devices.cached_device(key)
    if cached is not None:
        return cached
    read_at = time.monotonic()
    rows = db.session.execute(
        _session_query(), {"session_digest": key.removeprefix("session:"), "now": utcnow()}
    ).all()
    if not rows:
        devices.cache_device(key, read_at, None)
        return None
    device = devices.BearerDevice(
        rows[0].id, frozenset(r.checkpoint_id for r in rows if r.checkpoint_id)
    )
    devices.cache_device(key, read_at, device)
    return device


@functools.cache
def _session_query() -> sa.Select:
    pairings, tokens = DevicePairing.__table__, DeviceToken.__table__
    return (
        sa.select(tokens.c.id, device_token_checkpoints.c.checkpoint_id)
        .select_from(pairings)
        .join(tokens, tokens.c.id == pairings.c.device_token_id)
        .outerjoin(
            device_token_checkpoints,
            device_token_checkpoints.c.device_token_id == tokens.c.id,
        )
        .where(
            pairings.c.session_digest == sa.bindparam("session_digest"),
            pairings.c.ended_at.is_(None),
            pairings.c.session_expires_at > sa.bindparam("now"),
            tokens.c.revoked_at.is_(None),
        )
    )


def end_session(secret: str, now: datetime | None = None) -> None:
    """Sign the phone out: its session secret stops working at once in this process."""
    pairing = db.session.scalar(
        sa.select(DevicePairing).where(DevicePairing.session_digest == _digest(secret or ""))
    )
    if pairing is not None and pairing.ended_at is None:
        pairing.ended_at = now or utcnow()
        record("device_token.signed_out", pairing.device, actor=None, name=pairing.device.name)
        db.session.flush()
    devices.cache_device("session:" + _digest(secret or ""), 0.0, None)
