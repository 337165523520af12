"""Badge tokens: the opaque, signed code printed as a QR on every badge.

A token names the event (its id), the registration (its random `public_id`,
never the guessable row id) and the badge version, and nothing personal. It
is signed with HMAC-SHA-256 under a server key and written in upper-case
base32 so that the QR can use the compact alphanumeric mode (a 29 x 29
module code, version 3):

    body = 0x01 | varint(event id) | public_id (16 bytes) | varint(badge version)
    token = BASE32(body) + BASE32(first 15 bytes of HMAC-SHA-256(key, body))

Key rotation: `BADGE_SIGNING_KEYS` is a list of secrets, newest last. The
newest signs; every key in the list verifies, so badges printed under an old
key keep opening doors until that key is removed from the list. Without the
setting, one key is derived from `SECRET_KEY`. Each configured secret is
first turned into a badge-only key (HMAC with a fixed label), so a badge key
can never be confused with the key that signs sessions.
"""

import base64
import binascii
import functools
import hashlib
import hmac
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import sqlalchemy as sa
from flask import current_app

from forum.extensions import db
from forum.registration.models import Registration

FORMAT = 1
SIGNATURE_BYTES = 15  # 120 bits: far beyond guessing, and 24 base32 characters exactly
SIGNATURE_CHARS = 24
KEY_LABEL = b"forum.badges.token.v1"
MAX_TOKEN_CHARS = 80
TOKEN_PATTERN = re.compile(r"[A-Z2-7]+")

# Why a code is refused; "" when it is accepted.
MALFORMED = "malformed"
BAD_SIGNATURE = "bad_signature"
UNKNOWN = "unknown"
REISSUED = "reissued"
FOREIGN_EVENT = "foreign_event"
REASONS = (MALFORMED, BAD_SIGNATURE, UNKNOWN, REISSUED, FOREIGN_EVENT)


class BadgeHolder(Protocol):
    """What verification reads of a registration: a Registration, or a lighter record of one."""

    event_id: int
    badge_version: int


@dataclass(frozen=True)
class TokenCheck:
    """The verdict on a scanned code: `ok`, or the `reason` it is refused."""

    ok: bool
    reason: str = ""
    registration: BadgeHolder | None = None


class SigningKeyError(RuntimeError):
    """BADGE_SIGNING_KEYS is set but holds no usable key."""


def signing_keys() -> list[bytes]:
    """The badge keys, newest last, derived from BADGE_SIGNING_KEYS or SECRET_KEY."""
    configured = current_app.config.get("BADGE_SIGNING_KEYS")
    if configured is None or configured == "" or configured == []:
        secrets = [current_app.config["SECRET_KEY"]]
    elif isinstance(configured, str | bytes):
        secrets = [configured]
    else:
        secrets = list(configured)
    keys = []
    for secret in secrets:
        if not secret:
            raise SigningKeyError("BADGE_SIGNING_KEYS holds an empty key")
        raw = secret.encode() if isinstance(secret, str) else bytes(secret)
        keys.append(hmac.new(raw, KEY_LABEL, hashlib.sha256).digest())
    return keys


def issue_token(registration: Registration) -> str:
    """The QR payload for the registration's current badge version, signed with the newest key."""
    body = (
        bytes([FORMAT])
        + _varint(registration.event_id)
        + _public_id(registration).bytes
        + _varint(registration.badge_version)
    )
    return _b32encode(body) + _b32encode(_signature(signing_keys()[-1], body))


