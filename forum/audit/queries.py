"""Reading the audit log: filters, pages and the CSV export for organisers."""

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from math import ceil
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.audit.models import AuditEntry
from forum.auth.models import User
from forum.extensions import db
from forum.search.queries import matching
from forum.text import spreadsheet_safe

PER_PAGE = 50


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor: str = ""  # part of the actor's e-mail or name
    date_from: date | None = None
    date_to: date | None = None  # inclusive


@dataclass
class AuditPage:
    items: list[AuditEntry]
    total: int
    page: int
    pages: int


def known_actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).distinct().order_by("action")))


def actors_matching(text: str) -> list[int]:
    """Ids of the accounts whose e-mail or name contains `text` (in any letter case), or
    whose name's words start with its words in either script ("koval" finds Олена Коваль).

    The containment is done in Python: SQLite's lower() only folds ASCII, and names are
    often Cyrillic. The other script comes from the accounts' search terms.
    """
    needle = text.strip().casefold()
    rows = db.session.execute(sa.select(User.id, User.email, User.full_name))
    found = {
        user_id
        for user_id, email, name in rows
        if needle in email.casefold() or needle in (name or "").casefold()
    }
    found.update(
        db.session.scalars(sa.select(User.id).where(matching(User.id, text, event_id=None)))
    )
    return sorted(found)


def _start_of(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def filtered(flt: AuditFilter, tz: ZoneInfo) -> sa.Select:
    """Entries matching the filter, newest first; dates are whole days in `tz`."""
    query = sa.select(AuditEntry).options(so.joinedload(AuditEntry.actor))
    if flt.action:
        query = query.where(AuditEntry.action == flt.action)
    if flt.actor:
        query = query.where(AuditEntry.actor_id.in_(actors_matching(flt.actor)))
    if flt.date_from:
        query = query.where(AuditEntry.created_at >= _start_of(flt.date_from, tz))
    if flt.date_to:
        query = query.where(AuditEntry.created_at < _start_of(flt.date_to + timedelta(days=1), tz))
    return query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def page_of(flt: AuditFilter, tz: ZoneInfo, page: int, per_page: int = PER_PAGE) -> AuditPage:
    base = filtered(flt, tz)
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(base.order_by(None).subquery())
    )
    pages = max(1, ceil(total / per_page))
    page = min(max(page, 1), pages)
    items = db.session.scalars(base.limit(per_page).offset((page - 1) * per_page)).all()
    return AuditPage(items=list(items), total=total, page=page, pages=pages)


CSV_HEADERS = [
    "time_utc",
    "actor_email",
    "actor_role",
    "action",
    "target_type",
    "target_id",
    "details",
]


def csv_rows(entries: Iterable[AuditEntry]) -> Iterable[list]:
    for entry in entries:
        actor = entry.actor
        yield [
            spreadsheet_safe(value)
            for value in (
                entry.created_at.strftime("%Y-%m-%d %H:%M:%S"),
                actor.email if actor else "",
                actor.role.value if actor else "system",
                entry.action,
                entry.target_type,
                entry.target_id if entry.target_id is not None else "",
                json.dumps(entry.details or {}, ensure_ascii=False, sort_keys=True),
            )
        ]


def to_csv(flt: AuditFilter, tz: ZoneInfo) -> bytes:
    """Every matching entry, UTF-8 with BOM (Excel shows Cyrillic correctly), formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    entries = db.session.scalars(filtered(flt, tz).execution_options(yield_per=500))
    writer.writerows(csv_rows(entries))
    return out.getvalue().encode("utf-8-sig")
