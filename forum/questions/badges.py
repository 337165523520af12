"""The answers printed on badges and shown at the door: one chosen question each per event.

A badge prints "Interpretation: French" as a small line (forum/badges/design.py),
in English like the rest of the badge's details; the door's green screen shows the
same kind of line in the scanner's language (forum.checkin.services.ScanAnswer).
"""

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.events.models import Event
from forum.extensions import db
from forum.questions.answer_models import Answer
from forum.questions.display import AnswerWords
from forum.questions.models import Question

BADGE_LANGUAGE = "en"


def _chosen_question(event_id: int, flag) -> Question | None:
    return db.session.scalar(
        sa.select(Question)
        .where(Question.event_id == event_id, flag, Question.retired_at.is_(None))
        .options(so.selectinload(Question.choices))
    )


def _answer(question: Question, registration_id: int) -> Answer | None:
    return db.session.scalar(
        sa.select(Answer)
        .where(Answer.question_id == question.id, Answer.registration_id == registration_id)
        .options(so.selectinload(Answer.chosen))
    )


class BadgeLines:
    """The badge line of each registration ("Interpretation: French"), for one print run: the
    question printed on badges is read once, each registration's answer when its badge is
    drawn (a run draws its badges a batch at a time; a badge is often printed alone)."""

    def __init__(self, event: Event) -> None:
        self.question = _chosen_question(event.id, Question.on_badge)
        self.words = AnswerWords(BADGE_LANGUAGE)
        self.title = self.question.title_in(BADGE_LANGUAGE) if self.question else ""

    def line(self, registration_id: int) -> str:
        if self.question is None:
            return ""
        text = self.words.answer(self.question, _answer(self.question, registration_id))
        return f"{self.title}: {text}" if text else ""


def door_answers(event_id: int, language: str) -> dict[int, dict]:
    """{registration id: {"label", "text"}} of the question shown at the door, for every
    registration that answered it, in `language`: the scanner's offline list shows the same
    line as the green screen online (door_answer). Two statements, whatever the number."""
    question = _chosen_question(event_id, Question.at_door)
    if question is None:
        return {}
    words = AnswerWords(language)
    label = question.title_in(language)
    answers = db.session.scalars(
        sa.select(Answer)
        .where(Answer.question_id == question.id)
        .options(so.selectinload(Answer.chosen))
    )
    found = {}
    for answer in answers:
        text = words.answer(question, answer)
        if text:
            found[answer.registration_id] = {"label": label, "text": text}
    return found


def door_answer(event_id: int, registration_id: int, language: str) -> dict | None:
    """{"label", "text"} of the question shown at the door for this registration, in
    `language`; None when no question is chosen or it was not answered."""
    question = _chosen_question(event_id, Question.at_door)
    if question is None:
        return None
    text = AnswerWords(language).answer(question, _answer(question, registration_id))
    return {"label": question.title_in(language), "text": text} if text else None
