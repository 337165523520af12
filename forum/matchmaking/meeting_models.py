"""Meetings: the organisers' set-up (blocks, slots, tables, limits), requests and meetings.

No double booking is a rule of the database, not only of the code: a meeting holds
one seat per person, and a person has at most one seat per slot
(uq_meeting_seats_participant_slot); a table holds at most one meeting per slot
(uq_meetings_table_slot). A seat names its meeting's slot through a composite
foreign key (meeting_id, slot_id) -> meetings (id, slot_id) that follows a moved
meeting (ON UPDATE CASCADE), so a seat can never disagree with its meeting.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.db import UTCDateTime, created_at, enum_column, intpk, utcnow
from forum.extensions import db
from forum.matchmaking.models import Participant
from forum.programme.models import Room


class RequestState(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"  # by the person who asked, before an answer
    CANCELLED = "cancelled"  # an accepted meeting called off by either side or the organisers

    @property
    def label(self) -> str:
        return str(REQUEST_STATE_LABELS[self])


REQUEST_STATE_LABELS = {
    RequestState.PENDING: _l("Waiting for an answer"),
    RequestState.ACCEPTED: _l("Agreed"),  # ("Accepted" is the door's word for admitted)
    RequestState.DECLINED: _l("Declined"),
    RequestState.EXPIRED: _l("Expired"),
    RequestState.WITHDRAWN: _l("Withdrawn"),
    RequestState.CANCELLED: _l("Cancelled"),
}


class Outcome(enum.StrEnum):
    """What came of a meeting, as one side records it (private; counted anonymously)."""

    NO_FOLLOW_UP = "no_follow_up"
    FOLLOW_UP = "follow_up"
    NDA = "nda"
    MOU = "mou"
    JOINT_VENTURE = "joint_venture"

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self])


OUTCOME_LABELS = {
    Outcome.NO_FOLLOW_UP: _l("No follow-up"),
    Outcome.FOLLOW_UP: _l("Follow-up planned"),
    Outcome.NDA: _l("NDA"),
    Outcome.MOU: _l("MoU or letter of intent"),
    Outcome.JOINT_VENTURE: _l("Joint venture discussed"),
}


class MatchmakingSettings(db.Model):
    """The organisers' rules for one event's matchmaking."""

    __tablename__ = "matchmaking_settings"
    __table_args__ = (
        sa.CheckConstraint("slot_minutes BETWEEN 5 AND 240", name="slot_minutes_range"),
        sa.CheckConstraint("max_meetings >= 1", name="max_meetings_positive"),
        sa.CheckConstraint("max_pending >= 1", name="max_pending_positive"),
        sa.CheckConstraint("answer_hours >= 1", name="answer_hours_positive"),
        sa.CheckConstraint(
            "not_arrived_minutes BETWEEN 0 AND 240", name="not_arrived_minutes_range"
        ),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    # Delegates can opt in, search and ask for meetings only while this is on.
    open: so.Mapped[bool] = so.mapped_column(default=False)
    slot_minutes: so.Mapped[int] = so.mapped_column(default=20)
    max_meetings: so.Mapped[int] = so.mapped_column(default=8)
    max_pending: so.Mapped[int] = so.mapped_column(default=10)
    # A request nobody answered expires this many hours after it was sent.
    answer_hours: so.Mapped[int] = so.mapped_column(default=48)
    # The other side is told when someone has not entered the venue this many minutes before
    # their meeting (forum.matchmaking.door); 0: nobody is told.
    not_arrived_minutes: so.Mapped[int] = so.mapped_column(default=15, server_default="15")
    # Where the tables stand.
    room_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("rooms.id", ondelete="SET NULL")
    )

    room: so.Mapped[Room | None] = so.relationship()


class MeetingBlock(db.Model):
    """A stretch of time the organisers give to meetings (e.g. 14:00-17:30 on the forum day)."""

    __tablename__ = "meeting_blocks"
    __table_args__ = (sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    starts_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime())
    ends_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime())


class MeetingSlot(db.Model):
    """One meeting's worth of time inside a block (made from the block and the slot length)."""

    __tablename__ = "meeting_slots"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "starts_at", name="uq_meeting_slots_event_start"),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    block_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("meeting_blocks.id", ondelete="CASCADE"), index=True
    )
    starts_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime())
    ends_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime())


class MeetingTable(db.Model):
    """A numbered table in the meeting room."""

    __tablename__ = "meeting_tables"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "number", name="uq_meeting_tables_event_number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    number: so.Mapped[int]


