"""What a badge looks like: the A6 portrait badge and the ID-1 card, drawn on a canvas.

Drawing knows nothing of the database: it takes a BadgeFace, a plain record
of what is printed. Every box that text is fitted into is a BadgeBox, so the
tests can check the printed text against the very box it was drawn in.
"""

import hashlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from forum.badges.qr import draw_qr
from forum.badges.textfit import ELLIPSIS, FittedText, fit_text

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

NAVY = HexColor("#0b2545")
BLUE = HexColor("#0057b7")
YELLOW = HexColor("#ffd500")
INK = HexColor("#14213d")
INK_SOFT = HexColor("#4a5568")
HEADER_SOFT = HexColor("#c9d3e6")
PHOTO_FRAME = HexColor("#d9dee8")
WHITE = HexColor("#ffffff")


def register_fonts() -> None:
    """Embed DejaVu Sans (Latin with accents, Cyrillic, Greek); registered once per process."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name, filename in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))


@dataclass(frozen=True)
class BadgeFace:
    """Everything printed on one badge."""

    name: str
    organisation: str
    country: str
    category_label: str
    category_label_uk: str
    colour: str
    token: str
    event_name: str
    event_name_uk: str
    event_when: str
    photo: bytes | None = field(default=None, repr=False)
    # The name as the passport prints it, when it differs from `name`: printed smaller
    # beneath it, for the guards to compare with the ID document.
    passport_name: str = ""
    # One answer to the organisers' questions ("Interpretation: French"), a small line
    # between the text and the QR code (forum/questions/badges.py).
    answer_line: str = ""


@dataclass(frozen=True)
class BadgeBox:
    """A rectangle on the badge (points, from the badge's lower-left corner)."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class NameBlock:
    box: BadgeBox
    fitted: FittedText
    leading: float


@dataclass(frozen=True)
class Design:
    """A badge design: its size, and how to draw one face at an origin."""

    key: str
    width: float
    height: float

    def draw(self, canvas, face: BadgeFace, x: float = 0, y: float = 0) -> None:
        canvas.saveState()
        canvas.translate(x, y)
        DRAWERS[self.key](canvas, face)
        canvas.restoreState()

    def name_block(self, face: BadgeFace) -> NameBlock:
        """Where and how the name is printed: for drawing, and for the tests."""
        return NAME_BLOCKS[self.key](face)

    def passport_line(self, face: BadgeFace) -> FittedText:
        """The passport form of the name as fitted beneath it (no lines when there is none)."""
        width = self.name_block(face).box.width
        return _fit_passport(face.passport_name, width, *PASSPORT_SIZES[self.key])


A6 = Design("a6", 105 * mm, 148 * mm)
ID1 = Design("id1", 85.6 * mm, 54 * mm)


# -- A6 portrait ---------------------------------------------------------------------------

A6_MARGIN = 5 * mm  # white safe margin: desktop printers and guillotines are not exact
A6_HEADER = 24 * mm
A6_BAND = 21 * mm
A6_QR = 40 * mm
A6_PHOTO = (25 * mm, 31 * mm)


def _a6_text_column(face: BadgeFace) -> tuple[float, float, bool]:
    """x and width of the name/organisation column; centred when there is no photo."""
    inner = A6.width - 2 * A6_MARGIN
    if face.photo:
        left = A6_MARGIN + A6_PHOTO[0] + 4 * mm
        return left, A6.width - A6_MARGIN - left, False
    return A6_MARGIN + 3 * mm, inner - 6 * mm, True


def _a6_name_block(face: BadgeFace) -> NameBlock:
    x, width, _ = _a6_text_column(face)
    top = A6.height - A6_MARGIN - A6_HEADER - 6 * mm
    box = BadgeBox(x, top - 22 * mm, width, 22 * mm)
    return _fit_name(face.name, box, 26 if not face.photo else 21, 11)


def _draw_a6(canvas, face: BadgeFace) -> None:
    w, h, m = A6.width, A6.height, A6_MARGIN
    inner = w - 2 * m
    header_key = ("a6-header", face.event_name, face.event_name_uk, face.event_when)
    _reused(
        canvas,
        header_key,
        m,
        h - m - A6_HEADER,
        inner,
        A6_HEADER,
        lambda: _header(canvas, face, 0, 0, inner, A6_HEADER, scale=1.0),
    )

    block = _a6_name_block(face)
    _, _, centred = _a6_text_column(face)
    if face.photo:
        _photo(canvas, face.photo, m, h - m - A6_HEADER - 6 * mm - A6_PHOTO[1], *A6_PHOTO)
    y = _draw_lines(canvas, block, BOLD, INK, centred)
    box = block.box
    y = _draw_passport(canvas, A6.passport_line(face), box, y, 1.5 * mm, centred)
    organisation = fit_text(face.organisation, REGULAR, box.width, 12, 8)
    y -= 3 * mm
    y = _draw_fitted(canvas, organisation, REGULAR, INK, box.x, box.width, y, centred)
    y -= 1.2 * mm
    country = _fit_spaced(face.country.upper(), box.width, 8.5, 6, 0.6)
    y = _draw_fitted(canvas, country, BOLD, INK_SOFT, box.x, box.width, y, centred, spacing=0.6)

    band_y = m
    qr_y = band_y + A6_BAND + 5.5 * mm
    _draw_answer(canvas, face.answer_line, m + 3 * mm, inner - 6 * mm, y, qr_y + A6_QR, "a6")
    draw_qr(canvas, face.token, (w - A6_QR) / 2, qr_y, A6_QR)
    band_key = ("a6-band", face.category_label, face.category_label_uk, face.colour)
    _reused(
        canvas,
        band_key,
        m,
        band_y,
        inner,
        A6_BAND,
        lambda: _band(canvas, face, 0, 0, inner, A6_BAND, 19, 10.5),
    )


# -- ID-1 card (landscape) -----------------------------------------------------------------

ID1_MARGIN = 2.5 * mm
ID1_HEADER = 8.5 * mm
ID1_BAND = 7.5 * mm
ID1_QR = 27 * mm
ID1_PHOTO = (15 * mm, 19 * mm)


def _id1_name_block(face: BadgeFace) -> NameBlock:
    m = ID1_MARGIN
    left = m + 1.5 * mm + ((ID1_PHOTO[0] + 2.5 * mm) if face.photo else 0)
    right = ID1.width - m - ID1_QR - 1 * mm
    top = ID1.height - m - ID1_HEADER - 2.5 * mm
    box = BadgeBox(left, top - 10.5 * mm, right - left, 10.5 * mm)
    return _fit_name(face.name, box, 13, 6.5)


def _draw_id1(canvas, face: BadgeFace) -> None:
    w, h, m = ID1.width, ID1.height, ID1_MARGIN
    inner = w - 2 * m
    header_key = ("id1-header", face.event_name, face.event_when)
    _reused(
        canvas,
        header_key,
        m,
        h - m - ID1_HEADER,
        inner,
        ID1_HEADER,
        lambda: _header(canvas, face, 0, 0, inner, ID1_HEADER, scale=0.62, one_line=True),
    )
    block = _id1_name_block(face)
    if face.photo:
        photo_y = h - m - ID1_HEADER - 2.5 * mm - ID1_PHOTO[1]
        _photo(canvas, face.photo, m + 1.5 * mm, photo_y, *ID1_PHOTO)
    y = _draw_lines(canvas, block, BOLD, INK, centred=False)
    box = block.box
    y = _draw_passport(canvas, ID1.passport_line(face), box, y, 0.8 * mm, False)
    organisation = fit_text(face.organisation, REGULAR, box.width, 7.5, 5.5)
    y -= 1.6 * mm
    y = _draw_fitted(canvas, organisation, REGULAR, INK, box.x, box.width, y, False)
    y -= 0.8 * mm
    country = _fit_spaced(face.country.upper(), box.width, 5.5, 4.5, 0.4)
    y = _draw_fitted(canvas, country, BOLD, INK_SOFT, box.x, box.width, y, False, spacing=0.4)
    answer_x = m + 1.5 * mm
    answer_top = min(y, h - m - ID1_HEADER - 2.5 * mm - ID1_PHOTO[1]) if face.photo else y
    answer_width = w - m - ID1_QR - 1 * mm - answer_x
    _draw_answer(canvas, face.answer_line, answer_x, answer_width, answer_top, m + ID1_BAND, "id1")

    qr_x = w - m - ID1_QR
    qr_y = m + ID1_BAND + (h - 2 * m - ID1_HEADER - ID1_BAND - ID1_QR) / 2
    draw_qr(canvas, face.token, qr_x, qr_y, ID1_QR)
    band_key = ("id1-band", face.category_label, face.category_label_uk, face.colour)
    _reused(
        canvas,
        band_key,
        m,
        m,
        inner,
        ID1_BAND,
        lambda: _band(canvas, face, 0, 0, inner, ID1_BAND, 9.5, 0, one_line=True),
    )


# -- shared parts ----------------------------------------------------------------------------

NAME_LEADING = 1.12


def _fit_name(name: str, box: BadgeBox, max_size: float, min_size: float) -> NameBlock:
    """The name as large as it goes on one or two lines; a third, smaller, rather than cut."""
    fitted = fit_text(name, BOLD, box.width, max_size, min_size, max_lines=2)
    if fitted.lines and fitted.lines[-1].endswith(ELLIPSIS) and not name.endswith(ELLIPSIS):
        three_lines = min(max_size, box.height / (3 * NAME_LEADING))
        fitted = fit_text(name, BOLD, box.width, three_lines, min_size * 0.7, max_lines=3)
    return NameBlock(box, fitted, fitted.size * NAME_LEADING)


# (largest, smallest) size of the passport line, by design: well below the name's.
PASSPORT_SIZES = {"a6": (11, 7), "id1": (6.5, 4.5)}


def _fit_passport(passport_name: str, width: float, max_size: float, min_size: float):
    return fit_text(passport_name, REGULAR, width, max_size, min_size, max_lines=2)


def _draw_passport(canvas, fitted: FittedText, box: BadgeBox, y: float, gap: float, centred):
    """The passport form `gap` below the name at `y`; returns the y below it (`y` when
    there is none)."""
    if not fitted.lines:
        return y
    return _draw_fitted(canvas, fitted, REGULAR, INK_SOFT, box.x, box.width, y - gap, centred)


# (largest, smallest) size of the answer line, by design: small print, as the passport line.
ANSWER_SIZES = {"a6": (9, 6), "id1": (5.5, 4.5)}
ANSWER_GAP = 1 * mm  # at least this far from the text above and the code or band below


def fit_answer(text: str, width: float, design_key: str, room: float) -> FittedText:
    """The answer line, one line, as large as its sizes and the `room` (points) allow."""
    largest, smallest = ANSWER_SIZES[design_key]
    size = max(smallest, min(largest, (room - 2 * ANSWER_GAP) / 1.1))
    return fit_text(text, BOLD, width, size, smallest, max_lines=1)


def answer_top(fitted: FittedText, top: float, bottom: float) -> float:
    """Where the line's top goes: in the middle of the room between `top` and `bottom`."""
    room = top - bottom
    return bottom + ANSWER_GAP + fitted.size + max(0.0, (room - 2 * ANSWER_GAP - fitted.size) / 2)


def _draw_answer(canvas, text: str, x, width, top, bottom, design_key: str) -> None:
    """The answer line centred (A6) or left-aligned (ID-1) between `top` and `bottom`."""
    if not text:
        return
    fitted = fit_answer(text, width, design_key, top - bottom)
    centred = design_key == "a6"
    reset = canvas.beginText()  # the letter-spaced country above leaves its spacing (Tc) set
    reset.setCharSpace(0)
    canvas.drawText(reset)
    _draw_fitted(canvas, fitted, BOLD, BLUE, x, width, answer_top(fitted, top, bottom), centred)


def _reused(canvas, key: tuple, x: float, y: float, width: float, height: float, draw) -> None:
    """Draw a part that repeats on many badges once per PDF, as a form, then place it.

    The event header and the category bands are the same on hundreds of badges;
    as forms they are written once: smaller files and a faster print run.
    """
    forms = canvas.__dict__.setdefault("_badge_forms", set())
    name = "Badge" + hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:16]
    if name not in forms:
        canvas.beginForm(name, 0, 0, width, height)
        draw()
        canvas.endForm()
        forms.add(name)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(name)
    canvas.restoreState()


