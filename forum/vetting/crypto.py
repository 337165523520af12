"""Identity data encrypted at rest: Fernet (AES-128-CBC with an HMAC-SHA256), keys from config.

FORUM_IDENTITY_KEYS holds the keys, newest first: a JSON list (or a comma-separated
list) of Fernet keys (`python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"`). MultiFernet encrypts with the first key and
decrypts with any of them, so a key is rotated by putting a new one first, running
`flask --app forum vetting rotate-keys` (which re-encrypts every stored value with it)
and then dropping the old one (docs/security.md).

Without the setting, development and tests derive one key from the secret key;
production refuses to store or read identity data until the keys are set.
"""

import base64
import hashlib
import hmac
import json
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app


class IdentityKeyError(RuntimeError):
    """The identity-data keys are missing or wrong: nothing can be stored or read."""


def configured_keys() -> list[str]:
    keys = current_app.config.get("IDENTITY_KEYS") or []
    if isinstance(keys, str):
        text = keys.strip()
        keys = json.loads(text) if text.startswith("[") else text.split(",")
    return [key.strip() for key in keys if key and key.strip()]


def identity_cipher() -> MultiFernet:
    """The configured keys, newest first; a key derived from the secret key in development."""
    keys = configured_keys()
    if not keys:
        if current_app.config.get("ENV") == "production":
            raise IdentityKeyError(
                "FORUM_IDENTITY_KEYS is not set: identity data for security vetting cannot be "
                "stored or read (docs/security.md)."
            )
        secret = current_app.config["SECRET_KEY"].encode()
        derived = hmac.new(secret, b"forum.identity-data", hashlib.sha256).digest()
        keys = [base64.urlsafe_b64encode(derived).decode()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise IdentityKeyError(
            f"FORUM_IDENTITY_KEYS holds a key that is not a Fernet key: {error}"
        ) from error


def encrypt(value: Any) -> str:
    """A Fernet token of `value` as JSON."""
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return identity_cipher().encrypt(payload).decode("ascii")


def decrypt(token: str) -> Any:
    try:
        return json.loads(identity_cipher().decrypt(token.encode("ascii")))
    except InvalidToken as error:
        raise IdentityKeyError(
            "Identity data cannot be decrypted with the configured keys (was a key dropped "
            "before `flask vetting rotate-keys` ran?)."
        ) from error


class Encrypted(sa.TypeDecorator[Any]):
    """A JSON value stored as a Fernet token (text): unreadable without the keys."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> str | None:
        return None if value is None else encrypt(value)

    def process_result_value(self, value: str | None, dialect: sa.Dialect) -> Any:
        return None if value is None else decrypt(value)


def rotate(token: str) -> str:
    """The same value encrypted with the newest key."""
    return identity_cipher().rotate(token.encode("ascii")).decode("ascii")
