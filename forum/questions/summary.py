"""A registration's answers by section, as pages show them: the officers' page of a
registration and the delegate's own page (templates/questions/_answers.html)."""

from collections.abc import Callable
from dataclasses import dataclass

from forum.questions import queries, rules
from forum.questions.answers import stored_values
from forum.questions.display import AnswerWords
from forum.questions.models import Question


@dataclass(frozen=True)
class AnswerLine:
    question: Question
    text: str
    file_url: str | None = None


@dataclass(frozen=True)
class AnswerGroup:
    title: str
    lines: list[AnswerLine]


def answers_by_section(
    registration, language: str, file_url: Callable[[Question], str]
) -> list[AnswerGroup]:
    """Every question the registration answered (retired ones too) and the unanswered ones
    it is asked ("—"), by section, in `language`; `file_url(question)` links an uploaded
    file."""
    stored = queries.answers_of(registration.id)
    words = AnswerWords(language)
    sections = queries.sections_of(registration.event)
    values = {
        question.id: rules.condition_values(
            question, stored_values(question, stored.get(question.id))
        )
        for section in sections
        for question in section.questions
    }
    groups = []
    for section in sections:
        lines = []
        for question in section.questions:
            answer = stored.get(question.id)
            asked = rules.is_shown(question, registration.requested_category.value, values)
            if answer is None and not asked:
                continue
            link = file_url(question) if answer is not None and answer.file is not None else None
            lines.append(AnswerLine(question, words.answer(question, answer), link))
        if lines:
            groups.append(AnswerGroup(section.localized("title", language), lines))
    return groups
