"""Signed, expiring links in e-mails: the serializer every feature's links use, the
password-reset link, and the welcome link of an account made for someone (the links of a
registration live in forum/registration/links.py).

A reset link is encrypted (Fernet: AES with an HMAC, keyed from the app's secret), so
that it reveals nothing to whoever sees it: not the account, nor anything of its
password. It holds the account's id and a keyed digest of its password hash; once the
password changes, the digest no longer matches and the link is used up.
"""

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from forum.auth.models import Role, User
from forum.extensions import db

RESET_MAX_AGE = 3600


def link_serializer(purpose: str) -> URLSafeTimedSerializer:
    """A serializer signed with the app's secret; `purpose` keeps one kind of link from
    standing in for another."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"forum.{purpose}")


def _key(purpose: bytes) -> bytes:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), purpose, hashlib.sha256).digest()


def _reset_cipher() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key(b"forum.reset-link")))


def password_fingerprint(user) -> str:
    """Changes whenever the password does; tells nothing about it."""
    digest = hmac.new(
        _key(b"forum.reset-fingerprint"), (user.password_hash or "").encode(), hashlib.sha256
    )
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class ResetClaim:
    """What a reset link that decrypted says: whose, for which password, and whether it
    is past its hour."""

    user_id: int
    fingerprint: str
    expired: bool


def make_reset_token(user) -> str:
    payload = json.dumps([user.id, password_fingerprint(user)]).encode()
    return _reset_cipher().encrypt(payload).decode("ascii")


def read_reset_token(token: str) -> ResetClaim | None:
    """The claim of a reset link this app made, expired or not; None for anything else."""
    cipher = _reset_cipher()
    try:
        raw = token.encode("ascii")
        user_id, fingerprint = json.loads(cipher.decrypt(raw))
        issued = cipher.extract_timestamp(raw)
        return ResetClaim(int(user_id), str(fingerprint), time.time() - issued > RESET_MAX_AGE)
    except (InvalidToken, ValueError, TypeError):  # UnicodeError is a ValueError
        return None


@dataclass(frozen=True)
class WelcomeLink:
    """The link in the mail of an account made for someone (a focal point, a staff member):
    they choose its first password with it. It holds the account's id and a keyed digest
    of its password hash, so it is used up once a password is chosen."""

    purpose: str
    max_age_days: int
    roles: frozenset[Role]

    def make(self, user: User) -> str:
        return link_serializer(self.purpose).dumps([user.id, password_fingerprint(user)])

    def read(self, token: str) -> User | None:
        """The active account of one of `roles` the link was made for, while its password is
        unchanged; None for anything else."""
        try:
            user_id, fingerprint = link_serializer(self.purpose).loads(
                token, max_age=self.max_age_days * 24 * 3600
            )
        except (BadSignature, ValueError, TypeError):
            return None
        user = db.session.get(User, user_id) if isinstance(user_id, int) else None
        if user is None or not user.active or user.role not in self.roles:
            return None
        if not hmac.compare_digest(password_fingerprint(user), str(fingerprint)):
            return None
        return user
