"""Badge PDFs: one badge a page (A6, ID-1) or sheets of badges on A4 with cut marks.

Badges are drawn as they come from an iterable, page after page, so a print
run never holds more than one badge's data at a time.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from forum.badges.design import A6, ID1, BadgeFace, Design, register_fonts

# ReportLab wraps every compressed stream in ASCII85 (for 7-bit mail channels of old),
# in pure Python: a third of the time of 1,000 badges, and 25 % more bytes. Binary
# streams are plain PDF since version 1.0; every reader takes them.
rl_config.useA85 = 0

CUT_MARK = 8 * mm  # long enough to show past a desktop printer's 4-5 mm unprintable edge
CUT_MARK_GAP = 2 * mm  # marks in a page margin stop short of the badge


@dataclass(frozen=True)
class Layout:
    """How badges sit on paper: a page size and the lower-left corners of the badge slots."""

    key: str
    design: Design
    page: tuple[float, float]
    slots: tuple[tuple[float, float], ...]

    @property
    def per_page(self) -> int:
        return len(self.slots)

    @property
    def is_sheet(self) -> bool:
        return len(self.slots) > 1


def _grid(design: Design, columns: int, rows: int, page=A4) -> tuple[tuple[float, float], ...]:
    """Slots of a gap-free grid centred on the page, filled row by row from the top left."""
    left = (page[0] - columns * design.width) / 2
    bottom = (page[1] - rows * design.height) / 2
    return tuple(
        (left + column * design.width, bottom + (rows - 1 - row) * design.height)
        for row in range(rows)
        for column in range(columns)
    )


LAYOUTS = {
    "a6": Layout("a6", A6, (A6.width, A6.height), ((0, 0),)),
    "id1": Layout("id1", ID1, (ID1.width, ID1.height), ((0, 0),)),
    "a4-a6": Layout("a4-a6", A6, A4, _grid(A6, 2, 2)),
    "a4-id1": Layout("a4-id1", ID1, A4, _grid(ID1, 2, 5)),
}
DEFAULT_LAYOUT = "a6"


def draw_cut_marks(canvas: Canvas, layout: Layout) -> None:
    """Hairlines along every trim line at the page edges, outside the badges' content.

    Badge content keeps a white safe margin, so marks that reach into a badge
    (when the grid fills the page, as 4 x A6 on A4 does) never touch print.
    """
    page_w, page_h = layout.page
    xs = sorted({x for x, _ in layout.slots} | {x + layout.design.width for x, _ in layout.slots})
    ys = sorted({y for _, y in layout.slots} | {y + layout.design.height for _, y in layout.slots})
    left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.25)
    for x in xs:
        for start, direction, room in ((bottom, -1, bottom), (top, 1, page_h - top)):
            a, b = _mark_span(start, direction, room)
            canvas.line(x, a, x, b)
    for y in ys:
        for start, direction, room in ((left, -1, left), (right, 1, page_w - right)):
            a, b = _mark_span(start, direction, room)
            canvas.line(a, y, b, y)
    canvas.restoreState()


def _mark_span(edge: float, direction: int, room: float) -> tuple[float, float]:
    """Where a mark runs: in the page margin when there is room, else in from the page edge."""
    if room >= CUT_MARK_GAP + 4 * mm:
        length = min(CUT_MARK, room - CUT_MARK_GAP)
        return edge + direction * CUT_MARK_GAP, edge + direction * (CUT_MARK_GAP + length)
    page_edge = edge + direction * room
    return page_edge, page_edge - direction * CUT_MARK


def render_badges(
    faces: Iterable[BadgeFace],
    out: BinaryIO,
    layout: str | Layout = DEFAULT_LAYOUT,
    title: str = "Badges",
    on_badge: Callable[[int], None] | None = None,
    cover: Callable[[Canvas], None] | None = None,
) -> int:
    """Draw every face into a PDF written to `out`; returns the number of badges.

    `on_badge(n)` is called after each badge (for progress). `cover(canvas)` draws a
    first page before the badges (it may set its own page size). An empty iterable
    gives a PDF that says so, never a broken file.
    """
    register_fonts()
    layout = LAYOUTS[layout] if isinstance(layout, str) else layout
    canvas = Canvas(out, pagesize=layout.page, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("forum")
    if cover is not None:
        cover(canvas)
        canvas.showPage()
        canvas.setPageSize(layout.page)
    count = 0
    for face in faces:
        slot = count % layout.per_page
        if slot == 0:
            if count:
                canvas.showPage()
            if layout.is_sheet:
                draw_cut_marks(canvas, layout)
        layout.design.draw(canvas, face, *layout.slots[slot])
        count += 1
        if on_badge is not None:
            on_badge(count)
    if count == 0:
        canvas.setFont("DejaVuSans", 9)
        canvas.drawString(5 * mm, layout.page[1] / 2, "No badges to print.")
    canvas.showPage()
    canvas.save()
    return count
