"""Device tokens: bearer credentials for scanning devices, limited to some checkpoints.

The token is shown once, when it is made; only its SHA-256 is stored, so a
copy of the database opens no door. Revoking sets `revoked_at`; the token
then gets 401 at once in the process that revoked it, and within
BEARER_CACHE_SECONDS in every other server process.

Every scan carries the token, so each process keeps what it learnt about a
token for BEARER_CACHE_SECONDS (5 s) instead of asking the database on every
scan. Revoking clears this process's cache; another worker (or the revocation
from another process) may accept the revoked token for at most 5 s more. The
checkpoints a token may use never change after it is made; whether a
checkpoint is open is checked on every scan, not cached.
"""

import functools
import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from forum.audit.services import record
from forum.auth.models import User
from forum.checkin.models import Checkpoint, DeviceToken, device_token_checkpoints
from forum.db import utcnow
from forum.errors import ForumError
from forum.extensions import db

PREFIX = "fdt_"
# last_used_at is written at most this often, to keep the scan path free of extra writes.
LAST_USED_GRANULARITY = timedelta(minutes=1)
# How long a process trusts what it read about a token (see the module docstring).
BEARER_CACHE_SECONDS = 5.0
# token hash -> (time.monotonic() when read, the device); per process, shared by its threads.
_bearer_cache: dict[str, tuple[float, "BearerDevice"]] = {}


class DeviceTokenError(ForumError):
    """The token cannot be made as asked (no name, unknown checkpoint)."""


@dataclass(frozen=True)
class BearerDevice:
    """What the scan path needs to know about an authenticated device."""

    id: int
    checkpoint_ids: frozenset[int]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_device_token(
    name: str, checkpoints: list[Checkpoint], created_by: User | None = None
) -> tuple[DeviceToken, str]:
    """Make a token for a device; returns the row and the token (show it once, never store it)."""
    name = name.strip()
    if not name:
        raise DeviceTokenError("A device token needs a name.")
    if not checkpoints:
        raise DeviceTokenError("Choose at least one checkpoint for the device.")
    token = PREFIX + secrets.token_urlsafe(32)
    device = DeviceToken(
        name=name[:120],
        token_hash=hash_token(token),
        created_by_id=created_by.id if created_by is not None else None,
        checkpoints=list(checkpoints),
    )
    db.session.add(device)
    db.session.flush()
    record(
        "device_token.create",
        device,
        actor=created_by,
        name=device.name,
        checkpoints=[c.id for c in checkpoints],
    )
    return device, token


def revoke_device_token(device: DeviceToken, by: User | None = None) -> bool:
    """Revoke a token; False if it already was."""
    if device.revoked_at is not None:
        return False
    device.revoked_at = utcnow()
    record("device_token.revoke", device, actor=by, name=device.name)
    db.session.flush()
    forget_bearer_tokens()
    return True


def forget_bearer_tokens() -> None:
    """Drop this process's cached token lookups (the next scan of each asks the database);
    paired phones' sessions (forum.checkin.pairing) are in the same cache."""
    _bearer_cache.clear()


def cached_device(key: str) -> "BearerDevice | None":
    """What this process read about a token or a device session less than
    BEARER_CACHE_SECONDS ago, if anything."""
    cached = _bearer_cache.get(key)
    if cached is not None and time.monotonic() - cached[0] < BEARER_CACHE_SECONDS:
        return cached[1]
    return None


def cache_device(key: str, read_at: float, device: "BearerDevice | None") -> None:
    """Remember `device` (read at `read_at`, time.monotonic()), or forget the key (None)."""
    if device is None:
        _bearer_cache.pop(key, None)
    else:
        _bearer_cache[key] = (read_at, device)


def authenticate_bearer(token: str) -> BearerDevice | None:
    """The device behind a bearer token, or None if unknown or revoked.

    One query, or none when this process read the token less than
    BEARER_CACHE_SECONDS ago (unknown and revoked tokens are never cached).
    """
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    token_hash = hash_token(token)
    cached = _bearer_cache.get(token_hash)
    if cached is not None and time.monotonic() - cached[0] < BEARER_CACHE_SECONDS:
        return cached[1]
    read_at = time.monotonic()
    rows = db.session.execute(_bearer_query(), {"token_hash": token_hash}).all()
    if not rows or rows[0].revoked_at is not None:
        _bearer_cache.pop(token_hash, None)
        return None
    device_id = rows[0].id
    last_used = rows[0].last_used_at
    now = utcnow()
    if last_used is None or now - last_used > LAST_USED_GRANULARITY:
        db.session.execute(
            sa.update(DeviceToken).where(DeviceToken.id == device_id).values(last_used_at=now)
        )
    device = BearerDevice(device_id, frozenset(r.checkpoint_id for r in rows if r.checkpoint_id))
    _bearer_cache[token_hash] = (read_at, device)
    return device


@functools.cache
def _bearer_query() -> sa.Select:
    """Built once: every scan from a device runs it (Core columns: no ORM step per scan)."""
    tokens = DeviceToken.__table__
    return (
        sa.select(
            tokens.c.id,
            tokens.c.revoked_at,
            tokens.c.last_used_at,
            device_token_checkpoints.c.checkpoint_id,
        )
        .outerjoin(
            device_token_checkpoints,
            device_token_checkpoints.c.device_token_id == tokens.c.id,
        )
        .where(tokens.c.token_hash == sa.bindparam("token_hash"))
    )


def device_tokens() -> list[DeviceToken]:
    """Every device token, newest first, for the organisers' page."""
    return list(
        db.session.scalars(sa.select(DeviceToken).order_by(DeviceToken.created_at.desc()))
        .unique()
        .all()
    )
