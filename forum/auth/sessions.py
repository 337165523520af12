"""Sign-in sessions kept on the server, so that signing out really ends them.

Each sign-in creates a SignInSession row for a random token. The id Flask-Login keeps in
the session cookie and in the remember-me cookie is "user id:session version:token"
(Flask-Login's "alternative tokens"); the loader accepts it only while the token's row
exists and has not expired. Signing out deletes the row, so a copy of either cookie is
signed out too; a password change bumps the session version and ends every session.

Signing in starts from an empty session (against session fixation: nothing planted
before survives, and the CSRF token is new). Organisers and officers are never
remembered: their remember-me cookie would skip the two-factor code.
"""

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, session
from flask_login import current_user, login_user, logout_user

from forum.auth.models import Role, SignInSession, User
from forum.db import utcnow
from forum.extensions import db

NEVER_REMEMBERED = (Role.ORGANISER, Role.OFFICER, Role.SECURITY_OFFICER)
# What a visitor chose before signing in that is harmless to carry over.
KEPT_ACROSS_SIGN_IN = ("lang",)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _duration(name: str) -> timedelta:
    value = current_app.config[name]
    return value if isinstance(value, timedelta) else timedelta(seconds=int(value))


def _restart_session() -> None:
    kept = {key: session[key] for key in KEPT_ACROSS_SIGN_IN if key in session}
    session.clear()
    session.update(kept)


def begin_session(user: User, remember: bool = False) -> None:
    """Sign `user` in on this browser in a new server-side session; the caller commits."""
    remember = remember and user.role not in NEVER_REMEMBERED
    _restart_session()
    now = utcnow()
    lifetime = _duration("REMEMBER_COOKIE_DURATION" if remember else "SIGN_IN_SESSION_LIFETIME")
    db.session.execute(
        sa.delete(SignInSession).where(
            SignInSession.user_id == user.id, SignInSession.expires_at <= now
        )
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        SignInSession(user_id=user.id, token_digest=_digest(token), expires_at=now + lifetime)
    )
    user.sign_in_token = token
    login_user(user, remember=remember)


def end_session() -> None:
    """Sign out: this session's row goes (copies of its cookies stop working), and so does
    everything the session held. The caller commits."""
    token = current_user.sign_in_token if current_user.is_authenticated else None
    if token:
        db.session.execute(
            sa.delete(SignInSession).where(SignInSession.token_digest == _digest(token))
        )
    _restart_session()
    logout_user()  # after the restart: it asks for the remember-me cookie to be cleared


def end_every_session(user: User) -> None:
    """Sign `user` out on every browser at once (a new role, an account switched off): the
    version in their cookies no longer matches, and their sessions' rows are gone."""
    user.session_version = (user.session_version or 0) + 1
    db.session.execute(sa.delete(SignInSession).where(SignInSession.user_id == user.id))


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the account of a live session, from 'id:version:token'."""
    raw_id, _, rest = user_id.partition(":")
    version, _, token = rest.partition(":")
    if not (raw_id.isdigit() and version.isdigit() and token):
        return None
    user = db.session.scalar(
        sa.select(User)
        .join(SignInSession, SignInSession.user_id == User.id)
        .where(
            User.id == int(raw_id),
            SignInSession.token_digest == _digest(token),
            SignInSession.expires_at > utcnow(),
        )
    )
    if user is None or user.session_version != int(version):
        return None
    user.sign_in_token = token
    return user
