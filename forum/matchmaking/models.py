"""Matchmaking profiles: capability tags, organisation profiles and the people taking part.

A profile belongs to an organisation (one per organisation and event), not to a
person: today the accredited delegate who created it manages it; once delegations
exist, their focal point can take it over (`managed_by_id` is the one column that
says who). The people who sit at the tables are the organisation's participants,
each of whom opted in themselves.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.bilingual import Bilingual
from forum.collation import collation_bytes
from forum.db import UTCDateTime, created_at, enum_column, intpk, utcnow
from forum.extensions import db
from forum.registration.models import OrganisationType, Registration


class Side(enum.StrEnum):
    """Which side of the forum an organisation is on: the EU's, Ukraine's, or a partner's."""

    EU = "eu"
    UKRAINE = "ukraine"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(SIDE_LABELS[self])


SIDE_LABELS = {
    Side.EU: _l("EU side"),
    Side.UKRAINE: _l("Ukrainian side"),
    Side.OTHER: _l("Partner countries"),
}


class Audience(enum.StrEnum):
    """Who may see a profile (besides the need-to-know rule that applies to all)."""

    EVERYONE = "everyone"
    EU = "eu"
    UKRAINE = "ukraine"

    @property
    def label(self) -> str:
        return str(AUDIENCE_LABELS[self])


AUDIENCE_LABELS = {
    Audience.EVERYONE: _l("Every participant"),
    Audience.EU: _l("EU-side participants only"),
    Audience.UKRAINE: _l("Ukrainian-side participants only"),
}


class Cooperation(enum.StrEnum):
    """The kinds of cooperation an organisation is open to."""

    SUPPLIER = "supplier"
    PARTNER = "partner"
    INVESTOR = "investor"
    LICENSEE = "licensee"

    @property
    def label(self) -> str:
        return str(COOPERATION_LABELS[self])


COOPERATION_LABELS = {
    Cooperation.SUPPLIER: _l("Supplier"),
    Cooperation.PARTNER: _l("Partner (joint venture, co-production)"),
    Cooperation.INVESTOR: _l("Investor"),
    Cooperation.LICENSEE: _l("Licensee"),
}


class TagUse(enum.StrEnum):
    """A tag on a profile says what the organisation offers or what it seeks."""

    OFFERS = "offers"
    SEEKS = "seeks"


class CapabilityTag(Bilingual, db.Model):
    """A capability from the forum's list (air defence, demining, ...), named in both languages;
    organisers edit the list."""

    __tablename__ = "capability_tags"

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    label: so.Mapped[str] = so.mapped_column(sa.String(80))
    label_uk: so.Mapped[str] = so.mapped_column(sa.String(80), default="", server_default="")
    created_at: so.Mapped[created_at]

    def __repr__(self) -> str:
        return f"<CapabilityTag {self.label}>"


# One tag of a name per event, whatever its case.
sa.Index(
    "uq_capability_tags_event_lower_label",
    CapabilityTag.event_id,
    sa.func.lower(CapabilityTag.label),
    unique=True,
)

profile_tags = sa.Table(
    "match_profile_tags",
    db.metadata,
    sa.Column(
        "profile_id", sa.ForeignKey("match_profiles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "tag_id",
        sa.ForeignKey("capability_tags.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
    sa.Column("use", enum_column(TagUse, "tag_use", length=10), primary_key=True),
)


class MatchProfile(Bilingual, db.Model):
    """An organisation's matchmaking profile: what it offers and seeks, in English and Ukrainian.

    The organisation's name, type and country are those its delegates were accredited
    with (copied from the manager's registration), so nobody can present a profile for
    an organisation that is not theirs.
    """

    __tablename__ = "match_profiles"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "organisation_key", name="uq_match_profiles_event_org"),
        sa.Index("ix_match_profiles_event_side", "event_id", "side"),
        # The directory's order, read in the database a page at a time.
        sa.Index("ix_match_profiles_event_sort_key", "event_id", "sort_key"),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    organisation: so.Mapped[str] = so.mapped_column(sa.String(200))
    organisation_latin: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    # search_key(organisation): one profile per organisation, whichever script it is typed in.
    organisation_key: so.Mapped[str] = so.mapped_column(sa.String(200))
    # forum.collation.collation_bytes(organisation): alphabetical order, kept with the name.
    sort_key: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary, default=b"")
    organisation_type: so.Mapped[OrganisationType] = so.mapped_column(
        enum_column(OrganisationType, "match_organisation_type")
    )
    country: so.Mapped[str] = so.mapped_column(sa.String(2))
    side: so.Mapped[Side] = so.mapped_column(enum_column(Side, "match_side", length=10))
    audience: so.Mapped[Audience] = so.mapped_column(
        enum_column(Audience, "match_audience", length=10), default=Audience.EVERYONE
    )
    offers: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    offers_uk: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    seeks: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    seeks_uk: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    about: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    about_uk: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # Cooperation values (the enum above) the organisation is open to.
    cooperation: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    # " key key key ": the search keys (forum.search.keys.words_of) of the organisation's
    # name and texts in both languages, for the directory's search across scripts.
    search_keys: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # The same for the offer and the needs alone, for the suggestions' text overlap.
    offer_keys: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    seek_keys: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # Who manages the profile today: the delegate who created it (a focal point later).
    managed_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="SET NULL"), index=True
    )
    created_at: so.Mapped[created_at]
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)

    managed_by: so.Mapped[Registration | None] = so.relationship()
    participants: so.Mapped[list["Participant"]] = so.relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="Participant.id"
    )

    @so.validates("organisation")
    def _keep_sort_key(self, _key: str, organisation: str) -> str:
        self.sort_key = collation_bytes(organisation)
        return organisation

    def __repr__(self) -> str:
        return f"<MatchProfile {self.organisation!r}>"


class Participant(db.Model):
    """A person taking part in matchmaking for their organisation's profile.

    Added by the profile's manager, a person takes part only once they opted in
    themselves (`opted_in_at`): only then do they see the directory and appear in it.
    """

    __tablename__ = "match_participants"

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    registration_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), unique=True
    )
    profile_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("match_profiles.id", ondelete="CASCADE"), index=True
    )
    opted_in_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    # Mail about requests and changes (the meetings page shows them either way).
    mail_notices: so.Mapped[bool] = so.mapped_column(default=True)
    # Mail when a counterpart enters the venue, or has not shortly before a meeting (many
    # on the forum day: asked for, not assumed).
    mail_door_notices: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    created_at: so.Mapped[created_at]

    registration: so.Mapped[Registration] = so.relationship()
    profile: so.Mapped[MatchProfile] = so.relationship(back_populates="participants")

    @property
    def opted_in(self) -> bool:
        return self.opted_in_at is not None

    def __repr__(self) -> str:
        return f"<Participant {self.id} of profile {self.profile_id}>"
