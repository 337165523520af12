"""Registrations (delegates), their states, organisation types, badge categories and photos."""

import enum
import secrets
import uuid
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so
from sqlalchemy.ext.hybrid import hybrid_property

from forum.db import UTCDateTime, created_at, enum_column, intpk, utcnow
from forum.extensions import db
from forum.text import normalise_email
from forum.translit import passport_latin, search_key


def display_name(title: str, given_name: str, family_name: str) -> str:
    """How a person is named on badges, lists and at the door: "Dr Olena Kovalenko"."""
    return f"{title} {f'{given_name} {family_name}'.strip()}".strip()


class RegistrationState(enum.StrEnum):
    SUBMITTED = "submitted"  # e-mail not confirmed yet; invisible to officers
    PENDING = "pending"  # awaiting accreditation
    APPROVED = "approved"
    REJECTED = "rejected"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"  # by the delegate
    CANCELLED = "cancelled"  # by an organiser

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self])


STATE_LABELS = {
    RegistrationState.SUBMITTED: _l("E-mail not confirmed"),
    RegistrationState.PENDING: _l("Awaiting accreditation"),
    RegistrationState.APPROVED: _l("Accredited"),
    RegistrationState.REJECTED: _l("Rejected"),
    RegistrationState.WAITLISTED: _l("Waiting list"),
    RegistrationState.WITHDRAWN: _l("Withdrawn"),
    RegistrationState.CANCELLED: _l("Cancelled"),
}

# The allowed moves of a registration's life; anything else is refused.
TRANSITIONS: dict[RegistrationState, frozenset[RegistrationState]] = {
    # An invitation nobody completed yet may be called off (a delegation replaces the person).
    RegistrationState.SUBMITTED: frozenset(
        {RegistrationState.PENDING, RegistrationState.CANCELLED}
    ),
    RegistrationState.PENDING: frozenset(
        {
            RegistrationState.APPROVED,
            RegistrationState.REJECTED,
            RegistrationState.WAITLISTED,
            RegistrationState.WITHDRAWN,
            RegistrationState.CANCELLED,
        }
    ),
    RegistrationState.WAITLISTED: frozenset(
        {
            RegistrationState.APPROVED,
            RegistrationState.REJECTED,
            RegistrationState.WITHDRAWN,
            RegistrationState.CANCELLED,
        }
    ),
    RegistrationState.APPROVED: frozenset(
        {
            RegistrationState.PENDING,  # the delegate changed name, photo, country, ...
            RegistrationState.WITHDRAWN,
            RegistrationState.CANCELLED,
        }
    ),
    RegistrationState.REJECTED: frozenset({RegistrationState.PENDING}),
    RegistrationState.WITHDRAWN: frozenset(),
    RegistrationState.CANCELLED: frozenset(),
}


class OrganisationType(enum.StrEnum):
    EU_INSTITUTION = "eu_institution"
    EU_GOVERNMENT = "eu_government"
    UA_GOVERNMENT = "ua_government"
    EU_INDUSTRY = "eu_industry"
    UA_INDUSTRY = "ua_industry"
    ASSOCIATION = "association"
    PARTNER = "partner"
    PRESS = "press"

    @property
    def label(self) -> str:
        return str(ORGANISATION_TYPE_LABELS[self])


ORGANISATION_TYPE_LABELS = {
    OrganisationType.EU_INSTITUTION: _l("EU institution"),
    OrganisationType.EU_GOVERNMENT: _l("EU member-state government"),
    OrganisationType.UA_GOVERNMENT: _l("Ukrainian government"),
    OrganisationType.EU_INDUSTRY: _l("European defence industry"),
    OrganisationType.UA_INDUSTRY: _l("Ukrainian defence industry"),
    OrganisationType.ASSOCIATION: _l("Industry association"),
    OrganisationType.PARTNER: _l("Partner country or international organisation"),
    OrganisationType.PRESS: _l("Press"),
}


class BadgeCategory(enum.StrEnum):
    DELEGATE = "delegate"
    SPEAKER = "speaker"
    VIP = "vip"
    PRESS = "press"
    ORGANISER = "organiser"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return str(CATEGORY_LABELS[self])

    @property
    def colour(self) -> str:
        return CATEGORY_COLOURS[self]


