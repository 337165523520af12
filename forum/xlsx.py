"""A one-sheet XLSX file written directly: the officers' export of 10,000 rows × 40 columns.

openpyxl (without lxml) serialises every cell through its XML element tree, about
30 µs a cell: 12 of the 15 seconds of that export. A sheet of plain values needs
little of it, so the few XML parts of a workbook are written here as text, the
rows streamed into the zip: a bold header row frozen in view with filters, columns
as wide as their content, each value in a cell of its own type (texts as inline
strings, numbers as numbers), and a text that a spreadsheet would take for a formula
stored as text, marked as such (quotePrefix), never run. Read back by openpyxl in the
tests; the parts are those Excel and LibreOffice write for such a sheet.
"""

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from itertools import islice

from openpyxl.utils import get_column_letter

MIN_WIDTH, MAX_WIDTH = 8, 50  # column widths, in characters
WIDTH_SAMPLE = 2000  # rows read to size the columns
# Characters XML 1.0 cannot hold (a spreadsheet would refuse the file): dropped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER_STYLE = 1  # indexes of cellXfs in STYLES
# A text a spreadsheet would take for a formula ("=..." and more) is marked as text (style 2).
FORMULA_TEXT = ' s="2"'
PRESERVE, SPACES = ' xml:space="preserve"', " \t\n\r"

OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{OFFICE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OFFICE}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{OFFICE}.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 0: plain; 1: the bold header; 2: a text kept as text (format "@", quotePrefix).
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    'quotePrefix="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def write_xlsx(sheet_name: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """One sheet named `sheet_name`: `headers`, then `rows` (values: text, int, float,
    bool or None/"" for an empty cell)."""
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    letters = [get_column_letter(n) for n in range(1, len(headers) + 1)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/styles.xml", STYLES)
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            count = _write_sheet(sheet, headers, letters, sample, rows)
        last_column = letters[-1] if letters else "A"
        package.writestr("xl/workbook.xml", _workbook(sheet_name, last_column, count + 1))
    return out.getvalue()


def _workbook(sheet_name: str, last_column: str, last_row: int) -> str:
    name = _escape(sheet_name).replace('"', "&quot;")
    quoted = name.replace("'", "''")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
        "<bookViews><workbookView/></bookViews>"
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>'
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"'{quoted}'!$A$1:${last_column}${last_row}"
        "</definedName></definedNames></workbook>"
    )


def _write_sheet(sheet, headers, letters, sample, rest) -> int:
    """The worksheet part, streamed; returns the number of data rows."""
    widths = []
    for index, header in enumerate(headers):
        longest = max([len(header), *(len(str(row[index] or "")) for row in sample)])
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    cols = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, width in enumerate(widths, start=1)
    )
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
    )
    write = sheet.write
    write(head.encode())
    write(NOT_XML.sub("", _row(1, headers, letters, HEADER_STYLE)).encode())
    number = 1
    for rows in (sample, rest):
        chunk = []
        for row in rows:
            number += 1
            chunk.append(_row(number, row, letters))
            if len(chunk) == 500:
                write(NOT_XML.sub("", "".join(chunk)).encode())
                chunk = []
        if chunk:
            write(NOT_XML.sub("", "".join(chunk)).encode())
    last = f"{letters[-1]}{number}" if letters else "A1"
    write(f'</sheetData><autoFilter ref="A1:{last}"/></worksheet>'.encode())
    return number - 1


def _row(number: int, values: Sequence, letters: list[str], style: int = 0) -> str:
    """A row's XML. Characters XML cannot hold are dropped from whole chunks of rows
    (_write_sheet), not cell by cell: the markup has none."""
    suffix = str(number)
    styled = f' s="{style}"' if style else ""
    cells = []
    add = cells.append
    for letter, value in zip(letters, values, strict=False):
        if value is None or value == "":
            continue
        kind = value.__class__
        if kind is str:
            text = value.translate(ESCAPES)
            mark = styled or (FORMULA_TEXT if len(value) > 1 and value[0] == "=" else "")
            space = PRESERVE if text[0] in SPACES or text[-1] in SPACES or "\n" in text else ""
            add(f'<c r="{letter}{suffix}"{mark} t="inlineStr"><is><t{space}>{text}</t></is></c>')
        elif kind is int or kind is float:
            add(f'<c r="{letter}{suffix}"{styled}><v>{value!r}</v></c>')
        elif kind is bool:
            add(f'<c r="{letter}{suffix}"{styled} t="b"><v>{int(value)}</v></c>')
        else:
            text = str(value).translate(ESCAPES)
            add(f'<c r="{letter}{suffix}"{styled} t="inlineStr"><is><t>{text}</t></is></c>')
    return f'<row r="{suffix}">{"".join(cells)}</row>'


def _escape(text: str) -> str:
    return NOT_XML.sub("", text).translate(ESCAPES)