def _header(canvas, face, x, y, width, height, scale, one_line=False) -> None:
    """The navy event panel with the forum mark, event name(s), dates and place."""
    canvas.setFillColor(NAVY)
    canvas.roundRect(x, y, width, height, 2 * mm * scale, stroke=0, fill=1)
    mark = height * (0.5 if not one_line else 0.62)
    mark_x, mark_y = x + height * 0.22, y + (height - mark) / 2
    _mark(canvas, mark_x, mark_y, mark)
    text_x = mark_x + mark + height * 0.2
    text_w = x + width - text_x - height * 0.18
    if one_line:
        name = fit_text(face.event_name, BOLD, text_w, 7, 5, max_lines=1)
        when = fit_text(face.event_when, REGULAR, text_w, 5.5, 4.5, max_lines=1)
        top = y + height / 2 + 0.4 * mm
        _draw_fitted(canvas, name, BOLD, WHITE, text_x, text_w, top + name.size * 0.75, False)
        _draw_fitted(canvas, when, REGULAR, YELLOW, text_x, text_w, top - 0.6 * mm, False)
        return
    name = fit_text(face.event_name, BOLD, text_w, 10.5, 7.5)
    parts = [(name, BOLD, WHITE, 1.0 * mm)]
    if face.event_name_uk and face.event_name_uk != face.event_name:
        parts.append(
            (fit_text(face.event_name_uk, REGULAR, text_w, 7, 5.5), REGULAR, HEADER_SOFT, 1.5 * mm)
        )
    parts.append((fit_text(face.event_when, BOLD, text_w, 7.5, 6, max_lines=1), BOLD, YELLOW, 0))
    total = sum(len(f.lines) * f.size * 1.15 + gap for f, _, _, gap in parts)
    cursor = y + (height + total) / 2
    for fitted, font, colour, gap in parts:
        cursor = _draw_fitted(canvas, fitted, font, colour, text_x, text_w, cursor, False) - gap


