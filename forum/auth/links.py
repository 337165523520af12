"""Signed, expiring links in e-mails: the serializer every feature's links use, and the
password-reset link (the links of a registration live in forum/registration/links.py)."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

RESET_MAX_AGE = 3600


def link_serializer(purpose: str) -> URLSafeTimedSerializer:
    """A serializer signed with the app's secret; `purpose` keeps one kind of link from
    standing in for another."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"forum.{purpose}")


def make_reset_token(user) -> str:
    # The end of the password hash makes the link single-use: it dies once the password changes.
    return link_serializer("reset").dumps([user.id, (user.password_hash or "")[-16:]])


def read_reset_token(token: str) -> tuple[int, str] | None:
    try:
        user_id, fingerprint = link_serializer("reset").loads(token, max_age=RESET_MAX_AGE)
        return int(user_id), str(fingerprint)
    except (BadSignature, ValueError, TypeError):
        return None
