"""Speaker lists for moderators and protocol staff: printable PDF and CSV.

Both are in the language of the organiser who downloads them: headings, roles,
session titles, rooms and guests' positions and organisations (a text not translated
yet comes in the other language); delegates' job titles as they wrote them.

The PDF embeds DejaVu Sans so Cyrillic and accented names print correctly; the CSV
is UTF-8 with a BOM (Excel opens it right) and neutralises cells that a spreadsheet
would run as formulas.
"""

import csv
import io
from xml.sax.saxutils import escape

from flask_babel import format_datetime, format_time
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from forum.badges.design import BOLD, REGULAR, register_fonts
from forum.events.models import Event
from forum.programme.models import SpeakerAssignment
from forum.text import spreadsheet_safe

FONT, FONT_BOLD = REGULAR, BOLD


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never evaluates."""
    return spreadsheet_safe("" if value is None else str(value))


def speaker_rows(event: Event, listing, language: str = "en") -> list[list[str]]:
    rows = []
    for session, assignments in listing:
        for assignment in assignments:
            person = _person(assignment, language)
            rows.append(
                [
                    format_datetime(session.starts_at, "yyyy-MM-dd"),
                    format_time(session.starts_at, "HH:mm"),
                    format_time(session.ends_at, "HH:mm"),
                    session.localized("title", language),
                    session.room.localized("name", language) if session.room else "",
                    assignment.role.label,
                    str(assignment.position),
                    assignment.name,
                    person["position"],
                    person["organisation"],
                    person["country"],
                    person["kind"],
                    person["accreditation"],
                ]
            )
    return rows


def _person(assignment: SpeakerAssignment, language: str) -> dict[str, str]:
    if assignment.speaker_profile is not None:
        p = assignment.speaker_profile
        return {
            "position": p.localized("position", language),
            "organisation": p.localized("organisation", language),
            "country": p.country,
            "kind": _("Guest speaker"),
            "accreditation": "",
        }
    r = assignment.registration
    return {
        "position": r.job_title,
        "organisation": r.organisation,
        "country": r.country,
        "kind": _("Registered delegate"),
        "accreditation": r.state.label,
    }


def speakers_csv(event: Event, listing, language: str = "en") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            _("Date"),
            _("Start"),
            _("End"),
            _("Session"),
            _("Room"),
            _("Role"),
            _("Order"),
            _("Name"),
            _("Position"),
            _("Organisation"),
            _("Country"),
            _("Speaker type"),
            _("Accreditation"),
        ]
    )
    for row in speaker_rows(event, listing, language):
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def speakers_pdf(event: Event, listing, title: str, language: str = "en") -> bytes:
    """A4 portrait: one block per session, speakers in protocol order."""
    register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=12)
    heading = ParagraphStyle("h", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20)
    session_style = ParagraphStyle("s", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, textColor=colors.HexColor("#4a5568"))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author=event.localized("name", language),
    )
    story = [
        Paragraph(escape(title), heading),
        Paragraph(escape(event.localized("name", language)), small),
        Spacer(1, 6 * mm),
    ]
    width = A4[0] - 32 * mm
    for session, assignments in listing:
        when = (
            format_datetime(session.starts_at, "EEE d MMM, HH:mm")
            + "–"
            + format_time(session.ends_at, "HH:mm")
        )
        room = session.room.localized("name", language) if session.room else ""
        head = [
            Paragraph(escape(session.localized("title", language)), session_style),
            Paragraph(
                escape(" · ".join(p for p in (when, room, session.format.label) if p)), small
            ),
            Spacer(1, 2 * mm),
        ]
        if assignments:
            data = [[_("Role"), _("Name"), _("Position and organisation"), _("Country")]]
            for a in assignments:
                person = _person(a, language)
                org = ", ".join(p for p in (person["position"], person["organisation"]) if p)
                data.append(
                    [
                        Paragraph(escape(a.role.label), base),
                        Paragraph(escape(a.name), base),
                        Paragraph(escape(org), base),
                        Paragraph(escape(person["country"]), base),
                    ]
                )
            table = Table(
                data,
                colWidths=[0.26 * width, 0.27 * width, 0.39 * width, 0.08 * width],
                repeatRows=1,
            )
            table.setStyle(
                TableStyle(
                    [
                        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
                        ("TEXTCOLOR", (0, 0), (-1, 0), colors.HexColor("#4a5568")),
                        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#0b2545")),
                        ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#d9dee8")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            head.append(table)
        else:
            head.append(Paragraph(escape(_("No speakers yet.")), small))
        head.append(Spacer(1, 6 * mm))
        story.append(KeepTogether(head))
    if not listing:
        story.append(Paragraph(escape(_("No sessions yet.")), base))
    doc.build(story)
    return buffer.getvalue()
