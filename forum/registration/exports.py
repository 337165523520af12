"""CSV and XLSX exports of the registration list, safe to open in Excel and LibreOffice."""

import csv
import io
from collections.abc import Callable, Iterable, Sequence

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from forum.i18n import country_choices
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)
from forum.text import spreadsheet_safe

# (header, value getter) of one column.
Columns = Sequence[tuple[str, Callable[[Registration], object]]]


def columns() -> list[tuple[str, object]]:
    """(header, value getter) of each exported column; headers in the user's language.

    Labels are translated once per export, not once per cell: that is what keeps
    10,000 rows fast.
    """
    states = {s: str(s.label) for s in RegistrationState}
    categories = {c: str(c.label) for c in BadgeCategory}
    types = {t: str(t.label) for t in OrganisationType}
    countries = dict(country_choices())
    yes, no = _("yes"), _("no")
    return [
        (_("ID"), lambda r: r.id),
        (_("Status"), lambda r: states[r.state]),
        (_("Category"), lambda r: categories[r.category]),
        (_("Title"), lambda r: r.title),
        (_("Given name"), lambda r: r.given_name),
        (_("Family name"), lambda r: r.family_name),
        (_("Given name (passport)"), lambda r: r.passport_given_name),
        (_("Family name (passport)"), lambda r: r.passport_family_name),
        (_("E-mail"), lambda r: r.email),
        (_("Mobile phone"), lambda r: r.phone),
        (_("Job title"), lambda r: r.job_title),
        (_("Organisation"), lambda r: r.organisation),
        (_("Organisation (Latin letters)"), lambda r: r.organisation_latin),
        (_("Type of organisation"), lambda r: types[r.organisation_type]),
        (_("Country"), lambda r: countries.get(r.country, r.country)),
        (_("Requested category"), lambda r: categories[r.requested_category]),
        (_("Dietary needs"), lambda r: r.dietary_needs),
        (_("Accessibility needs"), lambda r: r.accessibility_needs),
        (_("Participant list"), lambda r: yes if r.consent_list else no),
        (_("Registered at"), lambda r: r.created_at.strftime("%Y-%m-%d %H:%M UTC")),
    ]


def to_rows_with_header(
    registrations: Iterable[Registration], extra: Columns = ()
) -> Iterable[list]:
    cols = [*columns(), *extra]
    yield [header for header, _getter in cols]
    for registration in registrations:
        yield [spreadsheet_safe(getter(registration)) for _header, getter in cols]


def to_csv(registrations: Iterable[Registration], extra: Columns = ()) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows Cyrillic and accents correctly.
    `extra`: more columns after the fixed ones (the answers to the organisers' questions)."""
    out = io.StringIO()
    csv.writer(out).writerows(to_rows_with_header(registrations, extra))
    return out.getvalue().encode("utf-8-sig")


MIN_WIDTH, MAX_WIDTH = 8, 50  # column widths, in characters


def _formula_like(value: object) -> bool:
    """Would openpyxl write `value` as a formula ("=..." and more than the sign)?"""
    return isinstance(value, str) and len(value) > 1 and value.startswith("=")


def _text_cell(sheet, value: object) -> WriteOnlyCell:
    """A cell holding `value` as it is. A string is a text cell, whatever it starts with:
    openpyxl would write "=..." as a formula, so that one is stored as text instead,
    marked as text for Excel (quotePrefix) without an apostrophe in the value."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
        cell.quotePrefix = True
        cell.number_format = "@"
    return cell


def to_xlsx(registrations: Iterable[Registration], extra: Columns = ()) -> bytes:
    """One sheet: a bold, frozen header row with filters, columns as wide as their content,
    and every value in a cell of its own type (phones and codes are text, never numbers
    or formulas). `extra`: more columns, as for to_csv."""
    cols = [*columns(), *extra]
    rows = [[getter(r) for _header, getter in cols] for r in registrations]
    headers = [header for header, _getter in cols]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations"))
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        longest = max([len(header), *(len(str(row[index - 1] or "")) for row in rows[:2000])])
        sheet.column_dimensions[get_column_letter(index)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, longest + 2)
        )
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        # Plain values as they are (openpyxl reuses one cell for them); only a text that
        # would be a formula gets a cell of its own. A cell object for every value went
        # through openpyxl's exception path once per cell, the export's main cost.
        sheet.append([_text_cell(sheet, v) if _formula_like(v) else v for v in row])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
