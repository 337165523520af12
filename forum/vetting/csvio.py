"""The files exchanged with the host's security service (the format is in docs/security.md).

Export: one line per person awaiting vetting, with their identity data and two empty
columns, `decision` and `note`, for the service to fill in. Import: the same file
back (only `reference`, `decision` and `note` are read), checked whole: errors by
line, and nothing is recorded if one line is wrong.
"""

import csv
import io
import uuid

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.audit.services import record
from forum.csvrows import ImportReport, read_rows
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration
from forum.text import spreadsheet_safe
from forum.vetting.identity import IDENTITY_FIELDS
from forum.vetting.models import Vetting, VettingStatus
from forum.vetting.services import ANSWERS, answer

EXPORT_COLUMNS = (
    "reference",
    *IDENTITY_FIELDS,
    "organisation",
    "organisation_country",
    "badge_category",
    "submitted_at",
    "decision",
    "note",
)
IMPORT_REQUIRED = ("reference", "decision")
DECISIONS = {status.value: status for status in ANSWERS}


def awaiting(event: Event) -> list[Vetting]:
    return list(
        db.session.scalars(
            sa.select(Vetting)
            .join(Registration, Registration.id == Vetting.registration_id)
            .where(Registration.event_id == event.id, Vetting.status == VettingStatus.AWAITING)
            .order_by(Vetting.submitted_at, Vetting.id)
        )
    )


def export_awaiting(event: Event, actor) -> tuple[str, int]:
    """(CSV text, how many people) of everyone awaiting vetting; the export is audited."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    people = awaiting(event)
    for vetting in people:
        registration, identity = vetting.registration, vetting.identity or {}
        row = [
            str(registration.public_id),
            *(identity.get(name, "") for name in IDENTITY_FIELDS),
            registration.organisation,
            registration.country,
            registration.category.value,
            vetting.submitted_at.isoformat(timespec="seconds") if vetting.submitted_at else "",
            "",
            "",
        ]
        writer.writerow([spreadsheet_safe(value) for value in row])
    record("vetting.exported", None, actor=actor, count=len(people))
    return "\ufeff" + out.getvalue(), len(people)


def import_answers(event: Event, data: bytes, actor) -> ImportReport:
    """Check every line; if all are good, record each answer. Otherwise nothing changes."""
    report = ImportReport()
    rows = read_rows(data, IMPORT_REQUIRED, report)
    if report.errors:
        return report
    answers: list[tuple[Vetting, VettingStatus, str]] = []
    seen: set[str] = set()
    for line, row in rows:
        reference = row.get("reference", "")
        decision = row.get("decision", "").lower().replace(" ", "_")
        messages = []
        vetting = _vetting(event, reference)
        if vetting is None:
            messages.append(
                _(
                    "nobody with identity data for vetting has the reference “%(value)s”",
                    value=reference,
                )
            )
        elif reference in seen:
            messages.append(_("this reference appears twice"))
        if decision not in DECISIONS:
            messages.append(
                _(
                    "the decision must be cleared, refused or more_information, not “%(value)s”",
                    value=row.get("decision", ""),
                )
            )
        if len(row.get("note", "")) > 1000:
            messages.append(_("the note is longer than 1000 characters"))
        seen.add(reference)
        report.errors.extend((line, message) for message in messages)
        if not messages:
            answers.append((vetting, DECISIONS[decision], row.get("note", "")))
    if report.errors:
        return report
    for vetting, status, note in answers:
        answer(vetting, status, note, actor)
    record("vetting.imported", None, actor=actor, count=len(answers))
    report.imported = len(answers)
    return report


def _vetting(event: Event, reference: str) -> Vetting | None:
    """The vetting of the registration `reference` (its public id) that holds identity data."""
    try:
        public_id = uuid.UUID(reference)
    except ValueError:
        return None
    return db.session.scalar(
        sa.select(Vetting)
        .join(Registration, Registration.id == Vetting.registration_id)
        .where(
            Registration.event_id == event.id,
            Registration.public_id == public_id,
            Vetting.status != VettingStatus.MISSING,
            Vetting.purged_at.is_(None),
        )
    )