def verify_token(
    code: object, event, find: Callable[[uuid.UUID], BadgeHolder | None] | None = None
) -> TokenCheck:
    """Check a scanned code for `event` and say why it is refused, if it is.

    Reasons, in the order they are checked: "malformed" (not a badge code at
    all), "bad_signature" (not signed by any key in BADGE_SIGNING_KEYS: forged,
    altered, or signed with a retired key), "foreign_event" (a genuine badge of
    another event), "unknown" (no such registration any more), "reissued" (a
    newer badge replaced this one). Surrounding white space, as sent by
    keyboard-like scanners, is ignored; otherwise the code must match exactly.

    This does NOT judge the registration itself: an accepted code of a pending,
    rejected, withdrawn or cancelled delegate is still `ok`, with the
    registration attached, and the caller (the door scanner) decides whether
    that person may enter. Never raises on any input.

    `find` looks the registration up by its public id (default: a plain
    SELECT); the door scanner passes one that also locks the row and reads
    only what the door needs.
    """
    parsed = _parse(code)
    if parsed is None:
        return TokenCheck(False, MALFORMED)
    body, signature, event_id, public_id, version = parsed
    try:
        keys = signing_keys()
    except SigningKeyError:
        current_app.logger.exception("badge signing keys are misconfigured")
        return TokenCheck(False, BAD_SIGNATURE)
    if not _signed(body, signature, keys):
        return TokenCheck(False, BAD_SIGNATURE)
    if event is None or event_id != event.id:
        return TokenCheck(False, FOREIGN_EVENT)
    registration = (find or _find_registration)(public_id)
    if registration is None:
        return TokenCheck(False, UNKNOWN)
    if registration.event_id != event.id:
        return TokenCheck(False, FOREIGN_EVENT)
    if version != registration.badge_version:
        return TokenCheck(False, REISSUED, registration)
    return TokenCheck(True, "", registration)


def badge_reference(code: object) -> uuid.UUID | None:
    """The public id of the registration a genuine code names, without asking the database;
    None for anything verify_token() would call malformed or bad_signature."""
    parsed = _parse(code)
    if parsed is None:
        return None
    body, signature, _event_id, public_id, _version = parsed
    try:
        keys = signing_keys()
    except SigningKeyError:
        return None
    return public_id if _signed(body, signature, keys) else None


def _signed(body: bytes, signature: bytes, keys: list[bytes]) -> bool:
    return any(hmac.compare_digest(_signature(key, body), signature) for key in keys)


def _find_registration(public_id: uuid.UUID) -> Registration | None:
    return db.session.scalar(sa.select(Registration).where(Registration.public_id == public_id))


def token_digest(code: str) -> str:
    """SHA-256 (hex) of a code, so that an offline scanner can hold digests instead of a key."""
    return hashlib.sha256(str(code).strip().encode("utf-8")).hexdigest()


def _parse(code: object) -> tuple[bytes, bytes, int, uuid.UUID, int] | None:
    """Split and decode a code; None if it cannot be one of ours."""
    if not isinstance(code, str):
        return None
    return _parse_text(code.strip())


# A scan reads its code twice (to find the registration, then to judge it): the second
# reading, and a badge scanned again, come from here. Codes are at most 80 characters.
@functools.lru_cache(maxsize=1024)
def _parse_text(code: str) -> tuple[bytes, bytes, int, uuid.UUID, int] | None:
    if not (SIGNATURE_CHARS < len(code) <= MAX_TOKEN_CHARS) or not TOKEN_PATTERN.fullmatch(code):
        return None
    body = _b32decode(code[:-SIGNATURE_CHARS])
    signature = _b32decode(code[-SIGNATURE_CHARS:])
    if body is None or signature is None or len(signature) != SIGNATURE_BYTES:
        return None
    if not body or body[0] != FORMAT:
        return None
    event_id, position = _read_varint(body, 1)
    if event_id is None or len(body) < position + 16:
        return None
    public_id = uuid.UUID(bytes=body[position : position + 16])
    version, position = _read_varint(body, position + 16)
    if version is None or position != len(body):
        return None
    return body, signature, event_id, public_id, version


def _signature(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).digest()[:SIGNATURE_BYTES]


def _public_id(registration: Registration) -> uuid.UUID:
    if registration.public_id is None:  # not flushed yet: the column default has not run
        registration.public_id = uuid.uuid4()
    return registration.public_id


def _b32encode(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _b32decode(text: str) -> bytes | None:
    """Decode unpadded base32, refusing non-canonical spellings (unused trailing bits set)."""
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return None
    return data if _b32encode(data) == text else None


def _varint(number: int) -> bytes:
    if number < 0:
        raise ValueError("varint of a negative number")
    out = bytearray()
    while True:
        low, number = number & 0x7F, number >> 7
        out.append(low | (0x80 if number else 0))
        if not number:
            return bytes(out)


def _read_varint(data: bytes, position: int, max_bytes: int = 5) -> tuple[int | None, int]:
    """Read a canonical varint (no redundant zero bytes); (None, position) if there is none."""
    number = shift = 0
    for count in range(max_bytes):
        if position + count >= len(data):
            return None, position
        byte = data[position + count]
        number |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            if byte == 0 and count > 0:
                return None, position
            return number, position + count + 1
    return None, position