CATEGORY_LABELS = {
    BadgeCategory.DELEGATE: _l("Delegate"),
    BadgeCategory.SPEAKER: _l("Speaker"),
    BadgeCategory.VIP: _l("VIP"),
    BadgeCategory.PRESS: _l("Press"),
    BadgeCategory.ORGANISER: _l("Organiser"),
    BadgeCategory.STAFF: _l("Staff"),
}

# Colour bands on badges and in lists; each readable with white text.
CATEGORY_COLOURS = {
    BadgeCategory.DELEGATE: "#1f4e9c",
    BadgeCategory.SPEAKER: "#b4232c",
    BadgeCategory.VIP: "#6b2c91",
    BadgeCategory.PRESS: "#1d7a46",
    BadgeCategory.ORGANISER: "#b35900",
    BadgeCategory.STAFF: "#4a4f57",
}

# What a delegate may ask for on the form; the officer sets the final category.
REQUESTABLE_CATEGORIES = (BadgeCategory.DELEGATE, BadgeCategory.PRESS)


# Latin form -> the field it is the Latin form of, and the column's length.
LATIN_FORMS = {
    "passport_given_name": ("given_name", 100),
    "passport_family_name": ("family_name", 100),
    "organisation_latin": ("organisation", 200),
}


class Registration(db.Model):
    """A delegate's registration for an event: who they are and where they stand."""

    __tablename__ = "registrations"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "email_key", name="uq_registrations_event_email"),
        sa.CheckConstraint("badge_version >= 1", name="badge_version_positive"),
        sa.Index("ix_registrations_event_state", "event_id", "state"),
        sa.Index("ix_registrations_event_name_key", "event_id", "name_key"),
    )

    id: so.Mapped[intpk]
    # Used in delegate-facing URLs instead of the guessable row id.
    public_id: so.Mapped[uuid.UUID] = so.mapped_column(sa.Uuid, unique=True, default=uuid.uuid4)
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    user_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    title: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    given_name: so.Mapped[str] = so.mapped_column(sa.String(100))
    family_name: so.Mapped[str] = so.mapped_column(sa.String(100))
    # The names as the passport prints them in Latin letters: passport_latin() of the
    # name unless the delegate corrected it; the name itself when it is in Latin letters.
    # Always filled (forum/registration/names.py), so badges, exports and search need
    # no fallback.
    passport_given_name: so.Mapped[str] = so.mapped_column(
        sa.String(100), default="", server_default=""
    )
    passport_family_name: so.Mapped[str] = so.mapped_column(
        sa.String(100), default="", server_default=""
    )
    email: so.Mapped[str] = so.mapped_column(sa.String(254))
    # normalise_email(email): one registration per address and event, whatever the case.
    email_key: so.Mapped[str] = so.mapped_column(sa.String(254))
    phone: so.Mapped[str] = so.mapped_column(sa.String(32), default="")
    job_title: so.Mapped[str] = so.mapped_column(sa.String(150), default="")
    organisation: so.Mapped[str] = so.mapped_column(sa.String(200))
    organisation_latin: so.Mapped[str] = so.mapped_column(
        sa.String(200), default="", server_default=""
    )
    organisation_type: so.Mapped[OrganisationType] = so.mapped_column(
        enum_column(OrganisationType, "organisation_type")
    )
    country: so.Mapped[str] = so.mapped_column(sa.String(2))  # ISO 3166-1 alpha-2
    requested_category: so.Mapped[BadgeCategory] = so.mapped_column(
        enum_column(BadgeCategory, "requested_category"), default=BadgeCategory.DELEGATE
    )
    category: so.Mapped[BadgeCategory] = so.mapped_column(
        enum_column(BadgeCategory, "category"), default=BadgeCategory.DELEGATE
    )
    dietary_needs: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    accessibility_needs: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    locale: so.Mapped[str] = so.mapped_column(sa.String(5), default="en")

    consent_data_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    consent_data_version: so.Mapped[str] = so.mapped_column(sa.String(20), default="")
    consent_list: so.Mapped[bool] = so.mapped_column(default=False)
    consent_list_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    state: so.Mapped[RegistrationState] = so.mapped_column(
        enum_column(RegistrationState, "state"), default=RegistrationState.SUBMITTED
    )
    state_reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    invited: so.Mapped[bool] = so.mapped_column(default=False)
    # Reminders of an invitation not taken up yet (forum.registration.reminders).
    invitation_reminders: so.Mapped[int] = so.mapped_column(default=0, server_default="0")
    invitation_reminded_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    created_at: so.Mapped[created_at]
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    decided_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    waitlisted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    # Badge: the QR token names this version; reissuing bumps it.
    badge_version: so.Mapped[int] = so.mapped_column(default=1)
    # Held back by security vetting (forum/vetting): the event vets its participants and
    # this person is not cleared. An approved registration on hold is not accredited yet.
    vetting_hold: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    # What the door must know when the badge is scanned ("VIP: call protocol"), set by the
    # officers: a short note and tags (forum.checkin.attention.AttentionTag values).
    attention_note: so.Mapped[str] = so.mapped_column(sa.String(140), default="", server_default="")
    attention_tags: so.Mapped[list[str]] = so.mapped_column(
        sa.JSON, default=list, server_default="[]"
    )
    badge_printed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    badge_printed_version: so.Mapped[int | None]
    # Secret in the delegate's calendar feed URL; replaced to revoke the link.
    calendar_token: so.Mapped[str] = so.mapped_column(
        sa.String(43), unique=True, default=lambda: secrets.token_urlsafe(32)
    )
    # search_key() of given and family name: the same for a name in either script, so
    # that registrations of one person in two scripts are found (names.possible_duplicates).
    name_key: so.Mapped[str] = so.mapped_column(sa.String(250), default="", server_default="")

    event: so.Mapped["Event"] = so.relationship()  # noqa: F821
    user: so.Mapped["User | None"] = so.relationship()  # noqa: F821
    photo: so.Mapped["Photo | None"] = so.relationship(
        back_populates="registration", cascade="all, delete-orphan", uselist=False
    )

    @hybrid_property
    def is_accredited(self) -> bool:
        """Approved by the officers and not held by security vetting: the delegate has a
        badge, a seat and gets in at the door.

        Also a SQL condition: `select(Registration).where(Registration.is_accredited)`.
        """
        return self.state is RegistrationState.APPROVED and not self.vetting_hold

    @is_accredited.inplace.expression
    @classmethod
    def _is_accredited_expression(cls) -> sa.ColumnElement[bool]:
        return sa.and_(cls.state == RegistrationState.APPROVED, cls.vetting_hold.is_(False))

    @property
    def awaiting_clearance(self) -> bool:
        """Approved by the officers, but not cleared by security vetting yet."""
        return self.state is RegistrationState.APPROVED and self.vetting_hold

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def display_name(self) -> str:
        return display_name(self.title, self.given_name, self.family_name)

    @property
    def passport_name(self) -> str:
        """Given and family name as the passport prints them in Latin letters."""
        return f"{self.passport_given_name} {self.passport_family_name}".strip()

    def refresh_keys(self) -> None:
        """Recompute the derived lookup columns after the person's data changed, and
        fill the Latin forms left blank with passport_latin() of their names."""
        for latin_name, (name, length) in LATIN_FORMS.items():
            if not getattr(self, latin_name):
                setattr(
                    self, latin_name, passport_latin((getattr(self, name) or "").strip())[:length]
                )
        self.email_key = normalise_email(self.email)
        self.name_key = search_key(f"{self.given_name} {self.family_name}")[:250]

    def __repr__(self) -> str:
        return f"<Registration {self.id} {self.state}>"


class Photo(db.Model):
    """A delegate's badge photo, re-encoded as JPEG; kept apart so lists never load it."""

    __tablename__ = "photos"

    id: so.Mapped[intpk]
    registration_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), unique=True
    )
    content_type: so.Mapped[str] = so.mapped_column(sa.String(40), default="image/jpeg")
    data: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary)
    width: so.Mapped[int]
    height: so.Mapped[int]
    created_at: so.Mapped[created_at]

    registration: so.Mapped[Registration] = so.relationship(back_populates="photo")
