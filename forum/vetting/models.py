"""Security vetting: the event's switch and retention, and each person's identity and answer.

The identity data a host's security service asks for is kept in one encrypted
value per person (forum.vetting.crypto): nationality, date and place of birth,
the identity document (type, number, issuing country, expiry) and the name
exactly as the document prints it in Latin letters. The security service's
note is encrypted too. Only the security officer's pages decrypt them.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.db import UTCDateTime, enum_column, intpk, utcnow
from forum.extensions import db
from forum.registration.models import Registration
from forum.vetting.crypto import Encrypted

DEFAULT_RETENTION_DAYS = 30


class VettingSettings(db.Model):
    """Whether the event vets its participants, and how long identity data is kept."""

    __tablename__ = "vetting_settings"
    __table_args__ = (sa.CheckConstraint("retention_days >= 0", name="retention_not_negative"),)

    event_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    required: so.Mapped[bool] = so.mapped_column(default=False)
    # Identity data is deleted this many days after the event's last day.
    retention_days: so.Mapped[int] = so.mapped_column(default=DEFAULT_RETENTION_DAYS)
    changed_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)


class VettingStatus(enum.StrEnum):
    MISSING = "missing"  # the person has not given their identity data yet
    AWAITING = "awaiting"  # given, awaiting the security service's answer
    CLEARED = "cleared"
    REFUSED = "refused"
    MORE_INFORMATION = "more_information"  # the service asks for more: the person is told

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    VettingStatus.MISSING: _l("Identity data missing"),
    VettingStatus.AWAITING: _l("Awaiting vetting"),
    VettingStatus.CLEARED: _l("Cleared"),
    VettingStatus.REFUSED: _l("Refused"),
    VettingStatus.MORE_INFORMATION: _l("More information needed"),
}


class Vetting(db.Model):
    """One person's identity data (encrypted) and the security service's answer."""

    __tablename__ = "vettings"
    __table_args__ = (sa.Index("ix_vettings_status", "status"),)

    id: so.Mapped[intpk]
    registration_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), unique=True
    )
    status: so.Mapped[VettingStatus] = so.mapped_column(
        enum_column(VettingStatus, "vetting_status"), default=VettingStatus.MISSING
    )
    # A dict of the fields of forum.vetting.identity.IDENTITY_FIELDS; None once purged.
    identity: so.Mapped[dict | None] = so.mapped_column(Encrypted())
    # The security service's note with its answer (for the security officer only).
    note: so.Mapped[str | None] = so.mapped_column(Encrypted())
    submitted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    answered_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    answered_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    purged_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    registration: so.Mapped[Registration] = so.relationship()
