"""Badge PDFs read back as a scanner and a reader would: every QR decodes and verifies."""

from dataclasses import replace
from io import BytesIO

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from forum.badges.design import A6, BOLD, ID1, REGULAR, BadgeFace, register_fonts
from forum.badges.pdf import LAYOUTS, render_badges
from forum.badges.qr import merged_rectangles, qr_matrix
from forum.badges.services import write_badges
from forum.badges.textfit import fit_text
from forum.badges.tokens import issue_token, verify_token
from forum.registration.models import BadgeCategory, Photo
from tests.badges.conftest import accredited, pdf_pages, pdf_text, qr_codes

LONG_NAME = "Maximiliana-Josephine Wolfeschlegelsteinhausenbergerdorff Ñ"  # 60 characters


def render(event, registrations, layout="a6") -> bytes:
    out = BytesIO()
    write_badges(event, registrations, out, layout)
    return out.getvalue()


@pytest.mark.parametrize(
    ("layout", "pages", "size"),
    [
        ("a6", 5, "297.638 x 419.528 pts"),
        ("id1", 5, "242.646 x 153.071 pts"),
        ("a4-a6", 2, "595.276 x 841.89 pts (A4)"),
        ("a4-id1", 1, "595.276 x 841.89 pts (A4)"),
    ],
)
def test_every_qr_code_decodes_to_its_delegates_token(event, tmp_path, layout, pages, size):
    registrations = [
        accredited(event, given_name=name, category=category)
        for name, category in (
            ("Sébastien", BadgeCategory.DELEGATE),
            ("Олена", BadgeCategory.SPEAKER),
            ("Zoë", BadgeCategory.VIP),
            ("Jürgen", BadgeCategory.PRESS),
            ("Тарас", BadgeCategory.STAFF),
        )
    ]
    pdf = render(event, registrations, layout)
    assert pdf_pages(pdf, tmp_path) == (pages, size)
    decoded = [code for page in qr_codes(pdf, tmp_path, layout) for code in page]
    assert sorted(decoded) == sorted(issue_token(r) for r in registrations)
    for code in decoded:
        check = verify_token(code, event)
        assert check.ok
        assert issue_token(check.registration) == code
    forged = decoded[0][:-3] + ("A" if decoded[0][-3] != "A" else "B") + decoded[0][-2:]
    assert not verify_token(forged, event).ok


def test_one_badge_a_page_in_the_order_given(event, tmp_path):
    first, second = accredited(event), accredited(event)
    pages = qr_codes(render(event, [second, first]), tmp_path)
    assert pages == [[issue_token(second)], [issue_token(first)]]


def test_cyrillic_and_accented_names_survive_as_text(event, tmp_path):
    registrations = [
        accredited(event, given_name="Олександра", family_name="Ковальчук-Григоренко"),
        accredited(event, given_name="Sébastien", family_name="Dubois-Lefèvre", country="UA"),
        accredited(
            event, given_name="Łukasz", family_name="Żółkiewski", organisation="Huta Stalowa Wola"
        ),
    ]
    text = pdf_text(render(event, registrations), tmp_path)
    for expected in (
        "Олександра",
        "Ковальчук-Григоренко",
        "Sébastien",
        "Dubois-Lefèvre",
        "Łukasz",
        "Żółkiewski",
        "Huta Stalowa Wola",
        "UKRAINE",
        "DELEGATE",
        "ДЕЛЕГАТ",
        "Industry Forum",
        "6 May 2024 · Brussels",
    ):
        assert expected in text, expected


def test_fonts_are_embedded(event):
    pdf = render(event, [accredited(event, given_name="Олена")])
    assert b"/FontFile2" in pdf  # TrueType programs inside the file
    assert b"DejaVuSans" in pdf


def _face(name: str, photo: bytes | None = None) -> BadgeFace:
    return BadgeFace(
        name=name,
        organisation="Ardennes Munitions SA",
        country="Belgium",
        category_label="Delegate",
        category_label_uk="Делегат",
        colour="#1f4e9c",
        token="A" * 55,
        event_name="EU-Ukraine Defence Industry Forum",
        event_name_uk="",
        event_when="6 May 2024 · Brussels",
        photo=photo,
    )


@pytest.mark.parametrize("design", [A6, ID1], ids=["a6", "id1"])
@pytest.mark.parametrize("with_photo", [False, True], ids=["no-photo", "photo"])
@pytest.mark.parametrize(
    "name",
    [
        LONG_NAME,
        "A" * 60,
        "Dr " + "Олександра-Вікторія Ковальчук-Григоренко-Шевченко Іванівна"[:57],
        "Jo Li",
    ],
)
def test_names_stay_inside_their_box(design, with_photo, name):
    register_fonts()
    assert len(name) <= 60
    face = _face(name, b"photo" if with_photo else None)
    block = design.name_block(face)
    box = block.box
    assert 1 <= len(block.fitted.lines) <= 3
    for line in block.fitted.lines:
        assert stringWidth(line, BOLD, block.fitted.size) <= box.width + 1e-6, line
    # Lines stacked with their leading fit the box's height.
    assert len(block.fitted.lines) * block.leading <= box.height + 1e-6
    # The box lies inside the badge.
    assert box.x >= 0 and box.x + box.width <= design.width
    assert box.y >= 0 and box.y + box.height <= design.height
    if name == LONG_NAME:  # nothing cut off: the whole name is printed
        assert " ".join(block.fitted.lines).replace("- ", "-").replace(" ", "") == name.replace(
            " ", ""
        )


