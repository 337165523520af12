"""How a scan is written: one INSERT per attempt, safe for retries (the nonce is unique).

For a live entry the same statement decides whether the person is already
inside (the presence rule of forum.checkin.decide in a CASE), so that entry
costs one round trip after the registration's lock (forum.checkin.reads).
"""

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from forum.checkin import decide as rules
from forum.checkin.models import Checkpoint, Direction, Scan, ScanStatus
from forum.checkin.reads import Door, Holder
from forum.extensions import db


@dataclass(frozen=True)
class ScanRow:
    """The stored fields of a scan that the answer needs (no ORM object on the hot path)."""

    id: int
    nonce: str
    checkpoint_id: int
    direction: Direction
    status: ScanStatus
    reason: str
    scanned_at: datetime
    received_at: datetime
    offline: bool
    flagged: bool
    user_id: int | None
    device_token_id: int | None
    request_digest: str | None  # forum.checkin.payloads.ScanRequest.digest


@dataclass(frozen=True)
class Inserted:
    """What the insert of a scan returns; for an entry refused by it (`unless_inside`),
    since when and through which door the person is inside."""

    id: int
    status: ScanStatus
    inside_since: datetime | None = None
    inside_door: str | None = None
    inside_door_uk: str | None = None


def insert_scan(
    row: ScanRow, registration: Holder | None, unless_inside: Checkpoint | Door | None = None
) -> Inserted | None:
    """INSERT ... ON CONFLICT (nonce) DO NOTHING RETURNING ...: None when the nonce is taken.

    With `unless_inside` (a live entry: the checkpoint of `row`) the statement itself
    records a refusal (already_inside) instead when the person is inside there
    (decide.latest_in_scope).
    """
    values = dict(vars(row))  # shallow: dataclasses.asdict() deep-copies every value
    del values["id"]
    values["registration_id"] = registration.id if registration is not None else None
    dialect = db.session.get_bind().dialect.name
    if unless_inside is None:
        statement = _insert_statement(dialect)
    else:
        statement = _entry_statement(dialect, unless_inside.session_id is not None)
        values["event_id"] = unless_inside.event_id
    inserted = db.session.execute(statement, values).first()
    return Inserted(*inserted) if inserted is not None else None


def _insert_of(dialect: str) -> Callable[[sa.Table], sa.Insert]:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


_SCANS = Scan.__table__
_ENTRY_COLUMNS = (
    *(field.name for field in dataclasses.fields(ScanRow) if field.name != "id"),
    "registration_id",
)


@functools.cache
def _insert_statement(dialect: str) -> sa.Insert:
    """Built once per database kind; every scan runs it but a live entry (below)."""
    insert = _insert_of(dialect)(_SCANS).on_conflict_do_nothing(index_elements=["nonce"])
    return insert.returning(_SCANS.c.id, _SCANS.c.status)


@functools.cache
def _entry_statement(dialect: str, room: bool) -> sa.Insert:
    """A live entry, recorded as a refusal when the person is inside: INSERT ... SELECT
    with the presence rule in a CASE. Built once per database kind and kind of scope.

    On PostgreSQL it also returns the open entry for the amber answer, read in the
    statement's own snapshot (which does not see the row being inserted). Not on SQLite:
    there, subqueries in RETURNING see the new row, and SQLAlchemy renders them (and the
    CTEs they use) without table names; the answer reads the open entry afterwards.
    """
    latest = rules.latest_in_scope(room)
    inside = sa.select(latest.c.direction).scalar_subquery() == Direction.IN.value

    def value(name: str) -> sa.ColumnElement:
        param = sa.bindparam(name, type_=_SCANS.c[name].type)
        if name == "status":
            return sa.case((inside, ScanStatus.REJECTED.value), else_=param)
        if name == "reason":
            return sa.case((inside, rules.ALREADY_INSIDE), else_=param)
        return param

    select = sa.select(*(value(name) for name in _ENTRY_COLUMNS))
    insert = _insert_of(dialect)(_SCANS).from_select(_ENTRY_COLUMNS, select)
    returned = [_SCANS.c.id, _SCANS.c.status]
    if dialect == "postgresql":
        returned += [
            sa.select(latest.c.scanned_at).scalar_subquery(),
            sa.select(latest.c.name).scalar_subquery(),
            sa.select(latest.c.name_uk).scalar_subquery(),
        ]
    return insert.on_conflict_do_nothing(index_elements=["nonce"]).returning(*returned)