def _mark(canvas, x, y, size) -> None:
    """The forum mark (static/img/mark.svg): blue and yellow bars over a yellow dot."""
    unit = size / 36
    canvas.setFillColor(HexColor("#13335e"))
    canvas.roundRect(x, y, size, size, 8 * unit, stroke=0, fill=1)
    canvas.setFillColor(BLUE)
    canvas.rect(x + 8 * unit, y + 21 * unit, 20 * unit, 5 * unit, stroke=0, fill=1)
    canvas.setFillColor(YELLOW)
    canvas.rect(x + 8 * unit, y + 16 * unit, 20 * unit, 5 * unit, stroke=0, fill=1)
    canvas.circle(x + 18 * unit, y + 10 * unit, 3 * unit, stroke=0, fill=1)


def _band(canvas, face, x, y, width, height, size, size_uk, one_line=False) -> None:
    """The category colour band: the label in English and Ukrainian, white on colour."""
    canvas.setFillColor(HexColor(face.colour))
    canvas.roundRect(x, y, width, height, 1.5 * mm, stroke=0, fill=1)
    canvas.setFillColor(WHITE)
    if one_line:
        text = face.category_label.upper()
        if face.category_label_uk and face.category_label_uk != face.category_label:
            text += "  ·  " + face.category_label_uk.upper()
        fitted = fit_text(text, BOLD, width - 4 * mm, size, 5, max_lines=1)
        canvas.setFont(BOLD, fitted.size)
        canvas.drawCentredString(
            x + width / 2, y + (height - fitted.size * 0.72) / 2, fitted.lines[0]
        )
        return
    label = fit_text(face.category_label.upper(), BOLD, width - 6 * mm, size, 9, max_lines=1)
    uk = face.category_label_uk.upper() if face.category_label_uk != face.category_label else ""
    canvas.setFont(BOLD, label.size)
    if not uk:
        canvas.drawCentredString(
            x + width / 2, y + (height - label.size * 0.72) / 2, label.lines[0]
        )
        return
    below = fit_text(uk, REGULAR, width - 6 * mm, size_uk, 6, max_lines=1)
    block = label.size * 0.72 + 2 * mm + below.size * 0.72
    base = y + (height - block) / 2
    canvas.drawCentredString(x + width / 2, base + below.size * 0.72 + 2 * mm, label.lines[0])
    canvas.setFont(REGULAR, below.size)
    canvas.drawCentredString(x + width / 2, base, below.lines[0])


