"""The answers as the accreditation officers see them: on a registration's page, as filters
of their list, and as columns of their exports (one per question, retired ones included)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from forum.events.models import Event
from forum.extensions import db
from forum.i18n import country_name
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
    `registration_ids` selects: three statements for the whole export, whatever its size,
    each answer turned into its cell once (a number stays a number for the spreadsheet)."""
    questions = queries.questions_of(event)
    if not questions:
        return []
    cell_of, chosen_cell = _cell_makers(questions, AnswerWords(language, iso_dates=True))
    cells: dict[tuple[int, int], object] = {}
    # Core statements on the tables: plain rows, without the ORM's loading per row.
    answers, files = Answer.__table__.c, AnswerFile.__table__.c
    mine = sa.and_(
        answers.question_id.in_(list(cell_of)), answers.registration_id.in_(registration_ids)
    )
    rows = db.session.execute(
        sa.select(
            answers.registration_id,
            answers.question_id,
            answers.text,
            answers.number,
            answers.date_value,
            answers.flag,
            answers.consent_version,
        ).where(mine)
    ).all()
    for registration_id, question_id, text, number, day, flag, version in rows:
        cell = cell_of[question_id](text, number, day, flag, version)
        if cell is not None:
            cells[registration_id, question_id] = cell
    chosen: dict[tuple[int, int], list[int]] = defaultdict(list)
    for registration_id, question_id, choice_id in db.session.execute(
        sa.select(answers.registration_id, answers.question_id, answer_choices.c.choice_id)
        .join(answer_choices, answer_choices.c.answer_id == answers.id)
        .where(mine)
    ).all():
        chosen[registration_id, question_id].append(choice_id)
    for (registration_id, question_id), ids in chosen.items():
        cells[registration_id, question_id] = chosen_cell[question_id](ids)
    for registration_id, question_id, filename in db.session.execute(
        sa.select(answers.registration_id, answers.question_id, files.filename)
        .join(AnswerFile.__table__, files.answer_id == answers.id)
        .where(mine)
    ).all():
        cells[registration_id, question_id] = filename
    columns = []
    for question in questions:
        header = question.title_in(language)
        if question.is_retired:
            header = _("%(question)s (retired)", question=header)
        columns.append((header, _getter(question.id, cells)))
    return columns


def _cell_makers(
    questions: list[Question], words: AnswerWords
) -> tuple[dict[int, Callable], dict[int, Callable]]:
    """Per question, how a stored answer's row becomes its cell, and for a choice question
    how its chosen ids do: worked out once per export, so that the rows are read without
    touching the ORM objects (a file's name comes from its own statement)."""
    makers: dict[int, Callable] = {}
    choosers: dict[int, Callable] = {}
    for question in questions:
        kind = question.kind
        if question.has_choices:
            makers[question.id] = lambda *row: None  # its choices come from their own statement
            choosers[question.id] = partial(words.text, question)
        elif kind is QuestionKind.NUMBER:
            makers[question.id] = lambda text, number, day, flag, version: number
        elif kind is QuestionKind.DATE:
            makers[question.id] = lambda text, number, day, flag, version: (
                day.isoformat() if day else ""
            )
        elif kind is QuestionKind.YES_NO:
            yes_no = {True: words.yes, False: words.no, None: ""}
            makers[question.id] = lambda text, number, day, flag, version, w=yes_no: w[flag]
        elif kind is QuestionKind.CONSENT:
            makers[question.id] = lambda text, number, day, flag, version, w=words: (
                f"{w.yes} ({version})" if flag and version else (w.yes if flag else w.no)
            )
        elif kind is QuestionKind.COUNTRY:
            makers[question.id] = lambda text, number, day, flag, version, w=words: (
                country_name(text, w.language) if text else ""
            )
        elif kind is QuestionKind.FILE:
            makers[question.id] = lambda text, number, day, flag, version: None
        else:
            makers[question.id] = lambda text, number, day, flag, version: text
    return makers, choosers


def _getter(question_id: int, cells: dict) -> Callable:
    def value(registration) -> object:
        return cells.get((registration.id, question_id), "")

    return value
