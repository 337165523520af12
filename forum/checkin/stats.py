"""Live attendance: who is inside where, scans per minute, refusals, latest and flagged scans.

Everything is derived from the scans (see forum.checkin.decide for what
"inside" means): the last accepted, not annulled scan of each person in a
scope tells whether they are in. A badge shown again by someone already inside
(the amber answer, recorded as a refusal with reason already_inside) is counted
on its own, apart from refusals: it is usually a person turning back at the
door, not someone kept out.
"""

from collections import Counter
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import format_time

from forum.auth.models import User
from forum.bilingual import reader_language
from forum.checkin import decide as rules
from forum.checkin import messages
from forum.checkin.models import Checkpoint, DeviceToken, Direction, Scan, ScanStatus
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.programme.models import WorkingSession
from forum.registration.models import Registration
from forum.registration.titles import titled_name

MINUTES_SHOWN = 30
LATEST_SHOWN = 15


def _counted() -> list[sa.ColumnElement[bool]]:
    return [
        Scan.status == ScanStatus.ACCEPTED,
        Scan.annulled_at.is_(None),
        Scan.registration_id.is_not(None),
    ]


def _last_scans(where: list, partition: list) -> sa.Subquery:
    """Each person's last counted scan per partition, as (checkpoint_id, direction, rank)."""
    rank = (
        sa.func.row_number()
        .over(partition_by=partition, order_by=(Scan.scanned_at.desc(), Scan.id.desc()))
        .label("rank")
    )
    return (
        sa.select(Scan.checkpoint_id, Scan.direction, rank)
        .join(Checkpoint, Checkpoint.id == Scan.checkpoint_id)
        .where(*_counted(), *where)
        .subquery()
    )


def inside_venue(event: Event) -> int:
    """People inside the venue now: last counted scan at a venue door is an entry."""
    last = _last_scans(
        [Checkpoint.event_id == event.id, Checkpoint.session_id.is_(None)], [Scan.registration_id]
    )
    return db.session.scalar(
        sa.select(sa.func.count()).where(last.c.rank == 1, last.c.direction == Direction.IN)
    )


def inside_rooms(event: Event) -> dict[int, int]:
    """{room checkpoint id: people inside now}."""
    last = _last_scans(
        [Checkpoint.event_id == event.id, Checkpoint.session_id.is_not(None)],
        [Scan.registration_id, Scan.checkpoint_id],
    )
    rows = db.session.execute(
        sa.select(last.c.checkpoint_id, sa.func.count())
        .where(last.c.rank == 1, last.c.direction == Direction.IN)
        .group_by(last.c.checkpoint_id)
    )
    return {checkpoint_id: count for checkpoint_id, count in rows}


def inside(checkpoint: Checkpoint) -> int:
    """People inside the checkpoint's scope now (the venue, or this room)."""
    last = _last_scans([rules.scope_clause(checkpoint)], [Scan.registration_id])
    return db.session.scalar(
        sa.select(sa.func.count()).where(last.c.rank == 1, last.c.direction == Direction.IN)
    )


def capacity(checkpoint: Checkpoint, event: Event) -> int | None:
    """The room's capacity for a session checkpoint, the event's for a venue door."""
    if checkpoint.session_id is None:
        return event.delegate_capacity
    session = db.session.get(WorkingSession, checkpoint.session_id)
    if session is None:
        return None
    return session.room.capacity if session.room is not None else session.effective_capacity


def checkpoint_stats(event: Event, checkpoint: Checkpoint, now: datetime | None = None) -> dict:
    """The figures a door needs: inside now against capacity, scans, refusals."""
    now = now or utcnow()
    counts = db.session.execute(
        sa.select(Scan.status, Scan.reason, sa.func.count())
        .where(Scan.checkpoint_id == checkpoint.id)
        .group_by(Scan.status, Scan.reason)
    ).all()
    accepted = sum(n for status, _reason, n in counts if status == ScanStatus.ACCEPTED)
    refused = {reason: n for status, reason, n in counts if status == ScanStatus.REJECTED}
    already_inside = refused.pop(rules.ALREADY_INSIDE, 0)
    last_minute = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Scan)
        .where(Scan.checkpoint_id == checkpoint.id, Scan.received_at >= now - timedelta(minutes=1))
    )
    return {
        "checkpoint": {
            "id": checkpoint.id,
            "name": checkpoint.localized("name", reader_language()),
        },
        "inside": inside(checkpoint),
        "capacity": capacity(checkpoint, event),
        "accepted": accepted,
        "already_inside": already_inside,
        "rejected": sum(refused.values()),
        "refusals": refused,
        "scans_last_minute": last_minute,
    }


def dashboard(event: Event, now: datetime | None = None) -> dict:
    """The organisers' live attendance figures, as JSON-ready values."""
    now = now or utcnow()
    accredited = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Registration)
        .where(Registration.event_id == event.id, Registration.is_accredited)
    )
    checked_in = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Scan.registration_id)))
        .join(Checkpoint, Checkpoint.id == Scan.checkpoint_id)
        .where(
            *_counted(),
            Scan.direction == Direction.IN,
            Checkpoint.event_id == event.id,
            Checkpoint.session_id.is_(None),
        )
    )
    return {
        "generated_at": now.isoformat(),
        "generated_label": format_time(now, "HH:mm:ss"),
        "accredited": accredited,
        "checked_in": checked_in,
        "inside_venue": inside_venue(event),
        "venue_capacity": event.delegate_capacity,
        "checkpoints": checkpoint_rows(event),
        "per_minute": scans_per_minute(event, now),
        "already_inside": already_inside(event),
        "refusals": refusals(event),
        "latest": latest_scans(event),
        "flagged": flagged_scans(event),
    }


