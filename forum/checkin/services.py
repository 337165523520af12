"""Recording scans: one short transaction per scan, safe retries, annulling, name search.

The caller (API view) commits once after `record_scan` returns. Every attempt
is a row in `scans`, accepted or not; the nonce the scanner sends is unique,
so the same scan sent twice (a retry after a lost answer) is recorded once
and answered with the first answer.
"""

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from flask import url_for

from forum.audit.services import record
from forum.bilingual import reader_language
from forum.checkin import decide as rules
from forum.checkin import messages
from forum.checkin.attention import attention_json
from forum.checkin.callers import Caller
from forum.checkin.models import Checkpoint, Direction, Scan, ScanStatus
from forum.checkin.payloads import ScanRequest
from forum.checkin.reads import Door, EventRef, Holder, lock_holder
from forum.checkin.writes import ScanRow, insert_scan
from forum.db import utcnow
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db
from forum.i18n import country_name
from forum.questions.badges import door_answer
from forum.registration.models import Photo, Registration, RegistrationState
from forum.search.models import TermField
from forum.search.queries import matching

ANNUL_WINDOW = timedelta(minutes=2)
# A scan sent this long after it was made counts as an offline scan even without the flag.
LATE_UPLOAD = timedelta(seconds=60)
MAX_OFFLINE_AGE = timedelta(days=7)
SEARCH_MIN_CHARS = 3
SEARCH_MAX_CHARS = 100
SEARCH_LIMIT = 10
# Rows a door search reads to find SEARCH_LIMIT people by name (see door_search).
SEARCH_CANDIDATES = 200
DOOR_FIELDS = (TermField.NAME, TermField.ORGANISATION)


class ScanConflict(ForumError):
    """The nonce was already used for a different scan (another checkpoint, scanner, badge,
    person or direction)."""

    status = 409


class AnnulError(ForumError):
    """The scan cannot be annulled; the message says why."""

    status = 409


@dataclass(frozen=True)
class ScanAnswer:
    """What the door is told: built from a fresh decision or from the stored row (a retry)."""

    scan: ScanRow
    registration: Registration | Holder | None
    has_photo: bool
    presence: rules.Presence | None
    checkpoint: Checkpoint | Door
    timezone: str  # the event's: "already inside since HH:MM" is told in it
    replayed: bool = False
    door_question: bool = True  # False when the event is known to show no answer at the door

    @property
    def colour(self) -> str:
        if self.scan.status == ScanStatus.ACCEPTED:
            return "green"
        return "amber" if self.scan.reason == rules.ALREADY_INSIDE else "red"

    def to_json(self) -> dict:
        """The answer for the door, its words (and door names) in the scanner's language."""
        scan = self.scan
        language = reader_language()
        first_scan_at = None
        door = None
        if self.presence is not None:
            first_scan_at, door = self.presence.since, self.presence.door_in(language)
        elif scan.status == ScanStatus.ACCEPTED and scan.direction == Direction.IN:
            first_scan_at, door = scan.scanned_at, self.checkpoint.localized("name", language)
        delegate = delegate_json(self.registration, self.has_photo)
        if delegate is not None:
            # The organisers' chosen answer ("Interpretation: French"), on a green entry only.
            entry = scan.status == ScanStatus.ACCEPTED and scan.direction == Direction.IN
            entry = entry and self.door_question
            delegate["answer"] = (
                door_answer(self.registration.event_id, self.registration.id, language)
                if entry
                else None
            )
        return {
            "status": scan.status.value,
            "reason": scan.reason,
            "colour": self.colour,
            "message": messages.message(
                scan.reason,
                scan.direction.value,
                self.registration,
                self.presence,
                self.timezone,
                door=self.checkpoint,
                at=scan.scanned_at,
            ),
            "delegate": delegate,
            "first_scan_at": iso(first_scan_at),
            "first_scan_door": door,
            "checkpoint": {
                "id": self.checkpoint.id,
                "name": self.checkpoint.localized("name", language),
            },
            "direction": scan.direction.value,
            "nonce": scan.nonce,
            "scanned_at": iso(scan.scanned_at),
            "offline": scan.offline,
            "flagged": scan.flagged,
            "replayed": self.replayed,
            "annul_until": (
                iso(scan.received_at + ANNUL_WINDOW)
                if scan.status == ScanStatus.ACCEPTED and not scan.offline
                else None
            ),
        }


