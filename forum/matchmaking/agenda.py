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
from forum.matchmaking.access import participant_of
from forum.matchmaking.meeting_models import Meeting, MeetingRequest, MeetingSeat
from forum.matchmaking.models import Participant
from forum.matchmaking.setup import settings_of
from forum.programme.agenda_extras import AgendaEntry
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


def meetings_of(participant: Participant) -> list[MeetingView]:
    """The participant's meetings in time order, each with the other person."""
    seats = db.session.scalars(
        sa.select(MeetingSeat)
        .where(MeetingSeat.participant_id == participant.id)
        .options(
            so.joinedload(MeetingSeat.meeting).joinedload(Meeting.slot),
            so.joinedload(MeetingSeat.meeting).joinedload(Meeting.table),
            so.joinedload(MeetingSeat.meeting)
            .joinedload(Meeting.request)
            .joinedload(MeetingRequest.requester),
            so.joinedload(MeetingSeat.meeting)
            .joinedload(Meeting.request)
            .joinedload(MeetingRequest.recipient),
        )
    ).all()
    views = [
        MeetingView(
            seat.meeting,
            seat.meeting.request.other(participant),
            seat,
            seat.meeting.request.requester_id == participant.id,
        )
        for seat in seats
    ]
    return sorted(views, key=lambda v: (v.meeting.slot.starts_at, v.meeting.id))


def place_of(event: Event, meeting: Meeting, language: str) -> str:
    """'Table 7, Bilateral Meeting Area' in `language`."""
    room = settings_of(event).room
    table = _("Table %(number)s", number=meeting.table.number)
    return f"{table}, {room.localized('name', language)}" if room else table


def agenda_entries(
    registration: Registration, event: Event, language: str, **_kwargs
) -> list[AgendaEntry]:
    """The delegate's B2B meetings as agenda entries (receiver of the programme's signal)."""
    participant = participant_of(registration)
    if participant is None or participant.event_id != event.id:
        return []
    entries = []
    for view in meetings_of(participant):
        person = view.other.registration
        organisation = view.other.profile.organisation
        entries.append(
            AgendaEntry(
                uid=f"b2b-meeting-{view.meeting.id}",
                starts_at=view.slot.starts_at,
                ends_at=view.slot.ends_at,
                title=_(
                    "B2B meeting: %(name)s (%(organisation)s)",
                    name=person.display_name,
                    organisation=organisation,
                ),
                place=place_of(event, view.meeting, language),
                description=view.meeting.request.message,
                url=external_url("matchmaking.home"),
                partial="matchmaking/_agenda_meeting.html",
            )
        )
    return entries
