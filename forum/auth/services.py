"""Accounts: creating them and checking passwords."""

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from forum.auth.models import Role, User
from forum.db import utcnow
from forum.errors import ForumError
from forum.extensions import db
from forum.text import has_hidden_characters, normalise_email
from forum.translit import is_latin, passport_latin

MIN_PASSWORD_LENGTH = 10
# Checked against when the e-mail is unknown, so that the answer takes as long
# as for a known account and does not reveal which e-mails exist.
_DUMMY_HASH = generate_password_hash("not a real password")


class AccountError(ForumError):
    """An account cannot be created or changed as asked."""


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def create_user(
    email: str, password: str, role: Role, full_name: str = "", full_name_latin: str = ""
) -> User:
    """Create an account; refuses a taken e-mail or a short password.

    The Latin form of the name is passport_latin(full_name) unless one is given.
    """
    if find_user(email) is not None:
        raise AccountError(f"An account for {normalise_email(email)} already exists.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    if has_hidden_characters(full_name) or any(c in "<>" for c in full_name):
        raise AccountError("The name must be plain visible text: no invisible characters, < or >.")
    full_name_latin = full_name_latin.strip() or passport_latin(full_name.strip())
    if not is_latin(full_name_latin) or any(c in "<>" for c in full_name_latin):
        raise AccountError("The Latin form of the name must be in Latin letters.")
    user = User(
        email=normalise_email(email),
        role=role,
        full_name=full_name,
        full_name_latin=full_name_latin[:200],
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active account with this e-mail and password, or None (and a failed attempt counted)."""
    user = find_user(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not user.active:
        user.failed_logins += 1
        return None
    user.failed_logins = 0
    user.last_login_at = utcnow()
    return user


def set_new_password(user: User, password: str) -> None:
    """Set a new password; every other session of the account ends."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    user.set_password(password)
    user.failed_logins = 0
