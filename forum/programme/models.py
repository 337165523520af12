"""Rooms, working sessions, speakers (assignments and guest profiles) and sign-ups."""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.bilingual import Bilingual
from forum.db import UTCDateTime, created_at, enum_column, intpk
from forum.extensions import db


class SessionFormat(enum.StrEnum):
    PLENARY = "plenary"
    PANEL = "panel"
    WORKING_SESSION = "working_session"
    BILATERAL = "bilateral"

    @property
    def label(self) -> str:
        return str(FORMAT_LABELS[self])


FORMAT_LABELS = {
    SessionFormat.PLENARY: _l("Plenary"),
    SessionFormat.PANEL: _l("Panel"),
    SessionFormat.WORKING_SESSION: _l("Working session"),
    SessionFormat.BILATERAL: _l("Bilateral / B2B meeting"),
}


class SpeakerRole(enum.StrEnum):
    KEYNOTE = "keynote"
    MODERATOR = "moderator"
    PANELLIST = "panellist"
    RAPPORTEUR = "rapporteur"

    @property
    def label(self) -> str:
        return str(SPEAKER_ROLE_LABELS[self])


SPEAKER_ROLE_LABELS = {
    SpeakerRole.KEYNOTE: _l("Keynote"),
    SpeakerRole.MODERATOR: _l("Moderator"),
    SpeakerRole.PANELLIST: _l("Panellist"),
    SpeakerRole.RAPPORTEUR: _l("Rapporteur"),
}


class SignUpState(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"


class Room(Bilingual, db.Model):
    """A room of the venue; its name in English and Ukrainian (forum.bilingual)."""

    __tablename__ = "rooms"
    __table_args__ = (sa.CheckConstraint("capacity >= 0", name="capacity_not_negative"),)

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    name_uk: so.Mapped[str] = so.mapped_column(sa.String(120), default="", server_default="")
    capacity: so.Mapped[int]
    notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")

    def __repr__(self) -> str:
        return f"<Room {self.name}>"


# One room of a name per event, whatever its case (the service says so first, in words).
sa.Index("uq_rooms_event_lower_name", Room.event_id, sa.func.lower(Room.name), unique=True)


class WorkingSession(Bilingual, db.Model):
    """A block of the programme in one room: plenary, panel, working session or B2B.

    Title, theme and description in English and Ukrainian (forum.bilingual). The
    English theme is the key the programme filters on; sessions of one theme share it.
    """

    __tablename__ = "working_sessions"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        sa.Index("ix_working_sessions_event_starts", "event_id", "starts_at"),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    room_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("rooms.id", ondelete="RESTRICT"), index=True
    )
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    title_uk: so.Mapped[str] = so.mapped_column(sa.String(200), default="", server_default="")
    theme: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    theme_uk: so.Mapped[str] = so.mapped_column(sa.String(120), default="", server_default="")
    format: so.Mapped[SessionFormat] = so.mapped_column(
        enum_column(SessionFormat, "session_format"), default=SessionFormat.WORKING_SESSION
    )
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    description_uk: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    starts_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime())
    ends_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime())
    # None means "as many as the room holds".
    capacity: so.Mapped[int | None]
    # Only sessions open for sign-ups take them; plenaries are open to all.
    signup_required: so.Mapped[bool] = so.mapped_column(default=True)
    published: so.Mapped[bool] = so.mapped_column(default=False)
    created_at: so.Mapped[created_at]

    room: so.Mapped[Room | None] = so.relationship()
    speakers: so.Mapped[list["SpeakerAssignment"]] = so.relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="SpeakerAssignment.position",
    )

    @property
    def effective_capacity(self) -> int | None:
        if self.capacity is not None:
            return self.capacity
        return self.room.capacity if self.room else None

    def __repr__(self) -> str:
        return f"<WorkingSession {self.id} {self.title!r}>"


class SpeakerProfile(Bilingual, db.Model):
    """A guest speaker who does not register as a delegate (ministers, commissioners...).

    Position, organisation and biography in English and Ukrainian (forum.bilingual);
    the name is the person's own, in one script, with its Latin form beside it.
    """

    __tablename__ = "speaker_profiles"

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    title: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    full_name: so.Mapped[str] = so.mapped_column(sa.String(200))
    # The name in Latin letters as the passport prints it: passport_latin(full_name)
    # unless the organisers corrected it; the name itself when written in Latin letters.
    full_name_latin: so.Mapped[str] = so.mapped_column(
        sa.String(200), default="", server_default=""
    )
    position: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    position_uk: so.Mapped[str] = so.mapped_column(sa.String(200), default="", server_default="")
    organisation: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    organisation_uk: so.Mapped[str] = so.mapped_column(
        sa.String(200), default="", server_default=""
    )
    country: so.Mapped[str] = so.mapped_column(sa.String(2), default="")
    bio: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    bio_uk: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    photo: so.Mapped[bytes | None] = so.mapped_column(sa.LargeBinary, deferred=True)
    created_at: so.Mapped[created_at]

    def __repr__(self) -> str:
        return f"<SpeakerProfile {self.full_name}>"


class SpeakerAssignment(db.Model):
    """A person on a session with a role: a registered delegate or a guest profile."""

    __tablename__ = "speaker_assignments"
    __table_args__ = (
        sa.CheckConstraint(
            "(registration_id IS NULL) <> (speaker_profile_id IS NULL)", name="one_person"
        ),
        sa.UniqueConstraint(
            "session_id", "registration_id", name="uq_speaker_assignments_session_registration"
        ),
        sa.UniqueConstraint(
            "session_id", "speaker_profile_id", name="uq_speaker_assignments_session_profile"
        ),
    )

    id: so.Mapped[intpk]
    session_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("working_sessions.id", ondelete="CASCADE")
    )
    registration_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    speaker_profile_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("speaker_profiles.id", ondelete="CASCADE"), index=True
    )
    role: so.Mapped[SpeakerRole] = so.mapped_column(enum_column(SpeakerRole, "speaker_role"))
    position: so.Mapped[int] = so.mapped_column(default=0)

    session: so.Mapped[WorkingSession] = so.relationship(back_populates="speakers")
    registration: so.Mapped["Registration | None"] = so.relationship()  # noqa: F821
    speaker_profile: so.Mapped[SpeakerProfile | None] = so.relationship()

    @property
    def name(self) -> str:
        if self.speaker_profile is not None:
            return f"{self.speaker_profile.title} {self.speaker_profile.full_name}".strip()
        return self.registration.display_name if self.registration else ""


class SignUp(db.Model):
    """A delegate's place (or place in the queue) in a working session."""

    __tablename__ = "sign_ups"
    __table_args__ = (
        sa.UniqueConstraint(
            "session_id", "registration_id", name="uq_sign_ups_session_registration"
        ),
        sa.Index("ix_sign_ups_session_state_created", "session_id", "state", "created_at"),
    )

    id: so.Mapped[intpk]
    session_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("working_sessions.id", ondelete="CASCADE")
    )
    registration_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    state: so.Mapped[SignUpState] = so.mapped_column(enum_column(SignUpState, "sign_up_state"))
    created_at: so.Mapped[created_at]
    promoted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    session: so.Mapped[WorkingSession] = so.relationship()
    registration: so.Mapped["Registration"] = so.relationship()  # noqa: F821
