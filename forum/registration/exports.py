"""CSV and XLSX exports of the registration list, safe to open in Excel and LibreOffice."""

import csv
import io
from collections.abc import Iterable

from flask_babel import gettext as _
from openpyxl import Workbook

from forum.i18n import country_name
from forum.registration.models import Registration
from forum.text import spreadsheet_safe


def columns() -> list[tuple[str, object]]:
    """(header, value getter) of each exported column; headers in the user's language."""
    return [
        (_("ID"), lambda r: r.id),
        (_("Status"), lambda r: r.state.label),
        (_("Category"), lambda r: r.category.label),
        (_("Title"), lambda r: r.title),
        (_("Given name"), lambda r: r.given_name),
        (_("Family name"), lambda r: r.family_name),
        (_("E-mail"), lambda r: r.email),
        (_("Mobile phone"), lambda r: r.phone),
        (_("Job title"), lambda r: r.job_title),
        (_("Organisation"), lambda r: r.organisation),
        (_("Type of organisation"), lambda r: r.organisation_type.label),
        (_("Country"), lambda r: country_name(r.country)),
        (_("Requested category"), lambda r: r.requested_category.label),
        (_("Dietary needs"), lambda r: r.dietary_needs),
        (_("Accessibility needs"), lambda r: r.accessibility_needs),
        (_("Participant list"), lambda r: _("yes") if r.consent_list else _("no")),
        (_("Registered at"), lambda r: r.created_at.strftime("%Y-%m-%d %H:%M UTC")),
    ]


def rows(registrations: Iterable[Registration]) -> Iterable[list]:
    getters = [getter for _header, getter in columns()]
    for registration in registrations:
        yield [spreadsheet_safe(getter(registration)) for getter in getters]


def to_csv(registrations: Iterable[Registration]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows Cyrillic and accents correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([header for header, _getter in columns()])
    writer.writerows(rows(registrations))
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(registrations: Iterable[Registration]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations"))
    sheet.append([header for header, _getter in columns()])
    for row in rows(registrations):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
