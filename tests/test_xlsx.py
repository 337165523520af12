"""The XLSX writer (forum/xlsx.py), read back with openpyxl: values in cells of their own
type, texts exactly as given (a would-be formula stays text), the header bold, frozen and
filtered, the columns sized. (LibreOffice opens the same file: checked by hand, see
docs/performance.md.)"""

import io
import zipfile

from openpyxl import load_workbook

from forum.xlsx import MAX_WIDTH, write_xlsx

HEADERS = ["ID", "Name", "Note", "Amount", "Flag", "Empty"]
ROWS = [
    [1, "Олександр Камишин", '=HYPERLINK("http://evil")', 3.5, True, None],
    [2, "  Władysław  ", "a & b < c > d \"q\" 'x'", 0, False, ""],
    [3, "line one\nline two", "bell\x07 and\x1b escape", -7, None, None],
]


def sheet_of(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_values_come_back_as_written_each_in_a_cell_of_its_type():
    sheet = sheet_of(write_xlsx("Реєстрації", HEADERS, ROWS))
    assert sheet.title == "Реєстрації"
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEADERS
    assert values[1] == [1, "Олександр Камишин", '=HYPERLINK("http://evil")', 3.5, True, None]
    assert values[2] == [2, "  Władysław  ", "a & b < c > d \"q\" 'x'", 0, False, None]
    # Characters XML cannot hold are dropped, not the file.
    assert values[3] == [3, "line one\nline two", "bell and escape", -7, None, None]
    formula = sheet["C2"]
    assert formula.data_type == "s" and formula.quotePrefix  # text, never run
    assert sheet["B2"].quotePrefix is False and sheet["A2"].data_type == "n"


def test_the_header_is_bold_frozen_filtered_and_the_columns_sized():
    rows = [[n, "x" * 80 if n == 1 else "short", "", n, False, None] for n in range(1, 5)]
    sheet = sheet_of(write_xlsx("Registrations", HEADERS, rows))
    assert all(cell.font.b for cell in sheet[1]) and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F5"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "AB"}
    assert widths["A"] == 8 and widths["B"] == MAX_WIDTH


def test_a_sheet_name_with_quotes_and_no_rows_makes_a_valid_file():
    data = write_xlsx('O\'Brien & "Co"', HEADERS, [])
    sheet = sheet_of(data)
    assert sheet.title == 'O\'Brien & "Co"' and sheet.max_row == 1
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert (
            "'O''Brien &amp; &quot;Co&quot;'!$A$1:$F$1" in package.read("xl/workbook.xml").decode()
        )
