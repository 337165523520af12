"""Signed, expiring links in e-mails: confirm an address, accept an invitation.

The password-reset link is the account's, in forum/auth/links.py.
"""

import uuid

from itsdangerous import BadSignature

from forum.auth.links import link_serializer as _serializer

CONFIRM_MAX_AGE = 7 * 24 * 3600
INVITATION_MAX_AGE = 60 * 24 * 3600


def make_confirm_token(public_id: uuid.UUID) -> str:
    return _serializer("confirm").dumps(str(public_id))


def read_confirm_token(token: str) -> uuid.UUID | None:
    return _read_uuid("confirm", token, CONFIRM_MAX_AGE)


def make_invitation_token(public_id: uuid.UUID) -> str:
    return _serializer("invitation").dumps(str(public_id))


def read_invitation_token(token: str) -> uuid.UUID | None:
    return _read_uuid("invitation", token, INVITATION_MAX_AGE)


def _read_uuid(purpose: str, token: str, max_age: int) -> uuid.UUID | None:
    try:
        return uuid.UUID(_serializer(purpose).loads(token, max_age=max_age))
    except (BadSignature, ValueError, TypeError):
        return None
