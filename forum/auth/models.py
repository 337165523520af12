"""User accounts and their roles."""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import orm as so
from werkzeug.security import check_password_hash, generate_password_hash

from forum.db import UTCDateTime, created_at, enum_column, intpk
from forum.extensions import db


class Role(enum.StrEnum):
    """What an account may do. Staff roles sign in with a password; delegates register."""

    ORGANISER = "organiser"
    OFFICER = "officer"
    STAFF = "staff"
    DELEGATE = "delegate"
    # Manages one or more delegations' members within their quota (forum/delegations).
    FOCAL_POINT = "focal_point"
    # Sees identity-document data and answers security vetting (forum/vetting); nothing else.
    SECURITY_OFFICER = "security_officer"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.ORGANISER: _l("Organiser"),
    Role.OFFICER: _l("Accreditation officer"),
    Role.STAFF: _l("Door staff"),
    Role.DELEGATE: _l("Delegate"),
    Role.FOCAL_POINT: _l("Delegation focal point"),
    Role.SECURITY_OFFICER: _l("Security officer"),
}

STAFF_ROLES = (Role.ORGANISER, Role.OFFICER, Role.STAFF, Role.SECURITY_OFFICER)

staff_checkpoints = sa.Table(
    "staff_checkpoints",
    db.metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "checkpoint_id", sa.ForeignKey("checkpoints.id", ondelete="CASCADE"), primary_key=True
    ),
)


class User(UserMixin, db.Model):
    """Someone who signs in: an organiser, officer, door staff member or delegate."""

    __tablename__ = "users"

    id: so.Mapped[intpk]
    # Stored as normalise_email() gives it: addresses are unique whatever their case.
    email: so.Mapped[str] = so.mapped_column(sa.String(254), unique=True)
    full_name: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    # The name in Latin letters as the passport prints it (forum.translit.passport_latin
    # unless corrected); the name itself when it is written in Latin letters.
    full_name_latin: so.Mapped[str] = so.mapped_column(
        sa.String(200), default="", server_default=""
    )
    password_hash: so.Mapped[str | None] = so.mapped_column(sa.String(256))
    role: so.Mapped[Role] = so.mapped_column(enum_column(Role, "role"))
    locale: so.Mapped[str] = so.mapped_column(sa.String(5), default="en")
    active: so.Mapped[bool] = so.mapped_column(default=True)
    created_at: so.Mapped[created_at]
    last_login_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    failed_logins: so.Mapped[int] = so.mapped_column(default=0)
    # Bumped on password change: signs out every other session of the account.
    session_version: so.Mapped[int] = so.mapped_column(default=1)
    # When the last failed sign-in happened: with failed_logins, sets the growing delay.
    last_failed_login_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    # Two-factor sign-in (forum/security/twofactor.py): a base32 TOTP secret, confirmed
    # once the user typed a first code; the last time step used, so a code works once;
    # hashes of the unused recovery codes.
    totp_secret: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    totp_confirmed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    totp_last_step: so.Mapped[int | None] = so.mapped_column(sa.BigInteger)
    recovery_code_hashes: so.Mapped[list[str]] = so.mapped_column(
        sa.JSON, default=list, server_default="[]"
    )

    checkpoints: so.Mapped[list["Checkpoint"]] = so.relationship(  # noqa: F821
        secondary=staff_checkpoints
    )

    # The token of the sign-in session this object was loaded for (forum/auth/sessions.py);
    # not a column: each browser has its own.
    sign_in_token = None

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        # What Flask-Login keeps in the session and remember-me cookies: the session version
        # ends every session at a password change, the token ends one session at sign-out.
        return f"{self.id}:{self.session_version}:{self.sign_in_token or ''}"

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class SignInSession(db.Model):
    """One signed-in browser. Its cookies carry a random token; only the token's SHA-256
    is stored. Signing out deletes the row, which ends the session for any copy of them."""

    __tablename__ = "sign_in_sessions"

    id: so.Mapped[intpk]
    user_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    token_digest: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    created_at: so.Mapped[created_at]
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime())