class JpegReader(ImageReader):
    """An ImageReader that names a JPEG by a hash of its bytes instead of decoding it.

    canvas.drawImage decodes every image to RGB only to tell repeated images
    apart, about 5 ms a photo; the JPEG itself is embedded as it is either way.
    """

    def getRGBData(self):
        if getattr(self, "jpeg_fh", None) is None or self.jpeg_fh() is None:
            return super().getRGBData()
        self._dataA = None  # a JPEG has no alpha channel
        handle = self.jpeg_fh()
        digest = hashlib.sha256(handle.read()).digest()
        handle.seek(0)
        return digest


def _photo(canvas, data: bytes, x, y, width, height) -> None:
    """The delegate's photo, cropped to fill the frame, in a thin rounded border."""
    try:
        image = JpegReader(BytesIO(data))
        image_w, image_h = image.getSize()
    except Exception:  # a damaged photo must not stop a print run of hundreds
        return
    scale = max(width / image_w, height / image_h)
    draw_w, draw_h = image_w * scale, image_h * scale
    canvas.saveState()
    path = canvas.beginPath()
    path.roundRect(x, y, width, height, 1.2 * mm)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.drawImage(image, x + (width - draw_w) / 2, y + (height - draw_h) / 2, draw_w, draw_h)
    canvas.restoreState()
    canvas.setStrokeColor(PHOTO_FRAME)
    canvas.setLineWidth(0.6)
    canvas.roundRect(x, y, width, height, 1.2 * mm, stroke=1, fill=0)


