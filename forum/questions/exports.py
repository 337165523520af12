"""The answers as columns of the officers' CSV and XLSX exports: one per question of the
event (retired ones too, marked), after the fixed columns (forum.registration.exports).

Fast at 10,000 registrations × 20 questions: the answers are read with one statement
per kind of answer, on the session's connection, as the driver's plain tuples (no ORM
loading, no Row building), only the columns that kind needs, straight into a dict per
question keyed by registration id; each combination of choices is put into words once.
A cell is then a dict lookup. Cells are the words the officers read, in their language
(dates in ISO, a number stays a number for the spreadsheet, several choices joined
with "; ").
"""

from collections.abc import Callable

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.events.models import Event
from forum.extensions import db
from forum.i18n import country_name
from forum.questions import queries
from forum.questions.answer_models import Answer, AnswerFile, answer_choices
from forum.questions.display import AnswerWords
from forum.questions.models import CHOICE_KINDS, Question, QuestionKind

ANSWERS, FILES, CHOSEN = Answer.__table__.c, AnswerFile.__table__.c, answer_choices.c


def export_columns(
    event: Event, registration_ids: sa.Select, language: str
) -> list[tuple[str, Callable]]:
    """(header, value getter) of one column per question of the event, for the registrations
    `registration_ids` selects."""
    questions = queries.questions_of(event)
    if not questions:
        return []
    words = AnswerWords(language, iso_dates=True)
    cells: dict[int, dict[int, object]] = {question.id: {} for question in questions}
    of_kind = _ids_by_kind(questions)
    read = _Reader(registration_ids)

    for question_id, registration_id, text in read(ANSWERS.text, of_kind["text"]):
        cells[question_id][registration_id] = text
    for question_id, registration_id, number in read(ANSWERS.number, of_kind["number"]):
        cells[question_id][registration_id] = number
    # A date as text in SQL: ISO on SQLite (as stored) and PostgreSQL alike, no parsing.
    day = sa.cast(ANSWERS.date_value, sa.String)
    for question_id, registration_id, text in read(day, of_kind["date"]):
        cells[question_id][registration_id] = text or ""
    countries: dict[str, str] = {}
    for question_id, registration_id, code in read(ANSWERS.text, of_kind["country"]):
        if code not in countries:
            countries[code] = country_name(code, language) if code else ""
        cells[question_id][registration_id] = countries[code]
    yes_no = {True: words.yes, False: words.no, None: ""}
    for question_id, registration_id, flag in read(ANSWERS.flag, of_kind["yes_no"]):
        cells[question_id][registration_id] = yes_no[None if flag is None else bool(flag)]
    for question_id, registration_id, flag, version in read(
        (ANSWERS.flag, ANSWERS.consent_version), of_kind["consent"]
    ):
        text = words.yes if flag else words.no
        cells[question_id][registration_id] = f"{text} ({version})" if flag and version else text
    _choices(read, questions, words, cells)
    for question_id, registration_id, filename in read.joined(
        FILES.filename, AnswerFile.__table__, FILES.answer_id, of_kind["file"]
    ):
        cells[question_id][registration_id] = filename

    columns = []
    for question in questions:
        header = question.title_in(language)
        if question.is_retired:
            header = _("%(question)s (retired)", question=header)
        columns.append((header, _getter(cells[question.id])))
    return columns


class _Reader:
    """Runs the statements: (question id, registration id, *columns) of the answers to some
    questions, for the exported registrations; none at all for no question."""

    def __init__(self, registration_ids: sa.Select) -> None:
        self.connection = db.session.connection()
        self.exported = ANSWERS.registration_id.in_(registration_ids)

    def __call__(self, columns, question_ids: list[int]) -> list[tuple]:
        if not question_ids:
            return []
        columns = columns if isinstance(columns, tuple) else (columns,)
        statement = sa.select(ANSWERS.question_id, ANSWERS.registration_id, *columns).where(
            ANSWERS.question_id.in_(question_ids), self.exported
        )
        return self._rows(statement)

    def joined(self, column, table, key, question_ids: list[int]) -> list[tuple]:
        if not question_ids:
            return []
        statement = (
            sa.select(ANSWERS.question_id, ANSWERS.registration_id, column)
            .join(table, key == ANSWERS.id)
            .where(ANSWERS.question_id.in_(question_ids), self.exported)
        )
        return self._rows(statement)

    def _rows(self, statement: sa.Select) -> list[tuple]:
        """The statement compiled by SQLAlchemy for this database, its rows fetched as the
        driver's plain tuples: hundreds of thousands of them, which need no processing
        (dates come as ISO text from SQL, flags are read as true or false), three times
        faster than building a Row each. On the session's connection: its transaction."""
        compiled = statement.compile(
            dialect=self.connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        params = compiled.params
        if compiled.positional:
            params = tuple(params[name] for name in compiled.positiontup)
        cursor = self.connection.connection.cursor()
        try:
            cursor.execute(str(compiled), params)
            return cursor.fetchall()
        finally:
            cursor.close()


def _ids_by_kind(questions: list[Question]) -> dict[str, list[int]]:
    groups = {"text": [], "number": [], "date": [], "country": [], "yes_no": []}
    groups |= {"consent": [], "choices": [], "file": []}
    kinds = {
        QuestionKind.SHORT_TEXT: "text",
        QuestionKind.LONG_TEXT: "text",
        QuestionKind.NUMBER: "number",
        QuestionKind.DATE: "date",
        QuestionKind.COUNTRY: "country",
        QuestionKind.YES_NO: "yes_no",
        QuestionKind.CONSENT: "consent",
        QuestionKind.FILE: "file",
    }
    for question in questions:
        group = "choices" if question.kind in CHOICE_KINDS else kinds[question.kind]
        groups[group].append(question.id)
    return groups


def _choices(read: _Reader, questions, words: AnswerWords, cells) -> None:
    """The chosen choices in words: one choice is its label; several are joined, each
    combination worked out once per question."""
    single = {q.id: words.choice_labels(q) for q in questions if q.kind in CHOICE_KINDS}
    several = {q.id: q for q in questions if q.kind is QuestionKind.MULTIPLE_CHOICE}
    for question_id in several:
        del single[question_id]
    for question_id, registration_id, choice_id in read.joined(
        CHOSEN.choice_id, answer_choices, CHOSEN.answer_id, list(single)
    ):
        cells[question_id][registration_id] = single[question_id].get(choice_id, "?")
    chosen: dict[int, dict[int, list[int]]] = {question_id: {} for question_id in several}
    for question_id, registration_id, choice_id in read.joined(
        CHOSEN.choice_id, answer_choices, CHOSEN.answer_id, list(several)
    ):
        chosen[question_id].setdefault(registration_id, []).append(choice_id)
    for question_id, by_registration in chosen.items():
        question, texts = several[question_id], {}
        column = cells[question_id]
        for registration_id, ids in by_registration.items():
            combination = tuple(sorted(ids)) if len(ids) > 1 else tuple(ids)
            text = texts.get(combination)
            if text is None:
                text = texts[combination] = words.text(question, ids)
            column[registration_id] = text


def _getter(column: dict[int, object]) -> Callable:
    def value(registration) -> object:
        return column.get(registration.id, "")

    return value
