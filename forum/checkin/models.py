"""Checkpoints (doors), scans (every attempt) and device tokens for scanners."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.bilingual import Bilingual
from forum.db import UTCDateTime, created_at, enum_column, intpk, utcnow
from forum.extensions import db


class Direction(enum.StrEnum):
    IN = "in"
    OUT = "out"


class ScanStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


device_token_checkpoints = sa.Table(
    "device_token_checkpoints",
    db.metadata,
    sa.Column(
        "device_token_id", sa.ForeignKey("device_tokens.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "checkpoint_id", sa.ForeignKey("checkpoints.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Checkpoint(Bilingual, db.Model):
    """A door: the venue entrance, or a working-session room (session_id set).

    Its name in English and Ukrainian (forum.bilingual): the scanner answers in the
    language of the person scanning.
    """

    __tablename__ = "checkpoints"

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    name_uk: so.Mapped[str] = so.mapped_column(sa.String(120), default="", server_default="")
    session_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("working_sessions.id", ondelete="CASCADE"), index=True
    )
    # Badge category values admitted here; empty means every category.
    allowed_categories: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    active: so.Mapped[bool] = so.mapped_column(default=True)
    # When entries are admitted, in the event's time zone: [{"day": "2024-05-06",
    # "from": "13:00", "to": "18:00"}, ...] (forum.checkin.hours); empty: whenever open.
    entry_windows: so.Mapped[list[dict]] = so.mapped_column(
        sa.JSON, default=list, server_default="[]"
    )
    # The scanner's answer goes back to scanning after this many seconds (1-120, checked by
    # forum.checkin.doors); None: it stays until the next scan or a tap.
    answer_seconds: so.Mapped[int | None]

    session: so.Mapped["WorkingSession | None"] = so.relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<Checkpoint {self.name}>"


# One checkpoint of a name per event, whatever its case (the service says so first, in words).
sa.Index(
    "uq_checkpoints_event_lower_name",
    Checkpoint.event_id,
    sa.func.lower(Checkpoint.name),
    unique=True,
)


class DeviceToken(db.Model):
    """A bearer token for a scanning device, limited to some checkpoints, revocable."""

    __tablename__ = "device_tokens"

    id: so.Mapped[intpk]
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    # SHA-256 of the token: the token itself is shown once and never stored.
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[created_at]
    last_used_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    revoked_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    checkpoints: so.Mapped[list[Checkpoint]] = so.relationship(secondary=device_token_checkpoints)


class DevicePairing(db.Model):
    """One phone signed in as a device token by a pairing code (forum.checkin.pairing).

    The code, shown as a QR code on the organisers' page, works once and for a few
    minutes; redeeming it starts the phone's device session, whose own secret lives in
    the phone's session cookie. Only SHA-256 digests of both are stored.
    """

    __tablename__ = "device_pairings"

    id: so.Mapped[intpk]
    device_token_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("device_tokens.id", ondelete="CASCADE"), index=True
    )
    code_digest: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    code_expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime())
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[created_at]
    # Set when the code is redeemed: the phone's session, until it expires or signs out.
    paired_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    session_digest: so.Mapped[str | None] = so.mapped_column(sa.String(64), unique=True)
    session_expires_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    ended_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    device: so.Mapped[DeviceToken] = so.relationship()


class Scan(db.Model):
    """One scan attempt, accepted or not. Who is inside is derived from these rows."""

    __tablename__ = "scans"
    __table_args__ = (
        # Who is inside: a person's latest scans by scan time (forum.checkin.decide.presence).
        sa.Index("ix_scans_registration_scanned", "registration_id", "scanned_at"),
        sa.Index("ix_scans_checkpoint_received", "checkpoint_id", "received_at"),
    )

    id: so.Mapped[intpk]
    # Sent by the scanner; the same nonce again is a retry and gets the first answer.
    nonce: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    # SHA-256 of what the scan asked (badge or person, checkpoint, direction): a used nonce
    # with another request is refused, not answered with this scan's answer. None for
    # scans recorded before it was kept.
    request_digest: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    checkpoint_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("checkpoints.id", ondelete="CASCADE")
    )
    registration_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="SET NULL")
    )
    direction: so.Mapped[Direction] = so.mapped_column(enum_column(Direction, "direction"))
    status: so.Mapped[ScanStatus] = so.mapped_column(enum_column(ScanStatus, "scan_status"))
    reason: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    scanned_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    received_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    offline: so.Mapped[bool] = so.mapped_column(default=False)
    # An offline upload that turned out to be a second entry: shown to organisers.
    flagged: so.Mapped[bool] = so.mapped_column(default=False)
    annulled_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    user_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    device_token_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("device_tokens.id", ondelete="SET NULL")
    )

    checkpoint: so.Mapped[Checkpoint] = so.relationship()
    registration: so.Mapped["Registration | None"] = so.relationship()  # noqa: F821