class Unavailability(db.Model):
    """A slot a participant marked as not available (every other slot of the blocks is)."""

    __tablename__ = "match_unavailability"

    participant_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("match_participants.id", ondelete="CASCADE"), primary_key=True
    )
    slot_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("meeting_slots.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class MeetingRequest(db.Model):
    """A asks B for a meeting, with a message; B accepts, declines or lets it expire."""

    __tablename__ = "meeting_requests"
    __table_args__ = (
        sa.CheckConstraint("requester_id <> recipient_id", name="not_to_oneself"),
        sa.Index("ix_meeting_requests_recipient_state", "recipient_id", "state"),
        sa.Index("ix_meeting_requests_requester_state", "requester_id", "state"),
        sa.Index("ix_meeting_requests_event_state", "event_id", "state"),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    requester_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("match_participants.id", ondelete="CASCADE")
    )
    recipient_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("match_participants.id", ondelete="CASCADE")
    )
    message: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    state: so.Mapped[RequestState] = so.mapped_column(
        enum_column(RequestState, "request_state"), default=RequestState.PENDING
    )
    # Why it was declined or cancelled (optional, shown to the other side).
    reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # Who declined, withdrew or cancelled; None when the organisers did (or for expiry).
    closed_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("match_participants.id", ondelete="SET NULL")
    )
    # The organisers placed this meeting by hand: there was no request to answer.
    placed_by_organisers: so.Mapped[bool] = so.mapped_column(default=False)
    created_at: so.Mapped[created_at]
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime())
    answered_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    closed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    requester: so.Mapped[Participant] = so.relationship(foreign_keys=[requester_id])
    recipient: so.Mapped[Participant] = so.relationship(foreign_keys=[recipient_id])
    meeting: so.Mapped["Meeting | None"] = so.relationship(back_populates="request")

    def other(self, participant: Participant) -> Participant:
        """The other side of the request, seen from `participant`."""
        return self.recipient if participant.id == self.requester_id else self.requester


class Meeting(db.Model):
    """An accepted request at a table in a slot; deleted when cancelled (the slot and the
    table are free again), its request says so."""

    __tablename__ = "meetings"
    __table_args__ = (
        sa.UniqueConstraint("table_id", "slot_id", name="uq_meetings_table_slot"),
        # The target of the seats' composite foreign key.
        sa.UniqueConstraint("id", "slot_id", name="uq_meetings_id_slot"),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    request_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("meeting_requests.id", ondelete="CASCADE"), unique=True
    )
    slot_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("meeting_slots.id", ondelete="RESTRICT"), index=True
    )
    table_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("meeting_tables.id", ondelete="RESTRICT"), index=True
    )
    created_at: so.Mapped[created_at]
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)

    request: so.Mapped[MeetingRequest] = so.relationship(back_populates="meeting")
    slot: so.Mapped[MeetingSlot] = so.relationship()
    table: so.Mapped[MeetingTable] = so.relationship()
    seats: so.Mapped[list["MeetingSeat"]] = so.relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )


class MeetingSeat(db.Model):
    """A person's place at a meeting: one per person and slot, and their private outcome."""

    __tablename__ = "meeting_seats"
    __table_args__ = (
        sa.UniqueConstraint("participant_id", "slot_id", name="uq_meeting_seats_participant_slot"),
        sa.UniqueConstraint("meeting_id", "participant_id", name="uq_meeting_seats_meeting_person"),
        sa.ForeignKeyConstraint(
            ["meeting_id", "slot_id"],
            ["meetings.id", "meetings.slot_id"],
            name="fk_meeting_seats_meeting_slot",
            ondelete="CASCADE",
            onupdate="CASCADE",
        ),
    )

    id: so.Mapped[intpk]
    meeting_id: so.Mapped[int]
    participant_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("match_participants.id", ondelete="CASCADE")
    )
    slot_id: so.Mapped[int]
    outcome: so.Mapped[Outcome | None] = so.mapped_column(
        enum_column(Outcome, "outcome"), default=None
    )
    outcome_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    # When this seat's person was told that the other one entered the venue, or had not
    # entered it shortly before the meeting (forum.matchmaking.door): each once per meeting.
    arrival_told_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    not_arrived_told_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    meeting: so.Mapped[Meeting] = so.relationship(back_populates="seats")
    participant: so.Mapped[Participant] = so.relationship()


class Notice(db.Model):
    """A line on a participant's meetings page: a request came, was answered, a meeting
    moved or was cancelled. The words are made when shown, in the reader's language."""

    __tablename__ = "match_notices"
    __table_args__ = (sa.Index("ix_match_notices_participant_created", "participant_id", "id"),)

    id: so.Mapped[intpk]
    participant_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("match_participants.id", ondelete="CASCADE")
    )
    kind: so.Mapped[str] = so.mapped_column(sa.String(30))
    # Names and times the sentence needs (never an e-mail address).
    details: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    created_at: so.Mapped[created_at]
    read_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
