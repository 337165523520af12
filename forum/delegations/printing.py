"""A delegation's badges printed together for collection at the desk, after a cover sheet.

The pile is a print run like any other (forum/badges/runs.py): the organiser's request
fixes which badges it takes (`pile_ids`), and the worker draws it (`pile`), cover
sheet first, then the badges in the cover sheet's order; a worker taking the run
over draws both again.

The cover sheet (A4) names the delegation and its focal point, lists every
current member in the order the badges follow (family name, given name, as the
passports print them in Latin letters) with what was printed for them, or why not
(not accredited yet, not cleared by security vetting), and leaves room for the
signature of whoever collects them.
Its headings are in English and Ukrainian, as the badges' categories are.
"""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import orm as so

from forum.badges.design import BOLD, INK, INK_SOFT, REGULAR, register_fonts
from forum.badges.services import has_badge
from forum.badges.textfit import fit_text
from forum.db import utcnow
from forum.delegations.models import Delegation
from forum.delegations.services import members_of
from forum.errors import ForumError
from forum.extensions import db
from forum.registration.models import CATEGORY_LABELS, Registration, RegistrationState

MARGIN = 18 * mm
ROW = 6.2 * mm


class PileError(ForumError):
    """A pile that cannot be printed; the message is for the organiser."""


@dataclass(frozen=True)
class CoverLine:
    number: int
    name: str
    category: str
    note: str  # "" when the badge follows


def both(text_en: str, text_uk: str) -> str:
    return f"{text_en} / {text_uk}"


def in_both(label) -> str:
    """A cover-sheet label (a lazy string) in English and Ukrainian."""
    with force_locale("en"):
        english = str(label)
    with force_locale("uk"):
        ukrainian = str(label)
    return english if english == ukrainian else both(english, ukrainian)


def not_printed_reason(registration: Registration) -> str:
    """Why a member's badge is not in the pile, for the desk."""
    if has_badge(registration):
        return in_both(_l("accredited after this pile was asked for"))
    if registration.awaiting_clearance:
        return in_both(_l("not cleared by security vetting"))
    if registration.state is RegistrationState.SUBMITTED:
        return in_both(_l("registration not confirmed yet"))
    return in_both(_l("not accredited"))


def pile_order(registrations: list[Registration]) -> list[Registration]:
    """Sorted as the desk reads names: in Latin letters, so that either script interleaves."""
    return sorted(
        registrations,
        key=lambda r: (
            (r.passport_family_name or r.family_name).casefold(),
            (r.passport_given_name or r.given_name).casefold(),
            r.id,
        ),
    )


def current_members(delegation: Delegation) -> list[Registration]:
    return [m.registration for m in members_of(delegation, with_replaced=False)]


def pile_ids(delegation: Delegation) -> list[int]:
    """The badges a pile asked for now takes: its accredited members, in the pile's order."""
    ids = [r.id for r in pile_order(current_members(delegation)) if has_badge(r)]
    if not ids:
        raise PileError(
            str(_l("No member of this delegation has a badge yet: there is nothing to print."))
        )
    return ids


def pile(
    delegation: Delegation, ids: list[int]
) -> tuple[list[Registration], Callable[[Canvas], None]]:
    """What the worker draws for a pile of the badges of `ids`: those registrations in the
    cover sheet's order, and the cover sheet.

    The cover lists the members as they are when it is drawn; a badge asked for whose
    holder left the delegation meanwhile is still printed, so it is listed too.
    """
    chosen = set(ids)
    # The badges asked for, with their photos in one query (a pile is a few dozen rows).
    asked = db.session.scalars(
        sa.select(Registration)
        .where(Registration.id.in_(chosen))
        .options(so.selectinload(Registration.photo))
    ).all()
    by_id = {r.id: r for r in current_members(delegation)} | {r.id: r for r in asked}
    everyone = pile_order(list(by_id.values()))
    printable = [r for r in everyone if r.id in chosen]
    lines = [
        CoverLine(
            number,
            r.display_name,
            in_both(CATEGORY_LABELS[r.category]),
            "" if r.id in chosen else not_printed_reason(r),
        )
        for number, r in enumerate(everyone, start=1)
    ]

    def cover(canvas: Canvas) -> None:
        draw_cover(canvas, delegation, lines, len(printable))

    return printable, cover


def draw_cover(canvas: Canvas, delegation: Delegation, lines: list[CoverLine], badges: int) -> None:
    register_fonts()
    canvas.setPageSize(A4)
    width, height = A4
    y = height - MARGIN
    canvas.setFillColor(INK_SOFT)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(MARGIN, y, delegation.event.name)
    y -= 10 * mm
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 18)
    title = fit_text(delegation.name, BOLD, width - 2 * MARGIN, 18, 10, max_lines=2)
    for line in title.lines:
        canvas.setFont(BOLD, title.size)
        canvas.drawString(MARGIN, y, line)
        y -= title.size * 1.2
    y -= 2 * mm
    canvas.setFont(REGULAR, 10)
    facts = [
        (
            in_both(_l("Focal point")),
            f"{delegation.focal_point_name} <{delegation.focal_point_email}>",
        ),
        (in_both(_l("Badges in this pile")), str(badges)),
        (
            in_both(_l("Printed")),
            utcnow().astimezone(delegation.event.tz).strftime("%Y-%m-%d %H:%M"),
        ),
    ]
    for label, value in facts:
        canvas.setFillColor(INK_SOFT)
        canvas.drawString(MARGIN, y, label)
        canvas.setFillColor(INK)
        canvas.drawString(MARGIN + 82 * mm, y, value)
        y -= ROW
    y -= 4 * mm
    canvas.setFont(BOLD, 9)
    columns = (MARGIN, MARGIN + 9 * mm, MARGIN + 70 * mm, MARGIN + 115 * mm)
    note_width = width - MARGIN - columns[3]
    headings = ("#", in_both(_l("Name")), in_both(_l("Category")), in_both(_l("Badge")))
    for x, heading in zip(columns, headings, strict=True):
        canvas.drawString(x, y, heading)
    y -= 2 * mm
    canvas.line(MARGIN, y, width - MARGIN, y)
    y -= ROW - 1 * mm
    canvas.setFont(REGULAR, 9)
    for line in lines:
        if y < MARGIN + 30 * mm:
            canvas.showPage()
            canvas.setPageSize(A4)
            canvas.setFont(REGULAR, 9)
            y = height - MARGIN
        name = fit_text(line.name, REGULAR, 59 * mm, 9, 6, max_lines=1)
        note = fit_text("— " + line.note, REGULAR, note_width, 8, 6, max_lines=2)
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, 9)
        canvas.drawString(columns[0], y, str(line.number))
        canvas.setFont(REGULAR, name.size)
        canvas.drawString(columns[1], y, name.lines[0])
        canvas.setFont(REGULAR, 9)
        canvas.drawString(columns[2], y, line.category)
        if line.note:
            canvas.setFillColor(INK_SOFT)
            canvas.setFont(REGULAR, note.size)
            for extra, text in enumerate(note.lines):
                canvas.drawString(columns[3], y - extra * note.size * 1.15, text)
            y -= (len(note.lines) - 1) * note.size * 1.15
        else:
            canvas.drawString(columns[3], y, "✓")
        y -= ROW
    y = max(y - 10 * mm, MARGIN + 22 * mm)
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 10)
    canvas.drawString(MARGIN, y, in_both(_l("Collected by")) + ": " + "_" * 40)
    canvas.drawString(MARGIN, y - 10 * mm, in_both(_l("Signature")) + ": " + "_" * 40)
