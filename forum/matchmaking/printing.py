"""Printable table plans: one A4 page per table (to lay on it), and one per person.

In the language of the organiser who prints them; DejaVu Sans is embedded so
Cyrillic and accented names print right (as in the programme's speaker lists).
"""

import io
from collections.abc import Iterable
from xml.sax.saxutils import escape

from flask_babel import format_datetime, format_time
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from forum.badges.design import BOLD, REGULAR, register_fonts
from forum.events.models import Event
from forum.matchmaking.meeting_models import Meeting
from forum.matchmaking.models import Participant
from forum.matchmaking.reports import event_meetings
from forum.matchmaking.setup import settings_of, tables_of

NAVY = colors.HexColor("#0b2545")
SOFT = colors.HexColor("#4a5568")
LINE = colors.HexColor("#d9dee8")
WIDTH = A4[0] - 32 * mm


class _Styles:
    def __init__(self) -> None:
        register_fonts()
        self.base = ParagraphStyle("base", fontName=REGULAR, fontSize=10, leading=13)
        self.small = ParagraphStyle("small", parent=self.base, fontSize=8.5, textColor=SOFT)
        self.title = ParagraphStyle("t", parent=self.base, fontName=BOLD, fontSize=22, leading=26)
        self.name = ParagraphStyle("n", parent=self.base, fontName=BOLD)


def _document(buffer: io.BytesIO, title: str, event: Event, language: str):
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author=event.localized("name", language),
    )


def _when(meeting: Meeting) -> str:
    return (
        format_time(meeting.slot.starts_at, "HH:mm")
        + "–"
        + format_time(meeting.slot.ends_at, "HH:mm")
    )


def _person(participant: Participant, style: _Styles) -> list:
    return [
        Paragraph(escape(participant.registration.display_name), style.name),
        Paragraph(
            escape(f"{participant.profile.organisation} · {participant.profile.country}"),
            style.small,
        ),
    ]


def _table(data: list, widths: list[float]) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), BOLD, 9),
                ("TEXTCOLOR", (0, 0), (-1, 0), SOFT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 1), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
            ]
        )
    )
    return table


def _where(event: Event, language: str) -> str:
    """The line under each page's title: the forum, and the room where the tables stand."""
    room = settings_of(event).room
    where = [event.localized("name", language)]
    if room is not None:
        where.append(room.localized("name", language))
    return " · ".join(where)


def _heading(title: str, where: str, style: _Styles) -> list:
    return [
        Paragraph(escape(title), style.title),
        Paragraph(escape(where), style.small),
        Spacer(1, 6 * mm),
    ]


def table_plan_pdf(event: Event, language: str) -> bytes:
    """One page per table: its meetings in time order, both people and their organisations."""
    style = _Styles()
    at_table: dict[int, list[Meeting]] = {}
    for meeting in event_meetings(event):
        at_table.setdefault(meeting.table_id, []).append(meeting)
    where = _where(event, language)
    buffer = io.BytesIO()
    title = _("Table plan")
    story: list = []
    for n, table in enumerate(tables_of(event)):
        if n:
            story.append(PageBreak())
        story += _heading(_("Table %(number)s", number=table.number), where, style)
        mine = at_table.get(table.id, [])
        if not mine:
            story.append(Paragraph(escape(_("No meetings at this table.")), style.base))
            continue
        data = [[_("Time"), _("Requested by"), _("Meets")]]
        for meeting in mine:
            data.append(
                [
                    Paragraph(
                        escape(
                            format_datetime(meeting.slot.starts_at, "EEE d MMM")
                            + "\n"
                            + _when(meeting)
                        ).replace("\n", "<br/>"),
                        style.base,
                    ),
                    _person(meeting.request.requester, style),
                    _person(meeting.request.recipient, style),
                ]
            )
        story.append(_table(data, [0.2 * WIDTH, 0.4 * WIDTH, 0.4 * WIDTH]))
    if not story:
        story.append(Paragraph(escape(_("No tables yet.")), style.base))
    _document(buffer, title, event, language).build(story)
    return buffer.getvalue()


def people_plan_pdf(event: Event, people: Iterable[Participant], language: str) -> bytes:
    """One page per person with meetings: when, at which table, with whom."""
    style = _Styles()
    of_person: dict[int, list[Meeting]] = {}
    for meeting in event_meetings(event):
        for person_id in (meeting.request.requester_id, meeting.request.recipient_id):
            of_person.setdefault(person_id, []).append(meeting)
    where = _where(event, language)
    buffer = io.BytesIO()
    story: list = []
    for person in people:
        mine = of_person.get(person.id)
        if not mine:
            continue
        if story:
            story.append(PageBreak())
        story += _heading(person.registration.display_name, where, style)
        story.append(Paragraph(escape(person.profile.organisation), style.base))
        story.append(Spacer(1, 4 * mm))
        data = [[_("Time"), _("Table"), _("Meets")]]
        for meeting in mine:
            other = meeting.request.other(person)
            data.append(
                [
                    Paragraph(escape(_when(meeting)), style.base),
                    Paragraph(escape(str(meeting.table.number)), style.name),
                    _person(other, style),
                ]
            )
        story.append(_table(data, [0.2 * WIDTH, 0.12 * WIDTH, 0.68 * WIDTH]))
    if not story:
        story.append(Paragraph(escape(_("No meetings yet.")), style.base))
    _document(buffer, _("Meetings per person"), event, language).build(story)
    return buffer.getvalue()
