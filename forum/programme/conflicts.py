"""Every scheduling rule of the programme, computed in one place.

The schedule view, the session form (on save), the speaker form and the
warnings page all call `conflicts_for_event` or `conflicts_for_session`; both
run the same rules over plain snapshots of the sessions (`Slot`), so a rule
cannot drift between pages.

Blocking conflicts (a room booked twice, a session outside the event's days)
refuse the save; the others are warnings an organiser may accept.
"""

import enum
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from forum.bilingual import LocalizedText
from forum.events.models import Event
from forum.extensions import db
from forum.programme.models import SignUp, SignUpState, SpeakerAssignment, WorkingSession
from forum.programme.queries import sessions_query
from forum.registration.titles import titled_name


class Rule(enum.StrEnum):
    ROOM_DOUBLE_BOOKED = "room_double_booked"
    OUTSIDE_EVENT_DAYS = "outside_event_days"
    SPEAKER_DOUBLE_BOOKED = "speaker_double_booked"
    CAPACITY_ABOVE_ROOM = "capacity_above_room"
    SIGN_UPS_ABOVE_CAPACITY = "sign_ups_above_capacity"
    SPEAKER_NOT_ACCREDITED = "speaker_not_accredited"


BLOCKING_RULES = frozenset({Rule.ROOM_DOUBLE_BOOKED, Rule.OUTSIDE_EVENT_DAYS})


@dataclass(frozen=True)
class Conflict:
    rule: Rule
    message: object  # a lazy string, rendered in the reader's language
    session_ids: tuple[int | None, ...]
    speaker: tuple[str, int] | None = None  # the person a speaker rule is about

    @property
    def blocking(self) -> bool:
        return self.rule in BLOCKING_RULES


@dataclass(frozen=True)
class Speaker:
    key: tuple[str, int]  # ("registration", id) or ("profile", id)
    name: object  # a lazy string: the title in the reader's language
    accredited: bool


@dataclass
class Slot:
    """What the rules need to know about one session (saved or about to be).

    Its title and room name are LocalizedText: a message names them in the language of
    whoever reads it, whenever it is read.
    """

    id: int | None
    title: LocalizedText | str
    room_id: int | None
    room_name: LocalizedText | str
    room_capacity: int | None
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    confirmed: int = 0
    speakers: list[Speaker] = field(default_factory=list)

    @property
    def effective_capacity(self) -> int | None:
        return self.capacity if self.capacity is not None else self.room_capacity

    def overlaps(self, other: "Slot") -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


def event_window(event: Event) -> tuple[datetime, datetime]:
    """From midnight of the first day to midnight after the last, in the event's time zone."""
    start = datetime.combine(event.starts_on, time(0), tzinfo=event.tz)
    end = datetime.combine(event.ends_on + timedelta(days=1), time(0), tzinfo=event.tz)
    return start, end


def evaluate(event: Event, slots: list[Slot], focus: Slot | None = None) -> list[Conflict]:
    """Apply every rule to `slots`; with `focus`, only conflicts that involve it."""
    conflicts: list[Conflict] = []
    window_start, window_end = event_window(event)
    checked = [focus] if focus is not None else slots
    for slot in checked:
        if slot.starts_at < window_start or slot.ends_at > window_end:
            conflicts.append(
                Conflict(
                    Rule.OUTSIDE_EVENT_DAYS,
                    _l(
                        "“%(title)s” is outside the days of the event.",
                        title=slot.title,
                    ),
                    (slot.id,),
                )
            )
        room_capacity = slot.room_capacity
        if (
            slot.capacity is not None
            and room_capacity is not None
            and slot.capacity > room_capacity
        ):
            conflicts.append(
                Conflict(
                    Rule.CAPACITY_ABOVE_ROOM,
                    _l(
                        "“%(title)s” takes %(capacity)s people but %(room)s holds "
                        "%(room_capacity)s.",
                        title=slot.title,
                        capacity=slot.capacity,
                        room=slot.room_name,
                        room_capacity=room_capacity,
                    ),
                    (slot.id,),
                )
            )
        capacity = slot.effective_capacity
        if capacity is not None and slot.confirmed > capacity:
            conflicts.append(
                Conflict(
                    Rule.SIGN_UPS_ABOVE_CAPACITY,
                    _l(
                        "“%(title)s” has %(confirmed)s confirmed sign-ups for %(capacity)s seats.",
                        title=slot.title,
                        confirmed=slot.confirmed,
                        capacity=capacity,
                    ),
                    (slot.id,),
                )
            )
        for speaker in slot.speakers:
            if not speaker.accredited:
                conflicts.append(
                    Conflict(
                        Rule.SPEAKER_NOT_ACCREDITED,
                        _l(
                            "%(name)s speaks in “%(title)s” but is not accredited.",
                            name=speaker.name,
                            title=slot.title,
                        ),
                        (slot.id,),
                        speaker.key,
                    )
                )
    conflicts += _pairs(slots, focus)
    return conflicts