def record_scan(
    event: Event | EventRef,
    caller: Caller,
    checkpoint: Checkpoint | Door,
    request: ScanRequest,
    now: datetime | None = None,
    holder: Holder | None = None,
) -> ScanAnswer:
    """Decide and record one scan; a nonce seen before gets the first answer back.

    `holder` is the badge's registration when the caller read it with the door
    (forum.checkin.reads.read_scan), locked; otherwise it is looked up here.
    Raises ScanConflict when the nonce belongs to a scan of another checkpoint
    or scanner. The caller commits.
    """
    clock_given = now is not None
    now = now or utcnow()
    at, offline = scan_time(request, now)
    if request.registration_public_id is not None:
        if holder is None or holder.public_id != request.registration_public_id:
            holder = lock_holder(request.registration_public_id)
        if holder is None or holder.event_id != event.id:
            return _record_unknown_reference(event, caller, checkpoint, request, at, now, offline)
    decision = rules.decide(
        event,
        checkpoint,
        request.direction,
        at if offline else None,
        code=request.code,
        holder=holder,
    )
    if not offline and not clock_given:
        # Read the clock after the registration lock: live scans of one person are then
        # timed in the order they were decided, and the last one is the current state.
        now = at = utcnow()
    flagged = offline and (
        decision.reason == rules.ALREADY_INSIDE
        or (decision.accepted and _entered_again_later(decision, checkpoint, request, at))
    )
    row = ScanRow(
        id=0,
        nonce=request.nonce,
        checkpoint_id=checkpoint.id,
        direction=request.direction,
        status=decision.status,
        reason=decision.reason,
        scanned_at=at,
        received_at=now,
        offline=offline,
        flagged=flagged,
        user_id=caller.user_id,
        device_token_id=caller.device_token_id,
        request_digest=request.digest,
    )
    person = decision.registration
    guard = checkpoint if decision.unless_inside else None
    inserted = insert_scan(row, person, unless_inside=guard)
    if inserted is None:  # the nonce is taken: a retry (or a race with one)
        db.session.rollback()
        return replay(event, caller, checkpoint, request)
    row = dataclasses.replace(row, id=inserted.id)
    presence = decision.presence
    if inserted.status != row.status:  # the insert found the person inside (unless_inside)
        row = dataclasses.replace(row, status=inserted.status, reason=rules.ALREADY_INSIDE)
        if inserted.inside_since is not None:
            presence = rules.Presence(
                inserted.inside_since, inserted.inside_door, inserted.inside_door_uk or ""
            )
        else:  # SQLite: the open entry is read after the insert (forum.checkin.writes)
            presence = rules.presence(person.id, checkpoint)
    return ScanAnswer(
        row,
        person,
        person is not None and person.has_photo,
        presence,
        checkpoint,
        event.timezone,
        door_question=not isinstance(event, EventRef) or event.door_question,
    )


def scan_time(request: ScanRequest, now: datetime) -> tuple[datetime, bool]:
    """When the scan happened and whether it counts as offline.

    The server's clock is the truth for live scans; a time sent by the scanner
    is used for offline and late uploads only, and never lies in the future.
    """
    if request.scanned_at is None:
        return now, False
    at = min(request.scanned_at.astimezone(UTC), now)
    if request.offline or now - at > LATE_UPLOAD:
        return max(at, now - MAX_OFFLINE_AGE), True
    return now, False


def replay(
    event: Event | EventRef, caller: Caller, checkpoint: Checkpoint | Door, request: ScanRequest
) -> ScanAnswer:
    """The first answer to a nonce, rebuilt from the stored scan.

    Only for the same request (checkpoint, scanner, badge or person, direction): a used
    nonce with anything else raises ScanConflict (409).
    """
    scan = db.session.scalar(sa.select(Scan).where(Scan.nonce == request.nonce))
    if scan is None:  # pragma: no cover - the insert said the nonce exists
        raise ScanConflict(messages.NONCE_TAKEN)
    same_scanner = (scan.user_id, scan.device_token_id) == (caller.user_id, caller.device_token_id)
    if scan.checkpoint_id != checkpoint.id or not same_scanner:
        raise ScanConflict(messages.NONCE_TAKEN)
    if scan.request_digest is not None and scan.request_digest != request.digest:
        raise ScanConflict(messages.NONCE_TAKEN)  # another badge, person or direction
    registration = scan.registration
    presence = None
    if registration is not None and scan.reason == rules.ALREADY_INSIDE:
        presence = rules.presence(registration.id, checkpoint, scan.scanned_at, scan.id)
    has_photo = registration is not None and _has_photo(registration.id)
    return ScanAnswer(
        _row_of(scan), registration, has_photo, presence, checkpoint, event.timezone, replayed=True
    )