def _fit_spaced(text: str, width: float, max_size: float, min_size: float, spacing: float):
    """One line of letter-spaced bold capitals (the country)."""
    return fit_text(text, BOLD, width - spacing * max(len(text) - 1, 0), max_size, min_size, 1)


def _draw_lines(canvas, block: NameBlock, font, colour, centred) -> float:
    """Draw the name top-aligned in its box; returns the y just below the last line."""
    box = block.box
    return _draw_fitted(
        canvas,
        block.fitted,
        font,
        colour,
        box.x,
        box.width,
        box.y + box.height,
        centred,
        leading=block.leading,
    )


def _draw_fitted(
    canvas, fitted, font, colour, x, width, top, centred, spacing=0.0, leading=None
) -> float:
    """Draw fitted lines downwards from `top`; returns the y below the last line."""
    if not fitted.lines:
        return top
    leading = leading or fitted.size * 1.18
    canvas.setFillColor(colour)
    y = top - fitted.size * 0.78  # cap height of DejaVu Sans is about 0.73 em
    for line in fitted.lines:
        if spacing:
            text = canvas.beginText()
            text.setFont(font, fitted.size)
            text.setCharSpace(spacing)
            line_w = pdfmetrics.stringWidth(line, font, fitted.size) + spacing * (len(line) - 1)
            text.setTextOrigin(x + (width - line_w) / 2 if centred else x, y)
            text.textOut(line)
            canvas.drawText(text)
        else:
            canvas.setFont(font, fitted.size)
            if centred:
                canvas.drawCentredString(x + width / 2, y, line)
            else:
                canvas.drawString(x, y, line)
        y -= leading
    return y + leading - fitted.size * 0.25


DRAWERS = {"a6": _draw_a6, "id1": _draw_id1}
NAME_BLOCKS = {"a6": _a6_name_block, "id1": _id1_name_block}
