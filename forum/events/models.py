"""The Event model."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.bilingual import Bilingual
from forum.db import UTCDateTime, created_at, intpk
from forum.extensions import db


class Event(Bilingual, db.Model):
    """One forum: where, when, how many delegates, and when registration is open."""

    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint("ends_on >= starts_on", name="dates_in_order"),
        sa.CheckConstraint("delegate_capacity >= 0", name="capacity_not_negative"),
    )

    id: so.Mapped[intpk]
    slug: so.Mapped[str] = so.mapped_column(sa.String(60), unique=True)
    # Texts in English and Ukrainian (forum.bilingual): event.localized("name", "uk").
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    name_uk: so.Mapped[str] = so.mapped_column(sa.String(200), default="", server_default="")
    short_name: so.Mapped[str] = so.mapped_column(sa.String(60))
    short_name_uk: so.Mapped[str] = so.mapped_column(sa.String(60), default="", server_default="")
    venue: so.Mapped[str] = so.mapped_column(sa.String(200))
    venue_uk: so.Mapped[str] = so.mapped_column(sa.String(200), default="", server_default="")
    venue_address: so.Mapped[str] = so.mapped_column(sa.String(300), default="", server_default="")
    venue_address_uk: so.Mapped[str] = so.mapped_column(
        sa.String(300), default="", server_default=""
    )
    city: so.Mapped[str] = so.mapped_column(sa.String(100))
    city_uk: so.Mapped[str] = so.mapped_column(sa.String(100), default="", server_default="")
    country: so.Mapped[str] = so.mapped_column(sa.String(2))
    organisers: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    organisers_uk: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    description_uk: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    # Closes every mail, above the system's "do not reply" line: whom to ask, and how.
    mail_footer: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    mail_footer_uk: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
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
    # An invitation not taken up after this many days is reminded (twice at most,
    # forum.registration.reminders); 0: never.
    invitation_reminder_days: so.Mapped[int] = so.mapped_column(default=7, server_default="7")
    programme_published: so.Mapped[bool] = so.mapped_column(default=False)
    # When the organisers last changed what the badges' answer line says (another question
    # on the badges, or its label): every badge printed before is out of date, though its
    # QR code still opens the doors (forum.badges.services.printable_query, "changed").
    badge_line_changed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    created_at: so.Mapped[created_at]

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"
