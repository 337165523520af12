"""Signed, expiring links in e-mails: confirm an address, accept an invitation, reset a password."""

import uuid

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

CONFIRM_MAX_AGE = 7 * 24 * 3600
INVITATION_MAX_AGE = 60 * 24 * 3600
RESET_MAX_AGE = 3600


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"forum.{purpose}")


def make_confirm_token(public_id: uuid.UUID) -> str:
    return _serializer("confirm").dumps(str(public_id))


def read_confirm_token(token: str) -> uuid.UUID | None:
    return _read_uuid("confirm", token, CONFIRM_MAX_AGE)


def make_invitation_token(public_id: uuid.UUID) -> str:
    return _serializer("invitation").dumps(str(public_id))


def read_invitation_token(token: str) -> uuid.UUID | None:
    return _read_uuid("invitation", token, INVITATION_MAX_AGE)


def make_reset_token(user) -> str:
    # The end of the password hash makes the link single-use: it dies once the password changes.
    return _serializer("reset").dumps([user.id, (user.password_hash or "")[-16:]])


def read_reset_token(token: str) -> tuple[int, str] | None:
    try:
        user_id, fingerprint = _serializer("reset").loads(token, max_age=RESET_MAX_AGE)
        return int(user_id), str(fingerprint)
    except (BadSignature, ValueError, TypeError):
        return None


def _read_uuid(purpose: str, token: str, max_age: int) -> uuid.UUID | None:
    try:
        return uuid.UUID(_serializer(purpose).loads(token, max_age=max_age))
    except (BadSignature, ValueError, TypeError):
        return None
