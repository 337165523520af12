"""The focal point's welcome link: choose a password for the account made with the delegation.

Signed and expiring like the other links in mails; it holds the account's id and a
keyed digest of its password hash, so it is used up once a password is chosen.
"""

import hmac

from itsdangerous import BadSignature

from forum.auth.links import link_serializer, password_fingerprint
from forum.auth.models import Role, User
from forum.extensions import db

WELCOME_MAX_AGE = 30 * 24 * 3600


def make_welcome_token(user: User) -> str:
    return link_serializer("focal-point-welcome").dumps([user.id, password_fingerprint(user)])


def read_welcome_token(token: str) -> User | None:
    """The focal point's account the link was made for, while its password is unchanged."""
    try:
        user_id, fingerprint = link_serializer("focal-point-welcome").loads(
            token, max_age=WELCOME_MAX_AGE
        )
    except (BadSignature, ValueError, TypeError):
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active or user.role is not Role.FOCAL_POINT:
        return None
    if not hmac.compare_digest(password_fingerprint(user), str(fingerprint)):
        return None
    return user
