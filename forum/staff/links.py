"""The welcome link of a new staff account: choose a password, within a week.

Signed and expiring like the other links in mails; it holds the account's id and a keyed
digest of its password hash, so it is used up once a password is chosen.
"""

import hmac

from itsdangerous import BadSignature

from forum.auth.links import link_serializer, password_fingerprint
from forum.auth.models import STAFF_ROLES, User
from forum.extensions import db

WELCOME_DAYS = 7
_PURPOSE = "staff-welcome"


def make_welcome_token(user: User) -> str:
    return link_serializer(_PURPOSE).dumps([user.id, password_fingerprint(user)])


def read_welcome_token(token: str) -> User | None:
    """The active staff account the link was made for, while it has not chosen a password
    since; None for anything else."""
    try:
        user_id, fingerprint = link_serializer(_PURPOSE).loads(
            token, max_age=WELCOME_DAYS * 24 * 3600
        )
    except (BadSignature, ValueError, TypeError):
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active or user.role not in STAFF_ROLES:
        return None
    if not hmac.compare_digest(password_fingerprint(user), str(fingerprint)):
        return None
    return user