def test_a_long_name_shrinks_and_breaks_before_it_is_cut():
    register_fonts()
    short = fit_text("Jo Li", BOLD, 250, 26, 11)
    assert short == fit_text("Jo Li", BOLD, 250, 26, 11) and short.lines == ("Jo Li",)
    assert short.size == 26
    two = fit_text("Sébastien Dubois-Lefèvre", BOLD, 250, 26, 11)
    assert two.lines == ("Sébastien", "Dubois-Lefèvre") and two.size == 26
    hyphen = fit_text("Anna-Maria Kowalska-Wiśniewska", BOLD, 180, 26, 11)
    assert all(stringWidth(line, BOLD, hyphen.size) <= 180 for line in hyphen.lines)
    impossible = fit_text("W" * 200, BOLD, 100, 20, 10)
    assert len(impossible.lines) == 2 and impossible.lines[-1].endswith("…")
    assert impossible.widest(BOLD) <= 100


def test_the_qr_is_drawn_as_merged_rectangles_that_rebuild_the_code():
    matrix = qr_matrix("AEAQKQFHGZ4XQKQ3ZRTYOB5ZWQ2U6JIBAFQ3AZSFBWQ7FIJT5ULO3NA")
    assert len(matrix) == 29  # version 3: alphanumeric mode keeps the code small
    rebuilt = [[False] * len(matrix) for _ in matrix]
    rectangles = merged_rectangles(matrix)
    for x, y, width, height in rectangles:
        for row in range(y, y + height):
            for column in range(x, x + width):
                assert not rebuilt[row][column]  # no overlap
                rebuilt[row][column] = True
    assert rebuilt == [[bool(cell) for cell in row] for row in matrix]
    dark = sum(cell for row in matrix for cell in row)
    assert len(rectangles) < dark / 2


def test_a_photo_is_printed_and_the_code_still_scans(event, tmp_path):
    from PIL import Image

    image = Image.new("RGB", (300, 400), (120, 140, 170))
    buffer = BytesIO()
    image.save(buffer, "JPEG")
    registration = accredited(event)
    registration.photo = Photo(data=buffer.getvalue(), width=300, height=400)
    pdf = render(event, [registration])
    assert b"/DCTDecode" in pdf  # the JPEG is embedded as it is, not re-encoded
    assert qr_codes(pdf, tmp_path) == [[issue_token(registration)]]


def test_a_damaged_photo_does_not_stop_the_print_run(event, tmp_path):
    registration = accredited(event)
    registration.photo = Photo(data=b"not a jpeg", width=300, height=400)
    assert qr_codes(render(event, [registration]), tmp_path) == [[issue_token(registration)]]


def test_an_empty_run_is_still_a_valid_pdf(tmp_path):
    out = BytesIO()
    assert render_badges([], out, "a4-id1") == 0
    assert pdf_pages(out.getvalue(), tmp_path)[0] == 1
    assert "No badges to print." in pdf_text(out.getvalue(), tmp_path)


def test_sheet_layouts_fit_on_a4():
    for key in ("a4-a6", "a4-id1"):
        layout = LAYOUTS[key]
        for x, y in layout.slots:
            assert x >= 0 and y >= 0
            assert x + layout.design.width <= layout.page[0] + 1e-6
            assert y + layout.design.height <= layout.page[1] + 1e-6
    assert LAYOUTS["a4-a6"].per_page == 4 and LAYOUTS["a4-id1"].per_page == 10


def test_the_passport_form_is_printed_beneath_a_name_in_another_script(event, tmp_path):
    for layout in ("a6", "id1"):
        text = pdf_text(
            render(
                event,
                [accredited(event, title="Dr", given_name="Олена", family_name="Шевчишин")],
                layout,
            ),
            tmp_path,
        )
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        # The name as written (on one line or two), then the passport form beneath it.
        name = next(i for i, line in enumerate(lines) if line.endswith("Шевчишин"))
        assert "Олена" in " ".join(lines[name - 1 : name + 1]), lines
        assert "Olena Shevchyshyn" in lines[name + 1], lines


def test_a_name_in_latin_letters_is_printed_once(event, tmp_path):
    registration = accredited(event, title="Mr", given_name="Sébastien", family_name="Lecornu")
    for layout in ("a6", "id1"):
        text = pdf_text(render(event, [registration], layout), tmp_path)
        assert text.count("Lecornu") == 1, text
        assert "Sebastien" not in text


@pytest.mark.parametrize("design", [A6, ID1], ids=["a6", "id1"])
@pytest.mark.parametrize("with_photo", [False, True], ids=["no-photo", "photo"])
def test_a_long_passport_form_stays_inside_the_name_column(design, with_photo):
    register_fonts()
    face = replace(
        _face(
            "Олександра-Вікторія Ковальчук-Григоренко-Шевченко",
            b"photo" if with_photo else None,
        ),
        passport_name="Oleksandra-Viktoriia Kovalchuk-Hryhorenko-Shevchenko",
    )
    fitted = design.passport_line(face)
    width = design.name_block(face).box.width
    assert 1 <= len(fitted.lines) <= 2 and fitted.size < design.name_block(face).fitted.size
    for line in fitted.lines:
        assert stringWidth(line, REGULAR, fitted.size) <= width + 1e-6, line
    assert not design.passport_line(replace(face, passport_name="")).lines
