"""Delegations and their focal points, members and quotas; the event's quotas by kind.

A delegation (a ministry, an EU institution, a company) sends people through a
focal point, within a quota of places (optionally split by badge category).
Each member is a registration of the event; the membership row says which
delegation it belongs to, who added it, and which member took its place when
it was replaced.

Event quotas cap how many people one organisation, one country or one badge
category may have accredited, whether or not they came through a delegation.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.db import UTCDateTime, created_at, enum_column, intpk
from forum.extensions import db
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)

S = RegistrationState
# A member in one of these states holds one of the delegation's places. A member who
# withdrew, was cancelled (or replaced) or was rejected frees it for someone else.
HOLDING_STATES = (S.SUBMITTED, S.PENDING, S.WAITLISTED, S.APPROVED)


class Delegation(db.Model):
    """A group sent by one organisation, managed by its focal point within a quota."""

    __tablename__ = "delegations"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "name", name="uq_delegations_event_name"),
        sa.CheckConstraint("quota >= 0", name="quota_not_negative"),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    # The organisation's name as its members' badges print it, and its Latin form.
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    name_latin: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    organisation_type: so.Mapped[OrganisationType] = so.mapped_column(
        enum_column(OrganisationType, "organisation_type")
    )
    country: so.Mapped[str] = so.mapped_column(sa.String(2))  # ISO 3166-1 alpha-2
    quota: so.Mapped[int]
    focal_point_name: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    focal_point_email: so.Mapped[str] = so.mapped_column(sa.String(254))
    # The focal point's account, made when the delegation is created.
    focal_point_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: so.Mapped[created_at]

    event: so.Mapped["Event"] = so.relationship()  # noqa: F821
    focal_point: so.Mapped["User | None"] = so.relationship()  # noqa: F821
    category_quotas: so.Mapped[list["DelegationCategoryQuota"]] = so.relationship(
        back_populates="delegation",
        cascade="all, delete-orphan",
        order_by="DelegationCategoryQuota.category",
    )
    members: so.Mapped[list["DelegationMember"]] = so.relationship(
        back_populates="delegation", cascade="all, delete-orphan", passive_deletes=True
    )

    def category_limits(self) -> dict[BadgeCategory, int]:
        """The places reserved per badge category (categories not named share the quota)."""
        return {row.category: row.places for row in self.category_quotas}

    def __repr__(self) -> str:
        return f"<Delegation {self.id} {self.name!r}>"


class DelegationCategoryQuota(db.Model):
    """At most `places` members of the delegation with this badge category."""

    __tablename__ = "delegation_category_quotas"
    __table_args__ = (
        sa.UniqueConstraint(
            "delegation_id", "category", name="uq_delegation_category_quotas_category"
        ),
        sa.CheckConstraint("places >= 0", name="places_not_negative"),
    )

    id: so.Mapped[intpk]
    delegation_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("delegations.id", ondelete="CASCADE")
    )
    category: so.Mapped[BadgeCategory] = so.mapped_column(enum_column(BadgeCategory, "category"))
    places: so.Mapped[int]

    delegation: so.Mapped[Delegation] = so.relationship(back_populates="category_quotas")


class DelegationMember(db.Model):
    """A registration that belongs to a delegation."""

    __tablename__ = "delegation_members"

    id: so.Mapped[intpk]
    delegation_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("delegations.id", ondelete="CASCADE"), index=True
    )
    registration_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), unique=True
    )
    added_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # Registered by the focal point with the member's details (the member still confirms).
    on_behalf: so.Mapped[bool] = so.mapped_column(default=False)
    created_at: so.Mapped[created_at]
    # Replaced by another person: when, and the member who took the place.
    replaced_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    replacement_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("delegation_members.id", ondelete="SET NULL")
    )

    delegation: so.Mapped[Delegation] = so.relationship(back_populates="members")
    registration: so.Mapped[Registration] = so.relationship()
    replacement: so.Mapped["DelegationMember | None"] = so.relationship(
        remote_side="DelegationMember.id"
    )

    @property
    def holds_place(self) -> bool:
        return self.registration.state in HOLDING_STATES


class QuotaKind(enum.StrEnum):
    ORGANISATION = "organisation"
    COUNTRY = "country"
    CATEGORY = "category"

    @property
    def label(self) -> str:
        return str(QUOTA_KIND_LABELS[self])


QUOTA_KIND_LABELS = {
    QuotaKind.ORGANISATION: _l("Organisation"),
    QuotaKind.COUNTRY: _l("Country"),
    QuotaKind.CATEGORY: _l("Badge category"),
}


class EventQuota(db.Model):
    """At most `places` accredited people of one organisation, country or badge category.

    `value` is the organisation's name (the same name, letter case aside), the ISO
    country code, or the badge category's value.
    """

    __tablename__ = "event_quotas"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "kind", "value", name="uq_event_quotas_kind_value"),
        sa.CheckConstraint("places >= 0", name="places_not_negative"),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    kind: so.Mapped[QuotaKind] = so.mapped_column(enum_column(QuotaKind, "quota_kind"))
    value: so.Mapped[str] = so.mapped_column(sa.String(200))
    places: so.Mapped[int]
    created_at: so.Mapped[created_at]
