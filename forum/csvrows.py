"""Reading an uploaded CSV file whole, before any row is used: errors by line number.

Imports (invitations, delegations, vetting answers) check every row first and
import nothing if one is wrong; this module reads the file and its header, and
reports what is wrong with the file itself.
"""

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _


@dataclass
class ImportReport:
    """What an import did: how many rows it took, or why it took none."""

    imported: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)


def read_rows(
    data: bytes,
    required: tuple[str, ...],
    report: ImportReport,
    max_rows: int = 5000,
    no_rows_message: str | None = None,
) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for every non-empty line, keys lower-cased and values trimmed.

    Problems with the file (not UTF-8, a missing column, no rows, too many) go to
    `report` and no rows are returned. Commas, semicolons and tabs are understood.
    `no_rows_message` replaces the general message for a file with no rows.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append((0, _("The file is not UTF-8 text. Save it as “CSV UTF-8”.")))
        return []
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        pass
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [name for name in required if name not in headers]
    if missing:
        report.errors.append((1, _("Missing columns: %(columns)s.", columns=", ".join(missing))))
        return []
    rows = []
    for number, raw in enumerate(reader, start=2):
        row = {
            (k or "").strip().lower(): (v or "").strip()
            for k, v in raw.items()
            if isinstance(v, str)
        }
        if any(row.values()):
            rows.append((number, row))
        if len(rows) > max_rows:
            report.errors.append((number, _("Too many rows: at most %(n)s.", n=max_rows)))
            return []
    if not rows:
        report.errors.append((2, no_rows_message or _("The file has no rows under its header.")))
    return rows