def _pairs(slots: list[Slot], focus: Slot | None) -> list[Conflict]:
    """Room and speaker double bookings: each overlapping pair reported once."""
    conflicts = []
    ordered = sorted(slots, key=lambda s: (s.starts_at, s.ends_at, s.id or 0))
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if second.starts_at >= first.ends_at:
                break  # sorted by start: nothing later overlaps `first`
            if focus is not None and focus not in (first, second):
                continue
            ids = (first.id, second.id)
            if first.room_id is not None and first.room_id == second.room_id:
                conflicts.append(
                    Conflict(
                        Rule.ROOM_DOUBLE_BOOKED,
                        _l(
                            "%(room)s is already booked for “%(other)s” at that time "
                            "(“%(title)s”).",
                            room=first.room_name,
                            other=first.title if second is focus else second.title,
                            title=second.title if second is focus else first.title,
                        ),
                        ids,
                    )
                )
            shared = {s.key: s for s in first.speakers} if first.speakers else {}
            for speaker in second.speakers:
                if speaker.key in shared:
                    conflicts.append(
                        Conflict(
                            Rule.SPEAKER_DOUBLE_BOOKED,
                            _l(
                                "%(name)s speaks in “%(first)s” and “%(second)s”, which overlap.",
                                name=speaker.name,
                                first=first.title,
                                second=second.title,
                            ),
                            ids,
                            speaker.key,
                        )
                    )
    return conflicts


def load_slots(event: Event) -> list[Slot]:
    """A snapshot of every session of `event` (drafts too: a room is booked either way)."""
    sessions = db.session.scalars(sessions_query(event, public=False)).all()
    confirmed = dict(
        db.session.execute(
            sa.select(SignUp.session_id, sa.func.count())
            .join(WorkingSession, WorkingSession.id == SignUp.session_id)
            .where(WorkingSession.event_id == event.id, SignUp.state == SignUpState.CONFIRMED)
            .group_by(SignUp.session_id)
        ).all()
    )
    return [slot_of(session, confirmed.get(session.id, 0)) for session in sessions]


def slot_of(session: WorkingSession, confirmed: int = 0) -> Slot:
    return Slot(
        id=session.id,
        title=LocalizedText.of(session, "title"),
        room_id=session.room.id if session.room else session.room_id,
        room_name=LocalizedText.of(session.room, "name"),
        room_capacity=session.room.capacity if session.room else None,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        capacity=session.capacity,
        confirmed=confirmed,
        speakers=[speaker_of(a) for a in session.speakers],
    )


def speaker_of(assignment: SpeakerAssignment) -> Speaker:
    if assignment.registration is not None:
        registration = assignment.registration
        return Speaker(
            ("registration", registration.id),
            LazyString(titled_name, registration),
            registration.is_accredited,
        )
    profile = assignment.speaker_profile
    return Speaker(("profile", profile.id), LazyString(titled_name, profile), True)


def conflicts_for_event(event: Event) -> list[Conflict]:
    """Every conflict of the event's programme, blocking ones first."""
    found = evaluate(event, load_slots(event))
    return sorted(found, key=lambda c: (not c.blocking, list(Rule).index(c.rule)))


def conflicts_for_session(event: Event, candidate: Slot) -> list[Conflict]:
    """The conflicts `candidate` (a session as it would be saved) would have."""
    others = [s for s in load_slots(event) if candidate.id is None or s.id != candidate.id]
    return evaluate(event, [*others, candidate], focus=candidate)


def by_session(conflicts: list[Conflict]) -> dict[int, list[Conflict]]:
    """Conflicts indexed by each session they involve, for the schedule's blocks."""
    index: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        for session_id in conflict.session_ids:
            if session_id is not None:
                index[session_id].append(conflict)
    return index