def checkpoint_rows(event: Event) -> list[dict]:
    checkpoints = db.session.scalars(
        sa.select(Checkpoint)
        .where(Checkpoint.event_id == event.id)
        .order_by(Checkpoint.session_id.is_not(None), Checkpoint.name)
    ).all()
    rooms = inside_rooms(event)
    venue = inside_venue(event)
    rows = []
    for checkpoint in checkpoints:
        is_room = checkpoint.session_id is not None
        rows.append(
            {
                "id": checkpoint.id,
                "name": checkpoint.localized("name", reader_language()),
                "kind": "room" if is_room else "venue",
                "active": checkpoint.active,
                "inside": rooms.get(checkpoint.id, 0) if is_room else venue,
                "capacity": capacity(checkpoint, event),
            }
        )
    return rows


def scans_per_minute(event: Event, now: datetime, minutes: int = MINUTES_SHOWN) -> list[dict]:
    """Accepted, already-inside and refused scans in each of the last `minutes` minutes,
    oldest first."""
    start = (now - timedelta(minutes=minutes - 1)).replace(second=0, microsecond=0)
    rows = db.session.execute(
        sa.select(Scan.scanned_at, Scan.status, Scan.reason)
        .join(Checkpoint, Checkpoint.id == Scan.checkpoint_id)
        .where(Checkpoint.event_id == event.id, Scan.scanned_at >= start)
    ).all()
    buckets: dict[datetime, Counter] = {
        start + timedelta(minutes=i): Counter() for i in range(minutes)
    }
    for scanned_at, status, reason in rows:
        minute = scanned_at.astimezone(UTC).replace(second=0, microsecond=0)
        if minute in buckets:
            buckets[minute][rules.ALREADY_INSIDE if reason == rules.ALREADY_INSIDE else status] += 1
    return [
        {
            "minute": minute.isoformat(),
            "label": messages.local_time(minute),
            "accepted": counter[ScanStatus.ACCEPTED],
            "already_inside": counter[rules.ALREADY_INSIDE],
            "rejected": counter[ScanStatus.REJECTED],
        }
        for minute, counter in buckets.items()
    ]


def already_inside(event: Event) -> int:
    """Badges shown again by someone already inside (the amber answers)."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Scan)
        .join(Checkpoint, Checkpoint.id == Scan.checkpoint_id)
        .where(Checkpoint.event_id == event.id, Scan.reason == rules.ALREADY_INSIDE)
    )


def refusals(event: Event) -> list[dict]:
    """Refused scans by reason, most frequent first (already inside is not a refusal)."""
    rows = db.session.execute(
        sa.select(Scan.reason, sa.func.count())
        .join(Checkpoint, Checkpoint.id == Scan.checkpoint_id)
        .where(
            Checkpoint.event_id == event.id,
            Scan.status == ScanStatus.REJECTED,
            Scan.reason != rules.ALREADY_INSIDE,
        )
        .group_by(Scan.reason)
        .order_by(sa.func.count().desc())
    ).all()
    return [
        {"reason": reason, "label": messages.reason_label(reason), "count": n} for reason, n in rows
    ]


def scan_log_query(event: Event) -> sa.Select:
    """Scans of the event with their checkpoint, person and scanner, newest first."""
    return (
        sa.select(Scan, Checkpoint, Registration, User.email, DeviceToken.name)
        .join(Checkpoint, Checkpoint.id == Scan.checkpoint_id)
        .outerjoin(Registration, Registration.id == Scan.registration_id)
        .outerjoin(User, User.id == Scan.user_id)
        .outerjoin(DeviceToken, DeviceToken.id == Scan.device_token_id)
        .where(Checkpoint.event_id == event.id)
        .order_by(Scan.received_at.desc(), Scan.id.desc())
    )


def scan_json(scan: Scan, door: Checkpoint, registration, user_email, device_name) -> dict:
    """One scan for the organisers' dashboard: the door and the person's title in the
    reader's language."""
    return {
        "id": scan.id,
        "time": messages.local_time(scan.scanned_at),
        "scanned_at": scan.scanned_at.isoformat(),
        "checkpoint": door.localized("name", reader_language()),
        "direction": scan.direction.value,
        "status": scan.status.value,
        "reason": scan.reason,
        "reason_label": messages.reason_label(scan.reason) if scan.reason else "",
        "name": titled_name(registration) if registration is not None else "",
        "organisation": registration.organisation if registration is not None else "",
        "offline": scan.offline,
        "flagged": scan.flagged,
        "annulled": scan.annulled_at is not None,
        "scanner": device_name or user_email or "",
    }


def latest_scans(event: Event, limit: int = LATEST_SHOWN) -> list[dict]:
    rows = db.session.execute(scan_log_query(event).limit(limit)).all()
    return [scan_json(*row) for row in rows]


def flagged_scans(event: Event, limit: int = 50) -> list[dict]:
    rows = db.session.execute(
        scan_log_query(event).where(Scan.flagged.is_(True)).limit(limit)
    ).all()
    return [scan_json(*row) for row in rows]
