"""The form's layout: its sections (titles in English and Ukrainian) and the order of
sections and questions, by numbers or by dragging. Services flush; the request commits."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.events.models import Event
from forum.extensions import db
from forum.questions.errors import QuestionError
from forum.questions.models import Question, Section


def create_section(event: Event, title: str, title_uk: str = "") -> Section:
    """A new section at the end of the form."""
    last = db.session.scalar(
        sa.select(sa.func.max(Section.position)).where(Section.event_id == event.id)
    )
    section = Section(
        event_id=event.id, title=title.strip(), title_uk=title_uk.strip(), position=(last or 0) + 1
    )
    db.session.add(section)
    db.session.flush()
    record("question_section.created", section, title=section.title)
    return section


def update_section(section: Section, title: str, title_uk: str = "") -> None:
    section.title, section.title_uk = title.strip(), title_uk.strip()
    db.session.flush()
    record("question_section.updated", section, title=section.title)


def delete_section(section: Section) -> None:
    """Delete an empty section; one that holds questions (retired ones too) is refused."""
    if section.questions:
        raise QuestionError(
            _l("Move or delete the questions of this section first: it is not empty.")
        )
    record("question_section.deleted", section, title=section.title)
    db.session.delete(section)
    db.session.flush()


def reorder(event: Event, sections: dict[int, int], questions: dict[int, int]) -> None:
    """Set the positions organisers gave (by numbers, or by dragging): section id ->
    position, question id -> position within its section. Ids of another event are ignored."""
    for section in db.session.scalars(
        sa.select(Section).where(Section.event_id == event.id, Section.id.in_(sections))
    ):
        section.position = sections[section.id]
    for question in db.session.scalars(
        sa.select(Question).where(Question.event_id == event.id, Question.id.in_(questions))
    ):
        question.position = questions[question.id]
    db.session.flush()
    record("questions.reordered", None)
