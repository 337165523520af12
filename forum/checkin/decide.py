"""The one rule that decides a scan at a door.

`decide()` is used by the check-in API, the scanner page (through the API), the
upload of offline scans and the name search; `admission()` is its static half
(who may pass this door at all), also used to build the offline list.

Who is inside is never stored: it is derived from the scans. A person is
*inside* a scope when their last accepted, not annulled scan in that scope
(ordered by the time it was scanned) is an entry:

- the venue: every checkpoint without a session (the entrance, a side door)
  is one scope. Someone who entered by the main entrance is "already inside"
  when the badge shows up at the side door, which is exactly the badge handed
  over the fence. They may enter again once an exit has been scanned.
- a working-session room: each room checkpoint is its own scope. Being inside
  the venue does not make one "inside" a room, and leaving a room without an
  exit scan (nobody scans people out of a room) does not stop them from
  entering another room.

An exit is recorded for any genuine badge of this event, whatever the
registration's state: nobody is kept in, and the record keeps the count of
people inside right.
"""

import functools
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from forum.badges.tokens import REISSUED, TokenCheck, verify_token
from forum.checkin import hours
from forum.checkin.models import Checkpoint, Direction, Scan, ScanStatus
from forum.checkin.reads import Door, EventRef, Holder, lock_holder
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.programme.models import SignUp, SignUpState, SpeakerAssignment
from forum.registration.models import BadgeCategory, Registration, RegistrationState

# Why a scan is refused (besides the badge token's own reasons in forum.badges.tokens).
NOT_ACCREDITED = "not_accredited"
# Not accredited because a change sent an accredited registration back to the officers.
AWAITING_NEW_DECISION = "awaiting_new_decision"
# Approved by the officers, but security vetting has not cleared the person (forum/vetting).
NOT_CLEARED = "not_cleared"
CATEGORY_NOT_ALLOWED = "category_not_allowed"
NOT_SIGNED_UP = "not_signed_up"
ALREADY_INSIDE = "already_inside"
# The door does not admit entries at this time of day (forum.checkin.hours).
OUTSIDE_HOURS = "outside_hours"

# Categories that pass every session room without a sign-up.
ROOM_PASS_CATEGORIES = frozenset({BadgeCategory.ORGANISER, BadgeCategory.STAFF})


@dataclass(frozen=True)
class Presence:
    """An open entry: the person is inside since `since`, having come in at `door`
    (its English name; `door_uk` the Ukrainian one, "" when not translated)."""

    since: datetime
    door: str
    door_uk: str = ""

    def door_in(self, language: str) -> str:
        """The door's name in `language`, else in English."""
        return (self.door_uk if language == "uk" else "") or self.door


@dataclass(frozen=True)
class Decision:
    """The verdict on one scan: accepted, or refused with a reason."""

    status: ScanStatus
    reason: str = ""
    registration: Holder | None = None
    # For ALREADY_INSIDE: the entry that is still open.
    presence: Presence | None = None
    # Accepted unless the person is already inside: left to the statement that records the
    # scan (forum.checkin.writes), which saves a live entry a round trip to the database.
    unless_inside: bool = False

    @property
    def accepted(self) -> bool:
        return self.status is ScanStatus.ACCEPTED


def admission(
    checkpoint: Checkpoint | Door,
    registration: Registration | Holder,
    session_people: set[int] | None = None,
) -> str:
    """The static rule: "" if the registration may pass this door, else the reason.

    Checked in this order: accredited (`is_accredited`; not_accredited_reason says
    why not), the checkpoint's allowed categories, and for a session room: a
    confirmed sign-up, a speaker assignment, or the Organiser/Staff category.
    `session_people` (the ids of everyone signed up or speaking) saves a query per
    person when many are judged at once (the offline list).
    """
    if not registration.is_accredited:
        return not_accredited_reason(registration)
    if checkpoint.allowed_categories and registration.category.value not in set(
        checkpoint.allowed_categories
    ):
        return CATEGORY_NOT_ALLOWED
    if checkpoint.session_id is not None and registration.category not in ROOM_PASS_CATEGORIES:
        if session_people is None:
            admitted = _in_session(checkpoint.session_id, registration.id)
        else:
            admitted = registration.id in session_people
        if not admitted:
            return NOT_SIGNED_UP
    return ""


