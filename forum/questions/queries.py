"""Reads of questions and answers that the pages, exports, badges and the door share."""

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.events.models import Event
from forum.extensions import db
from forum.questions.answer_models import Answer, AnswerFile
from forum.questions.models import CONDITION_KINDS, Question, Section


def sections_of(event: Event) -> list[Section]:
    """The event's sections in their order, with their questions (retired ones too) and
    each question's section, choices and condition loaded."""
    return list(
        db.session.scalars(
            sa.select(Section)
            .where(Section.event_id == event.id)
            .order_by(Section.position, Section.id)
            .options(
                so.selectinload(Section.questions).selectinload(Question.choices),
                so.selectinload(Section.questions).joinedload(Question.condition_question),
                # From the sections just loaded, without a statement: the questions keep
                # them when only the questions are kept (questions_of), so a page grouping
                # them by section (AnswersForm.sections) reads no section again.
                so.selectinload(Section.questions).immediateload(Question.section),
            )
        )
    )


def questions_of(event: Event) -> list[Question]:
    """Every question of the event (retired ones too), in the order of the form."""
    return questions_in(sections_of(event))


def questions_in(sections: list[Section]) -> list[Question]:
    """The questions of `sections` (as sections_of loads them), in the order of the form."""
    return [question for section in sections for question in section.questions]


def filterable_questions(event: Event) -> list[Question]:
    """The event's choice and yes/no questions (retired ones too) in the form's order, with
    their choices: what the officers' list filters by, read in two statements."""
    return list(
        db.session.scalars(
            sa.select(Question)
            .join(Section, Section.id == Question.section_id)
            .where(Question.event_id == event.id, Question.kind.in_(CONDITION_KINDS))
            .order_by(Section.position, Section.id, Question.position, Question.id)
            .options(so.selectinload(Question.choices))
        )
    )


def question_of(event: Event, question_id: int) -> Question | None:
    """The event's question `question_id`, or None (another event's is None too)."""
    question = db.session.get(Question, question_id)
    return question if question is not None and question.event_id == event.id else None


def answers_of(registration_id: int) -> dict[int, Answer]:
    """A registration's answers by question id, with their choices and file (not its bytes)."""
    answers = db.session.scalars(
        sa.select(Answer)
        .where(Answer.registration_id == registration_id)
        .options(so.selectinload(Answer.chosen), so.selectinload(Answer.file))
    )
    return {answer.question_id: answer for answer in answers}


def answer_counts(event: Event) -> dict[int, int]:
    """How many registrations answered each question of the event."""
    rows = db.session.execute(
        sa.select(Answer.question_id, sa.func.count())
        .join(Question, Question.id == Answer.question_id)
        .where(Question.event_id == event.id)
        .group_by(Answer.question_id)
    )
    return dict(rows.all())


def answer_file(registration_id: int, question_id: int) -> AnswerFile | None:
    """The file a registration uploaded for a question, with its bytes."""
    return db.session.scalar(
        sa.select(AnswerFile)
        .join(Answer, Answer.id == AnswerFile.answer_id)
        .where(Answer.registration_id == registration_id, Answer.question_id == question_id)
        .options(so.undefer(AnswerFile.data))
    )
