"""The answers as the accreditation officers see them: on a registration's page, as filters
of their list, and as columns of their exports (one per question, retired ones included)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from forum.events.models import Event
from forum.extensions import db
from forum.questions import queries, rules
from forum.questions.answer_models import Answer, AnswerFile, answer_choices
from forum.questions.answers import stored_values
from forum.questions.display import AnswerWords
from forum.questions.models import NO, YES, Question, QuestionKind


@dataclass(frozen=True)
class AnswerLine:
    question: Question
    text: str
    file_url: str | None = None


@dataclass(frozen=True)
class AnswerGroup:
    title: str
    lines: list[AnswerLine]


def answers_for_officers(registration, language: str) -> list[AnswerGroup]:
    """A registration's answers by section: every question it answered (retired ones too),
    and the unanswered ones it is asked ("—")."""
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
            file_url = None
            if answer is not None and answer.file is not None:
                file_url = url_for(
                    "questions.officer_file",
                    registration_id=registration.id,
                    question_id=question.id,
                )
            lines.append(AnswerLine(question, words.answer(question, answer), file_url))
        if lines:
            groups.append(AnswerGroup(section.localized("title", language), lines))
    return groups


# -- the list's filter -----------------------------------------------------------------------


def filter_options(event: Event, language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The officers' "Answer" filter: per choice or yes/no question, its answers as
    (value for forum.registration.search, label)."""
    groups = []
    for question in queries.questions_of(event):
        title = question.title_in(language)
        if question.is_retired:
            title = _("%(question)s (retired)", question=title)
        if question.kind is QuestionKind.YES_NO:
            options = [(f"{YES[0]}{question.id}", _("Yes")), (f"{NO[0]}{question.id}", _("No"))]
        elif question.has_choices:
            options = [(f"c{c.id}", c.localized("label", language)) for c in question.choices]
        else:
            continue
        groups.append((title, options))
    return groups


# -- the exports' columns ----------------------------------------------------------------------


def export_columns(
    event: Event, registration_ids: sa.Select, language: str
) -> list[tuple[str, Callable]]:
    """(header, value getter) of one column per question of the event, for the registrations
    `registration_ids` selects: three statements for the whole export, whatever its size."""
    questions = queries.questions_of(event)
    if not questions:
        return []
    words = AnswerWords(language, iso_dates=True)
    by_id = {q.id: q for q in questions}
    values: dict[tuple[int, int], object] = {}
    consents: dict[tuple[int, int], str] = {}
    rows = db.session.execute(
        sa.select(
            Answer.registration_id,
            Answer.question_id,
            Answer.text,
            Answer.number,
            Answer.date_value,
            Answer.flag,
            Answer.consent_version,
        ).where(Answer.question_id.in_(by_id), Answer.registration_id.in_(registration_ids))
    )
    for registration_id, question_id, text, number, day, flag, version in rows:
        kind = by_id[question_id].kind
        key = (registration_id, question_id)
        if kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
            values[key] = flag
            consents[key] = version
        elif kind is QuestionKind.NUMBER:
            values[key] = number
        elif kind is QuestionKind.DATE:
            values[key] = day
        elif kind not in (
            QuestionKind.FILE,
            QuestionKind.SINGLE_CHOICE,
            QuestionKind.MULTIPLE_CHOICE,
        ):
            values[key] = text
    chosen: dict[tuple[int, int], list[int]] = defaultdict(list)
    for registration_id, question_id, choice_id in db.session.execute(
        sa.select(Answer.registration_id, Answer.question_id, answer_choices.c.choice_id)
        .join(answer_choices, answer_choices.c.answer_id == Answer.id)
        .where(Answer.question_id.in_(by_id), Answer.registration_id.in_(registration_ids))
    ):
        chosen[(registration_id, question_id)].append(choice_id)
    values.update(chosen)
    for registration_id, question_id, filename in db.session.execute(
        sa.select(Answer.registration_id, Answer.question_id, AnswerFile.filename)
        .join(AnswerFile, AnswerFile.answer_id == Answer.id)
        .where(Answer.question_id.in_(by_id), Answer.registration_id.in_(registration_ids))
    ):
        values[(registration_id, question_id)] = filename
    columns = []
    for question in questions:
        header = question.title_in(language)
        if question.is_retired:
            header = _("%(question)s (retired)", question=header)
        columns.append((header, _getter(question, values, consents, words)))
    return columns


def _getter(question: Question, values, consents, words: AnswerWords) -> Callable:
    def value(registration) -> str | int:
        key = (registration.id, question.id)
        found = values.get(key)
        if question.kind is QuestionKind.NUMBER and found is not None:
            return found  # a number cell in a spreadsheet
        return words.text(question, found, consents.get(key, ""))

    return value