def not_accredited_reason(registration: Registration | Holder) -> str:
    """Why someone who is not accredited is refused: NOT_CLEARED when the officers approved
    them but security vetting has not cleared them; AWAITING_NEW_DECISION when the
    officers had decided before and a change sent the registration back to them (its
    old badge was replaced; there is no new one to ask for), else NOT_ACCREDITED."""
    if registration.state is RegistrationState.APPROVED and registration.vetting_hold:
        return NOT_CLEARED
    if registration.state is RegistrationState.PENDING and registration.decided_at is not None:
        return AWAITING_NEW_DECISION
    return NOT_ACCREDITED


def decide(
    event: Event | EventRef,
    checkpoint: Checkpoint | Door,
    direction: Direction,
    at: datetime | None,
    code: str | None = None,
    holder: Holder | None = None,
) -> Decision:
    """Decide a scan of `code` (or of the registration `holder` found by name) at `checkpoint`.

    Reasons, in order: the badge token's (malformed, bad_signature,
    foreign_event, unknown, reissued: but not_accredited or awaiting_new_decision
    for the replaced badge of someone who is not accredited now); then for an
    entry: not_accredited (or awaiting_new_decision), category_not_allowed,
    not_signed_up, outside_hours (the door's opening hours), already_inside.
    Exits of a genuine badge are accepted.

    `at` is the time of an offline scan, judged as of then. None for a live scan,
    judged on the current state: an entry that passes every other check is then
    accepted `unless_inside`, which the insert that records it decides
    (forum.checkin.writes), in the same transaction, after the lock.

    The badge's registration is locked (SELECT ... FOR UPDATE on PostgreSQL)
    before reading who is inside, so that the same badge at two doors at the
    same instant gives exactly one accepted entry: call it inside the
    transaction that records the scan, and commit soon after. A `holder` given
    with a code was read and locked with the door (forum.checkin.reads); one
    given without a code must be locked too.
    """
    if code is not None:

        def find(public_id):
            if holder is not None and holder.public_id == public_id:
                return holder
            return lock_holder(public_id)

        check = verify_token(code, event, find=find)
    elif holder is not None and holder.event_id == event.id:
        check = TokenCheck(True, "", holder)
    else:
        check = TokenCheck(False, "unknown")
    person = check.registration
    if person is None:
        return Decision(ScanStatus.REJECTED, check.reason)
    if not check.ok:
        if check.reason == REISSUED and direction is Direction.IN and not person.is_accredited:
            # Replaced because its details went back to the officers (a new photo, name or
            # country): there is no newer badge to ask for; the desk must decide.
            return Decision(ScanStatus.REJECTED, not_accredited_reason(person), person)
        return Decision(ScanStatus.REJECTED, check.reason, person)
    if direction is Direction.OUT:
        return Decision(ScanStatus.ACCEPTED, "", person)
    reason = admission(checkpoint, person)
    if reason:
        return Decision(ScanStatus.REJECTED, reason, person)
    if checkpoint.entry_windows and not hours.admits_at(
        checkpoint.entry_windows, event.timezone, at or utcnow()
    ):
        return Decision(ScanStatus.REJECTED, OUTSIDE_HOURS, person)
    if at is None:
        return Decision(ScanStatus.ACCEPTED, "", person, unless_inside=True)
    inside = presence(person.id, checkpoint, at)
    if inside is not None:
        return Decision(ScanStatus.REJECTED, ALREADY_INSIDE, person, inside)
    return Decision(ScanStatus.ACCEPTED, "", person)


