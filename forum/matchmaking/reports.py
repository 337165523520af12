"""What the organisers see: counts, the grid of tables and slots, meeting lists, the CSV,
and the outcomes, counted anonymously (by outcome, by capability tag, by country pair).
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import format_datetime, format_time
from flask_babel import gettext as _
from sqlalchemy import orm as so

from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking.directory import sort_key
from forum.matchmaking.meeting_models import (
    Meeting,
    MeetingRequest,
    MeetingSeat,
    MeetingSlot,
    MeetingTable,
    Outcome,
    RequestState,
)
from forum.matchmaking.models import CapabilityTag, MatchProfile, Participant, profile_tags
from forum.matchmaking.setup import slots_of, tables_of
from forum.registration.models import Registration
from forum.text import spreadsheet_safe


@dataclass
class Counts:
    profiles: int
    participants: int
    requests: dict[RequestState, int]
    meetings: int
    held: int

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())


def counts(event: Event, now: datetime) -> Counts:
    """How far matchmaking has come: people, requests by state, meetings set and held."""
    by_state = dict(
        db.session.execute(
            sa.select(MeetingRequest.state, sa.func.count())
            .where(
                MeetingRequest.event_id == event.id, MeetingRequest.placed_by_organisers.is_(False)
            )
            .group_by(MeetingRequest.state)
        ).all()
    )
    meetings = sa.select(sa.func.count()).select_from(Meeting).where(Meeting.event_id == event.id)
    held = meetings.join(MeetingSlot, MeetingSlot.id == Meeting.slot_id).where(
        MeetingSlot.ends_at <= now
    )
    return Counts(
        profiles=db.session.scalar(
            sa.select(sa.func.count())
            .select_from(MatchProfile)
            .where(MatchProfile.event_id == event.id)
        ),
        participants=db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Participant)
            .where(Participant.event_id == event.id, Participant.opted_in_at.is_not(None))
        ),
        requests={state: by_state.get(state, 0) for state in RequestState},
        meetings=db.session.scalar(meetings),
        held=db.session.scalar(held),
    )


def event_meetings(event: Event) -> list[Meeting]:
    """Every meeting with its slot, table and both people, in slot then table order."""
    person = so.joinedload(Participant.registration)
    profile = so.joinedload(Participant.profile)
    return list(
        db.session.scalars(
            sa.select(Meeting)
            .join(MeetingSlot, MeetingSlot.id == Meeting.slot_id)
            .join(MeetingTable, MeetingTable.id == Meeting.table_id)
            .where(Meeting.event_id == event.id)
            .options(
                so.joinedload(Meeting.slot),
                so.joinedload(Meeting.table),
                so.joinedload(Meeting.request)
                .joinedload(MeetingRequest.requester)
                .options(person, profile),
                so.joinedload(Meeting.request)
                .joinedload(MeetingRequest.recipient)
                .options(person, profile),
            )
            .order_by(MeetingSlot.starts_at, MeetingTable.number)
        ).unique()
    )


@dataclass
class Grid:
    """Tables (rows) by slots (columns); a cell holds a meeting or nothing."""

    tables: list[MeetingTable]
    slots: list[MeetingSlot]
    cells: dict[tuple[int, int], Meeting] = field(default_factory=dict)

    def at(self, table: MeetingTable, slot: MeetingSlot) -> Meeting | None:
        return self.cells.get((table.id, slot.id))


def grid(event: Event) -> Grid:
    result = Grid(tables_of(event), slots_of(event))
    for meeting in event_meetings(event):
        result.cells[(meeting.table_id, meeting.slot_id)] = meeting
    return result


def people(event: Event) -> list[Participant]:
    """Everyone taking part, alphabetically by family name."""
    found = db.session.scalars(
        sa.select(Participant)
        .join(Registration, Registration.id == Participant.registration_id)
        .where(Participant.event_id == event.id, Participant.opted_in_at.is_not(None))
        .options(so.joinedload(Participant.registration), so.joinedload(Participant.profile))
    ).all()
    return sorted(
        found,
        key=lambda p: (
            sort_key(p.registration.family_name),
            sort_key(p.registration.given_name),
            p.id,
        ),
    )


def meetings_csv(event: Event, language: str) -> bytes:
    """One row per meeting, for spreadsheets (UTF-8 with a BOM; formulas neutralised)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            _("Date"),
            _("Start"),
            _("End"),
            _("Table"),
            _("Requested by"),
            _("Organisation"),
            _("Country"),
            _("Meets"),
            _("Organisation"),
            _("Country"),
            _("Placed by the organisers"),
        ]
    )
    for meeting in event_meetings(event):
        a, b = meeting.request.requester, meeting.request.recipient
        row = [
            format_datetime(meeting.slot.starts_at, "yyyy-MM-dd"),
            format_time(meeting.slot.starts_at, "HH:mm"),
            format_time(meeting.slot.ends_at, "HH:mm"),
            meeting.table.number,
            a.registration.display_name,
            a.profile.organisation,
            a.profile.country,
            b.registration.display_name,
            b.profile.organisation,
            b.profile.country,
            _("yes") if meeting.request.placed_by_organisers else "",
        ]
        writer.writerow([spreadsheet_safe("" if c is None else str(c)) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@dataclass
class OutcomeReport:
    """Outcomes as counts only: never who recorded what."""

    recorded: int
    by_outcome: dict[Outcome, int]
    by_tag: list[tuple[CapabilityTag, Counter]]
    by_country_pair: list[tuple[tuple[str, str], Counter]]


def outcome_report(event: Event, language: str) -> OutcomeReport:
    """Outcomes recorded by either side, by outcome, by tag of the organisations that met
    and by the pair of their countries."""
    rows = db.session.execute(
        sa.select(MeetingSeat.meeting_id, MeetingSeat.outcome)
        .join(Meeting, Meeting.id == MeetingSeat.meeting_id)
        .where(Meeting.event_id == event.id, MeetingSeat.outcome.is_not(None))
    ).all()
    by_outcome = Counter(outcome for _meeting, outcome in rows)
    meeting_ids = {meeting_id for meeting_id, _outcome in rows}
    profiles_of: dict[int, list[MatchProfile]] = {}
    if meeting_ids:
        for meeting_id, profile in db.session.execute(
            sa.select(MeetingSeat.meeting_id, MatchProfile)
            .join(Participant, Participant.id == MeetingSeat.participant_id)
            .join(MatchProfile, MatchProfile.id == Participant.profile_id)
            .where(MeetingSeat.meeting_id.in_(meeting_ids))
        ):
            profiles_of.setdefault(meeting_id, []).append(profile)
    profile_ids = {p.id for found in profiles_of.values() for p in found}
    tags_by_profile: dict[int, set[int]] = {}
    if profile_ids:
        for profile_id, tag_id in db.session.execute(
            sa.select(profile_tags.c.profile_id, profile_tags.c.tag_id).where(
                profile_tags.c.profile_id.in_(profile_ids)
            )
        ):
            tags_by_profile.setdefault(profile_id, set()).add(tag_id)
    by_tag: dict[int, Counter] = {}
    by_pair: dict[tuple[str, str], Counter] = {}
    for meeting_id, outcome in rows:
        found = profiles_of.get(meeting_id, [])
        tag_ids = set().union(*(tags_by_profile.get(p.id, set()) for p in found))
        for tag_id in tag_ids:
            by_tag.setdefault(tag_id, Counter())[outcome] += 1
        pair = tuple(sorted(p.country for p in found))
        if len(pair) == 2:
            by_pair.setdefault(pair, Counter())[outcome] += 1
    tags = {
        t.id: t
        for t in db.session.scalars(
            sa.select(CapabilityTag).where(CapabilityTag.event_id == event.id)
        )
    }
    return OutcomeReport(
        recorded=len(rows),
        by_outcome={o: by_outcome.get(o, 0) for o in Outcome},
        by_tag=sorted(
            ((tags[t], c) for t, c in by_tag.items() if t in tags),
            key=lambda item: (-item[1].total(), sort_key(item[0].localized("label", language))),
        ),
        by_country_pair=sorted(by_pair.items(), key=lambda item: (-item[1].total(), item[0])),
    )
