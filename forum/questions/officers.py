"""The answers as the accreditation officers see them: on a registration's page, as filters
of their list, and as columns of their exports (one per question, retired ones included)."""

from collections.abc import Callable
from functools import partial

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from forum.events.models import Event
from forum.extensions import db
from forum.i18n import country_name
from forum.questions import queries, summary
from forum.questions.answer_models import Answer, AnswerFile, answer_choices
from forum.questions.display import AnswerWords
from forum.questions.models import NO, YES, Question, QuestionKind


def answers_for_officers(registration, language: str) -> list[summary.AnswerGroup]:
    """A registration's answers for its officers' page, files downloaded from there."""
    return summary.answers_by_section(
        registration,
        language,
        lambda question: url_for(
            "questions.officer_file", registration_id=registration.id, question_id=question.id
        ),
    )


# -- the list's filter -----------------------------------------------------------------------


def filter_options(event: Event, language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The officers' "Answer" filter: per choice or yes/no question, its answers as
    (value for forum.registration.search, label)."""
    groups = []
    for question in queries.filterable_questions(event):
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
    # Each question's cells by registration id (plain int keys: no tuple made per answer).
    cells: dict[int, dict[int, object]] = {question.id: {} for question in questions}
    # Core statements on the tables, run on the session's connection: plain rows, without
    # the ORM's loading per row; each answer read once, by the statement of its kind (a
    # choice's by its chosen ids).
    connection = db.session.connection()
    answers, files = Answer.__table__.c, AnswerFile.__table__.c
    exported = answers.registration_id.in_(registration_ids)
    if cell_of:
        rows = connection.execute(
            sa.select(
                answers.question_id,
                answers.registration_id,
                answers.text,
                answers.number,
                answers.date_value,
                answers.flag,
                answers.consent_version,
            ).where(answers.question_id.in_(list(cell_of)), exported)
        ).all()
        for question_id, registration_id, *value in rows:
            cells[question_id][registration_id] = cell_of[question_id](*value)
    if chosen_cell:
        chosen: dict[int, dict[int, list[int]]] = {question_id: {} for question_id in chosen_cell}
        for question_id, registration_id, choice_id in connection.execute(
            sa.select(answers.question_id, answers.registration_id, answer_choices.c.choice_id)
            .join(answer_choices, answer_choices.c.answer_id == answers.id)
            .where(answers.question_id.in_(list(chosen_cell)), exported)
        ).all():
            chosen[question_id].setdefault(registration_id, []).append(choice_id)
        for question_id, by_registration in chosen.items():
            texts: dict[tuple, str] = {}  # a few combinations of choices, met again and again
            column, make = cells[question_id], chosen_cell[question_id]
            for registration_id, ids in by_registration.items():
                combination = tuple(sorted(ids)) if len(ids) > 1 else tuple(ids)
                text = texts.get(combination)
                if text is None:
                    text = texts[combination] = make(ids)
                column[registration_id] = text
    files_asked = [q.id for q in questions if q.kind is QuestionKind.FILE]
    if files_asked:
        for question_id, registration_id, filename in connection.execute(
            sa.select(answers.question_id, answers.registration_id, files.filename)
            .join(AnswerFile.__table__, files.answer_id == answers.id)
            .where(answers.question_id.in_(files_asked), exported)
        ).all():
            cells[question_id][registration_id] = filename
    columns = []
    for question in questions:
        header = question.title_in(language)
        if question.is_retired:
            header = _("%(question)s (retired)", question=header)
        columns.append((header, _getter(cells[question.id])))
    return columns


def _cell_makers(
    questions: list[Question], words: AnswerWords
) -> tuple[dict[int, Callable], dict[int, Callable]]:
    """Per question, how a stored answer's row becomes its cell, and for a choice question
    how its chosen ids do: worked out once per export, so that the rows are read without
    touching the ORM objects. A file question has neither: its file's name is its cell."""
    makers: dict[int, Callable] = {}
    choosers: dict[int, Callable] = {}
    for question in questions:
        kind = question.kind
        if question.has_choices:
            choosers[question.id] = partial(words.text, question)
        elif kind is QuestionKind.FILE:
            continue  # the file's name comes from its own statement
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
        else:
            makers[question.id] = lambda text, number, day, flag, version: text
    return makers, choosers


def _getter(column: dict[int, object]) -> Callable:
    def value(registration) -> object:
        return column.get(registration.id, "")

    return value
