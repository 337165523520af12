"""The Event model."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.db import UTCDateTime, created_at, intpk
from forum.extensions import db


class Event(db.Model):
    """One forum: where, when, how many delegates, and when registration is open."""

    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint("ends_on >= starts_on", name="dates_in_order"),
        sa.CheckConstraint("delegate_capacity >= 0", name="capacity_not_negative"),
    )

    id: so.Mapped[intpk]
    slug: so.Mapped[str] = so.mapped_column(sa.String(60), unique=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    short_name: so.Mapped[str] = so.mapped_column(sa.String(60))
    venue: so.Mapped[str] = so.mapped_column(sa.String(200))
    city: so.Mapped[str] = so.mapped_column(sa.String(100))
    country: so.Mapped[str] = so.mapped_column(sa.String(2))
    organisers: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # Texts in other languages: {"uk": {"name": ..., "venue": ..., ...}}.
    translations: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    starts_on: so.Mapped[date]
    ends_on: so.Mapped[date]
    timezone: so.Mapped[str] = so.mapped_column(sa.String(60), default="Europe/Brussels")
    delegate_capacity: so.Mapped[int] = so.mapped_column(default=350)
    registration_opens_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    registration_closes_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    # When an approved delegate withdraws: promote the first waitlisted one
    # automatically (True) or leave the choice to an officer (False).
    auto_promote_waitlist: so.Mapped[bool] = so.mapped_column(default=False)
    invited_skip_approval: so.Mapped[bool] = so.mapped_column(default=True)
    programme_published: so.Mapped[bool] = so.mapped_column(default=False)
    created_at: so.Mapped[created_at]

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def text(self, field: str, locale: str) -> str:
        """A text field in the given language, falling back to the stored one."""
        translated = (self.translations or {}).get(locale, {}).get(field)
        return translated or getattr(self, field)

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"
