"""Photos held between two tries of a form, so a failed submit never asks for the file again.

A browser cannot put a chosen file back into a form, so when the registration
form comes back with an error, the photo that came with it is checked,
re-encoded and held here, under a random key kept in the visitor's session
cookie: only that browser finds it again, and the next submit uses it unless a
new file is chosen. Held photos are deleted when used, and after HOLD_FOR.
"""

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.db import UTCDateTime, intpk, utcnow
from forum.extensions import db
from forum.registration.validators import reencode_photo

HOLD_FOR = timedelta(hours=2)
SESSION_KEY = "held_photo"  # the Flask session's entry holding the visitor's key


class HeldPhoto(db.Model):
    """A re-encoded badge photo waiting for the form it came with to succeed."""

    __tablename__ = "held_photos"

    id: so.Mapped[intpk]
    key: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    data: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary)
    width: so.Mapped[int]
    height: so.Mapped[int]
    held_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow, index=True)


def new_key() -> str:
    return secrets.token_urlsafe(32)


def hold(key: str, upload: bytes) -> HeldPhoto:
    """Check and re-encode `upload` (PhotoError if it is no usable photo) and hold it under
    `key`, replacing what the key held; forgets photos held longer than HOLD_FOR."""
    data, width, height = reencode_photo(upload)
    db.session.execute(sa.delete(HeldPhoto).where(HeldPhoto.held_at < utcnow() - HOLD_FOR))
    db.session.execute(sa.delete(HeldPhoto).where(HeldPhoto.key == key))
    held = HeldPhoto(key=key, data=data, width=width, height=height, held_at=utcnow())
    db.session.add(held)
    db.session.flush()
    return held


def held(key: str | None) -> HeldPhoto | None:
    """The photo held under `key`, if it is still fresh."""
    if not key:
        return None
    return db.session.scalar(
        sa.select(HeldPhoto).where(HeldPhoto.key == key, HeldPhoto.held_at >= utcnow() - HOLD_FOR)
    )


def release(key: str | None) -> None:
    """Forget the photo held under `key` (used, or replaced by no photo)."""
    if key:
        db.session.execute(sa.delete(HeldPhoto).where(HeldPhoto.key == key))