def annul_scan(caller: Caller, nonce: str, now: datetime | None = None) -> Scan:
    """Annul the caller's own last accepted scan, within two minutes of it.

    An annulled scan no longer counts for who is inside (a mistaken entry, the
    wrong direction). The row stays, with `annulled_at` set.
    """
    now = now or utcnow()
    scan = db.session.scalar(sa.select(Scan).where(Scan.nonce == nonce).with_for_update())
    if scan is None or (scan.user_id, scan.device_token_id) != (
        caller.user_id,
        caller.device_token_id,
    ):
        raise AnnulError(messages.ANNUL_NOT_YOURS)
    if scan.status != ScanStatus.ACCEPTED:
        raise AnnulError(messages.ANNUL_NOT_ACCEPTED)
    if scan.annulled_at is not None:
        raise AnnulError(messages.ANNUL_ALREADY)
    if now - scan.received_at > ANNUL_WINDOW:
        raise AnnulError(messages.ANNUL_TOO_LATE)
    later = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Scan)
        .where(
            Scan.id > scan.id,
            Scan.status == ScanStatus.ACCEPTED,
            Scan.annulled_at.is_(None),
            _same_scanner(caller),
        )
    )
    if later:
        raise AnnulError(messages.ANNUL_NOT_LAST)
    scan.annulled_at = now
    record("scan.annul", scan, nonce=scan.nonce, checkpoint=scan.checkpoint_id)
    db.session.flush()
    return scan


class DoorMatch(NamedTuple):
    """A person a door search found: whether they may pass here, whether there is a photo."""

    registration: Registration
    admitted: bool
    has_photo: bool


def door_search(
    event: Event, checkpoint: Checkpoint, query: str, limit: int = SEARCH_LIMIT
) -> list[DoorMatch]:
    """The people the door may be looking for, in name order.

    Every word of `query` must start a word of the name (as written or as in the
    passport), or, for people the checkpoint admits (decide.admission), of the name or
    organisation: never of the e-mail address, and nobody else is found by
    organisation. Either script finds either ("kamyshyn" finds Камишин), accents and
    case ignored. People who never confirmed their e-mail are left out.
    """
    by_name = matching(Registration.id, query, event_id=event.id, fields=[TermField.NAME])
    has_photo = sa.exists().where(Photo.registration_id == Registration.id)
    statement = (
        sa.select(Registration, by_name, has_photo)
        .where(
            Registration.event_id == event.id,
            Registration.state != RegistrationState.SUBMITTED,
            # Names or organisations narrow the rows through the search terms' index;
            # organisations only count for people the door admits (only the accredited
            # can be), checked below.
            matching(Registration.id, query, event_id=event.id, fields=DOOR_FIELDS),
            sa.or_(by_name, Registration.is_accredited),
        )
        .order_by(Registration.family_name, Registration.given_name, Registration.id)
    )
    people = (
        rules.session_people(checkpoint.session_id) if checkpoint.session_id is not None else None
    )
    # Candidates in pages, not all at once: nearly every one is found by name, so the first
    # page usually fills the answer, and a common 3-letter prefix does not load 200 rows.
    # One statement per page: the photo flag comes with the row, not in a second query.
    page = 2 * limit
    found = []
    for offset in range(0, SEARCH_CANDIDATES, page):
        rows = db.session.execute(statement.limit(page).offset(offset)).all()
        for registration, found_by_name, photo in rows:
            admitted = not rules.admission(checkpoint, registration, people)
            if admitted or found_by_name:
                found.append(DoorMatch(registration, admitted, admitted and photo))
                if len(found) == limit:
                    return found
        if len(rows) < page:
            break
    return found