def presence(
    registration_id: int,
    checkpoint: Checkpoint | Door,
    at: datetime | None = None,
    before_scan_id: int | None = None,
) -> Presence | None:
    """The open entry of the registration in the checkpoint's scope (at time `at`), if any."""
    query = _presence_query(checkpoint.session_id is not None, at is not None, bool(before_scan_id))
    params = {
        "registration_id": registration_id,
        "checkpoint_id": checkpoint.id,
        "event_id": checkpoint.event_id,
        "at": at,
        "before_scan_id": before_scan_id,
    }
    row = db.session.execute(query, params).first()
    if row is None or row.direction != Direction.IN:
        return None
    return Presence(row.scanned_at, row.name, row.name_uk)


def latest_in_scope(room: bool) -> sa.CTE:
    """The presence rule for a statement of its own: the latest scan (direction, scanned_at,
    door name) of the registration :registration_id that counts in the scope of the
    checkpoint :checkpoint_id (a room) or of the venue of the event :event_id (`room`
    False). The person is inside when its direction is "in"."""
    return _presence_query(room, False, False).cte("latest_in_scope")


@functools.cache
def _presence_query(room: bool, timed: bool, before: bool) -> sa.Select:
    """Built once per shape (the scan path runs it for every entry); Core columns, no ORM step.

    The person's accepted scans are taken first (a MATERIALIZED CTE, on the
    registration index), then matched to the doors of the scope. Written as one
    join, PostgreSQL combined the registration index with the checkpoint index
    and read every scan ever made at the entrance, for each scan.
    """
    scans, checkpoints = Scan.__table__.c, Checkpoint.__table__
    own = sa.select(scans.id, scans.checkpoint_id, scans.direction, scans.scanned_at).where(
        scans.registration_id == sa.bindparam("registration_id"),
        scans.status == ScanStatus.ACCEPTED,
        scans.annulled_at.is_(None),
    )
    if timed:
        own = own.where(scans.scanned_at <= sa.bindparam("at"))
    if before:
        own = own.where(scans.id < sa.bindparam("before_scan_id"))
    own = own.cte("own_scans").prefix_with("MATERIALIZED")
    if room:
        scope = checkpoints.c.id == sa.bindparam("checkpoint_id")
    else:
        scope = sa.and_(
            checkpoints.c.event_id == sa.bindparam("event_id"), checkpoints.c.session_id.is_(None)
        )
    return (
        sa.select(own.c.direction, own.c.scanned_at, checkpoints.c.name, checkpoints.c.name_uk)
        .select_from(own)
        .join(checkpoints, checkpoints.c.id == own.c.checkpoint_id)
        .where(scope)
        .order_by(own.c.scanned_at.desc(), own.c.id.desc())
        .limit(1)
    )


def scope_clause(checkpoint: Checkpoint | Door) -> sa.ColumnElement[bool]:
    """The checkpoints that share "inside" with this one (see the module docstring)."""
    if checkpoint.session_id is not None:
        return Checkpoint.id == checkpoint.id
    return sa.and_(Checkpoint.event_id == checkpoint.event_id, Checkpoint.session_id.is_(None))


def session_people(session_id: int) -> set[int]:
    """Ids of the registrations with a confirmed sign-up or a speaker role in the session."""
    signed_up = sa.select(SignUp.registration_id).where(
        SignUp.session_id == session_id, SignUp.state == SignUpState.CONFIRMED
    )
    speaking = sa.select(SpeakerAssignment.registration_id).where(
        SpeakerAssignment.session_id == session_id,
        SpeakerAssignment.registration_id.is_not(None),
    )
    return set(db.session.scalars(sa.union(signed_up, speaking)))


def _in_session(session_id: int, registration_id: int) -> bool:
    signed_up = sa.select(SignUp.id).where(
        SignUp.session_id == session_id,
        SignUp.registration_id == registration_id,
        SignUp.state == SignUpState.CONFIRMED,
    )
    speaking = sa.select(SpeakerAssignment.id).where(
        SpeakerAssignment.session_id == session_id,
        SpeakerAssignment.registration_id == registration_id,
    )
    return db.session.execute(sa.select(sa.or_(signed_up.exists(), speaking.exists()))).scalar()
