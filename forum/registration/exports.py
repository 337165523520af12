"""CSV and XLSX exports of the registration list, safe to open in Excel and LibreOffice."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from forum.bilingual import reader_language
from forum.events.models import Event
from forum.extensions import db
from forum.i18n import country_choices
from forum.questions import exports as question_exports
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)
from forum.registration.search import ListFilter, filtered, sorted_query
from forum.text import FORMULA_TRIGGERS
from forum.xlsx import write_xlsx

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# The registration columns the export reads: rows of these (export_rows), not whole
# registrations, which the ORM would build one object each (a third of the export's time).
EXPORTED = (
    "id",
    "state",
    "category",
    "title",
    "given_name",
    "family_name",
    "passport_given_name",
    "passport_family_name",
    "email",
    "phone",
    "job_title",
    "organisation",
    "organisation_latin",
    "organisation_type",
    "country",
    "requested_category",
    "dietary_needs",
    "accessibility_needs",
    "consent_list",
    "created_at",
)


def export_rows(query: sa.Select) -> list[sa.Row]:
    """The rows of the registrations `query` selects, in its order, with the EXPORTED
    columns: each has them as attributes, as a registration has (fixed_columns reads them)."""
    table = Registration.__table__
    return list(db.session.execute(query.with_only_columns(*(table.c[n] for n in EXPORTED))))


class Extra(Protocol):
    """More columns after the fixed ones: the answers to the organisers' questions
    (forum.questions.exports.AnswerColumns), a row of values per registration id."""

    headers: list[str]

    def values(self, registration_id: int) -> list: ...


class NoExtra:
    headers: list[str] = []

    def values(self, registration_id: int) -> list:
        return []


def fixed_columns() -> tuple[list[str], Callable[[Registration], list]]:
    """The headers of the fixed columns, in the user's language, and the function that
    makes a registration's values for them.

    Labels are translated once per export, not once per cell, and a row is made by one
    call, not one per cell: that is what keeps 10,000 rows fast.
    """
    states = {s: str(s.label) for s in RegistrationState}
    categories = {c: str(c.label) for c in BadgeCategory}
    types = {t: str(t.label) for t in OrganisationType}
    countries = dict(country_choices())
    yes, no = _("yes"), _("no")
    headers = [
        _("ID"),
        _("Status"),
        _("Category"),
        _("Title"),
        _("Given name"),
        _("Family name"),
        _("Given name (passport)"),
        _("Family name (passport)"),
        _("E-mail"),
        _("Mobile phone"),
        _("Job title"),
        _("Organisation"),
        _("Organisation (Latin letters)"),
        _("Type of organisation"),
        _("Country"),
        _("Requested category"),
        _("Dietary needs"),
        _("Accessibility needs"),
        _("Participant list"),
        _("Registered at"),
    ]

    def values(r) -> list:
        return [
            r.id,
            states[r.state],
            categories[r.category],
            r.title,
            r.given_name,
            r.family_name,
            r.passport_given_name,
            r.passport_family_name,
            r.email,
            r.phone,
            r.job_title,
            r.organisation,
            r.organisation_latin,
            types[r.organisation_type],
            countries.get(r.country, r.country),
            categories[r.requested_category],
            r.dietary_needs,
            r.accessibility_needs,
            yes if r.consent_list else no,
            r.created_at.strftime("%Y-%m-%d %H:%M UTC"),
        ]

    return headers, values


def rows_with_header(registrations: Iterable[Registration], extra: Extra) -> Iterator[list]:
    """The header, then a row of values per registration: the fixed columns and `extra`'s."""
    headers, fixed = fixed_columns()
    yield [*headers, *extra.headers]
    more = extra.values
    for registration in registrations:
        yield fixed(registration) + more(registration.id)


def to_csv(registrations: Iterable[Registration], extra: Extra | None = None) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows Cyrillic and accents correctly.
    A text a spreadsheet would run as a formula starts with an apostrophe
    (forum.text.spreadsheet_safe, written out here: it runs for every cell)."""
    out = io.StringIO()
    csv.writer(out).writerows(
        [("'" + v) if v.__class__ is str and v.startswith(FORMULA_TRIGGERS) else v for v in row]
        for row in rows_with_header(registrations, extra or NoExtra())
    )
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(registrations: Iterable[Registration], extra: Extra | None = None) -> bytes:
    """One sheet: a bold, frozen header row with filters, columns as wide as their content,
    and every value in a cell of its own type (phones and codes are text, never numbers
    or formulas: forum/xlsx.py). `extra`: more columns, as for to_csv."""
    rows = rows_with_header(registrations, extra or NoExtra())
    return write_xlsx(_("Registrations"), next(rows), rows)


def count_rows(event: Event, flt: ListFilter) -> int:
    """How many rows the export of `flt` has (what decides between now and the worker)."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(filtered(event, flt).subquery())
    )


def fits_inline(rows: int) -> bool:
    """Is an export of this many rows made in the request (else by the worker)?"""
    return rows <= int(current_app.config["EXPORT_INLINE_ROWS"])


def export_file(event: Event, flt: ListFilter, fmt: str) -> tuple[bytes, int]:
    """The CSV or XLSX file of the registrations `flt` selects, with a column per question,
    in the reader's language, and its number of rows: what the officer downloads at once,
    and what the worker makes for a large export (forum/exports), the same way."""
    registrations = export_rows(sorted_query(event, flt))
    selected = filtered(event, flt).with_only_columns(Registration.id)
    answers = question_exports.export_columns(event, selected, reader_language())
    body = to_csv(registrations, answers) if fmt == "csv" else to_xlsx(registrations, answers)
    return body, len(registrations)
