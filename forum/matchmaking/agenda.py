"""A participant's meetings: for their pages, My agenda and their calendar feed.

`agenda_entries` is the receiver of forum.signals.agenda_entries: the programme asks
for a delegate's entries in a language, and each meeting answers as one entry.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm as so

from forum.events.models import Event
from forum.extensions import db
from forum.mail import external_url
from forum.matchmaking.meeting_models import Meeting, MeetingRequest, MeetingSeat
from forum.matchmaking.models import Participant
from forum.matchmaking.setup import settings_of
from forum.programme.agenda_extras import AgendaEntry
from forum.programme.models import Room
from forum.registration.models import Registration


@dataclass
class MeetingView:
    """A meeting seen by one of its two people."""

    meeting: Meeting
    other: Participant
    seat: MeetingSeat  # the viewer's: their outcome
    asked_by_me: bool

    @property
    def slot(self):
        return self.meeting.slot


def _meeting_views(*where: sa.ColumnElement[bool]) -> list[MeetingView]:
    """The meetings of the seats that match `where` (one person's), in time order, each
    with the other person, their registration and profile loaded in the same statement."""
    people = (so.joinedload(Participant.registration), so.joinedload(Participant.profile))
    request = so.joinedload(MeetingSeat.meeting).joinedload(Meeting.request)
    seats = db.session.scalars(
        sa.select(MeetingSeat)
        .where(*where)
        .options(
            so.joinedload(MeetingSeat.meeting).joinedload(Meeting.slot),
            so.joinedload(MeetingSeat.meeting).joinedload(Meeting.table),
            request.joinedload(MeetingRequest.requester).options(*people),
            request.joinedload(MeetingRequest.recipient).options(*people),
        )
    ).all()
    views = []
    for seat in seats:
        asked_by_me = seat.meeting.request.requester_id == seat.participant_id
        other = seat.meeting.request.recipient if asked_by_me else seat.meeting.request.requester
        views.append(MeetingView(seat.meeting, other, seat, asked_by_me))
    return sorted(views, key=lambda v: (v.meeting.slot.starts_at, v.meeting.id))


def meetings_of(participant: Participant) -> list[MeetingView]:
    """The participant's meetings in time order, each with the other person."""
    return _meeting_views(MeetingSeat.participant_id == participant.id)


def place_of(room: Room | None, meeting: Meeting, language: str) -> str:
    """'Table 7, Bilateral Meeting Area' in `language` (`room`: where the tables stand,
    forum.matchmaking.setup.settings_of(event).room)."""
    table = _("Table %(number)s", number=meeting.table.number)
    return f"{table}, {room.localized('name', language)}" if room else table


def agenda_entries(
    registration: Registration, event: Event, language: str, **_kwargs
) -> list[AgendaEntry]:
    """The delegate's B2B meetings as agenda entries (receiver of the programme's signal).

    Every My agenda and calendar feed asks, so a delegate outside matchmaking costs one
    indexed statement (their seats, none) and one with meetings two more (the room).
    """
    views = _meeting_views(
        MeetingSeat.participant_id.in_(
            sa.select(Participant.id).where(
                Participant.registration_id == registration.id, Participant.event_id == event.id
            )
        )
    )
    if not views:
        return []
    room = settings_of(event).room
    return [
        AgendaEntry(
            uid=f"b2b-meeting-{view.meeting.id}",
            starts_at=view.slot.starts_at,
            ends_at=view.slot.ends_at,
            title=_(
                "B2B meeting: %(name)s (%(organisation)s)",
                name=view.other.registration.display_name,
                organisation=view.other.profile.organisation,
            ),
            place=place_of(room, view.meeting, language),
            description=view.meeting.request.message,
            url=external_url("matchmaking.home"),
            partial="matchmaking/_agenda_meeting.html",
        )
        for view in views
    ]