def search_result(match: DoorMatch) -> dict:
    """A door search's answer for one person: what the door needs to recognise someone it
    admits; for anyone else only the name and "send to the accreditation desk"."""
    registration = match.registration
    if not match.admitted:
        return {
            "name": registration.display_name,
            "allowed": False,
            "message": str(messages.NOT_ADMITTED_HERE),
        }
    return {
        **delegate_json(registration, match.has_photo),
        "registration": str(registration.public_id),
        "allowed": True,
        "reason": "",
        "message": "",
    }


def admitted_at_any(caller: Caller, event: Event, registration: Registration) -> bool:
    """Whether one of the caller's active checkpoints admits the registration."""
    return any(
        not rules.admission(checkpoint, registration)
        for checkpoint in checkpoints_for(event, caller)
    )


def checkpoints_for(event: Event, caller: Caller) -> list[Checkpoint]:
    """The active checkpoints of the event the caller may scan at, entrance first."""
    statement = sa.select(Checkpoint).where(
        Checkpoint.event_id == event.id, Checkpoint.active.is_(True)
    )
    if caller.checkpoint_ids is not None:
        statement = statement.where(Checkpoint.id.in_(caller.checkpoint_ids or [-1]))
    statement = statement.order_by(Checkpoint.session_id.is_not(None), Checkpoint.name)
    return list(db.session.scalars(statement))


def delegate_json(registration: Registration | Holder | None, has_photo: bool) -> dict | None:
    """Only what the door needs to recognise the person."""
    if registration is None:
        return None
    passport_name = registration.passport_name
    return {
        "name": registration.display_name,
        # The Latin form the passport prints, when the name is written otherwise.
        "passport_name": passport_name if passport_name != registration.full_name else "",
        "organisation": registration.organisation,
        "country": registration.country,
        "country_name": country_name(registration.country),
        "category": registration.category.value,
        "category_label": registration.category.label,
        "category_colour": registration.category.colour,
        "state": registration.state.value,
        "state_label": registration.state.label,
        "photo_url": (
            url_for("api.delegate_photo", public_id=registration.public_id) if has_photo else None
        ),
        "attention": attention_json(registration),
    }


def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _record_unknown_reference(event, caller, checkpoint, request, at, now, offline) -> ScanAnswer:
    row = ScanRow(
        0,
        request.nonce,
        checkpoint.id,
        request.direction,
        ScanStatus.REJECTED,
        "unknown",
        at,
        now,
        offline,
        False,
        caller.user_id,
        caller.device_token_id,
        request.digest,
    )
    inserted = insert_scan(row, None)
    if inserted is None:
        db.session.rollback()
        return replay(event, caller, checkpoint, request)
    return ScanAnswer(
        dataclasses.replace(row, id=inserted.id), None, False, None, checkpoint, event.timezone
    )


def _entered_again_later(
    decision: rules.Decision, checkpoint: Checkpoint | Door, request: ScanRequest, at: datetime
) -> bool:
    """An offline entry uploaded late: was the person let in again after it, with no exit?"""
    if request.direction is not Direction.IN or decision.registration is None:
        return False
    following = db.session.execute(
        sa.select(Scan.direction)
        .join(Checkpoint, Checkpoint.id == Scan.checkpoint_id)
        .where(
            Scan.registration_id == decision.registration.id,
            Scan.status == ScanStatus.ACCEPTED,
            Scan.annulled_at.is_(None),
            Scan.scanned_at > at,
            rules.scope_clause(checkpoint),
        )
        .order_by(Scan.scanned_at, Scan.id)
        .limit(1)
    ).scalar()
    return following == Direction.IN


def _same_scanner(caller: Caller) -> sa.ColumnElement[bool]:
    if caller.device_token_id is not None:
        return Scan.device_token_id == caller.device_token_id
    return sa.and_(Scan.user_id == caller.user_id, Scan.device_token_id.is_(None))


def _has_photo(registration_id: int) -> bool:
    return db.session.scalar(sa.select(sa.exists().where(Photo.registration_id == registration_id)))


def _row_of(scan: Scan) -> ScanRow:
    return ScanRow(
        scan.id,
        scan.nonce,
        scan.checkpoint_id,
        scan.direction,
        scan.status,
        scan.reason,
        scan.scanned_at,
        scan.received_at,
        scan.offline,
        scan.flagged,
        scan.user_id,
        scan.device_token_id,
        scan.request_digest,
    )


def new_nonce() -> str:
    """A nonce for scans made on the server's side (tests, tools)."""
    return uuid.uuid4().hex
