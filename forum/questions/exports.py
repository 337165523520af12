"""The answers as columns of the officers' CSV and XLSX exports: one per question of the
event (retired ones too, marked), after the fixed columns (forum.registration.exports).

Fast at 10,000 registrations × 20 questions: the answers are read with one statement
per kind of answer, on the session's connection, as the driver's plain tuples (no ORM
loading, no Row building), only the columns that kind needs, pivoted as they come into
one row of cells per registration (AnswerColumns); each combination of choices is put
into words once. The export adds a registration's row of answers to its fixed columns
with one lookup, not one call per cell. Cells are the words the officers read, in their language
(dates in ISO, a number stays a number for the spreadsheet, several choices joined
with "; ").
"""

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


class AnswerColumns:
    """The answers as columns: their headers, and each registration's row of cells (one
    per question, "" where it has no answer), filled as the answers are read."""

    def __init__(self, questions: list[Question], language: str) -> None:
        self.headers = []
        for question in questions:
            header = question.title_in(language)
            if question.is_retired:
                header = _("%(question)s (retired)", question=header)
            self.headers.append(header)
        self.index = {question.id: n for n, question in enumerate(questions)}
        self.empty = [""] * len(questions)
        self.rows: dict[int, list] = {}

    def put(self, answers: list[tuple], value=None) -> None:
        """Cells of (question id, registration id, value[, more]) rows: the value, or what
        `value(row)` makes of the row."""
        rows, index, width = self.rows, self.index, len(self.empty)
        for row in answers:
            cells = rows.get(row[1])
            if cells is None:
                cells = rows[row[1]] = [""] * width
            cells[index[row[0]]] = row[2] if value is None else value(row)

    def values(self, registration_id: int) -> list:
        return self.rows.get(registration_id, self.empty)


def export_columns(event: Event, registration_ids: sa.Select, language: str) -> AnswerColumns:
    """One column per question of the event, for the registrations `registration_ids`
    selects."""
    questions = queries.questions_of(event)
    columns = AnswerColumns(questions, language)
    if not questions:
        return columns
    words = AnswerWords(language, iso_dates=True)
    of_kind = _ids_by_kind(questions)
    read = _Reader(registration_ids)

    columns.put(read(ANSWERS.text, of_kind["text"]))
    columns.put(read(ANSWERS.number, of_kind["number"]))
    # A date as text in SQL: ISO on SQLite (as stored) and PostgreSQL alike, no parsing.
    day = sa.cast(ANSWERS.date_value, sa.String)
    columns.put(read(day, of_kind["date"]), lambda row: row[2] or "")
    countries: dict[str, str] = {}

    def country(row) -> str:
        code = row[2]
        if code not in countries:
            countries[code] = country_name(code, language) if code else ""
        return countries[code]

    columns.put(read(ANSWERS.text, of_kind["country"]), country)
    yes_no = {True: words.yes, False: words.no, None: ""}
    columns.put(
        read(ANSWERS.flag, of_kind["yes_no"]),
        lambda row: yes_no[None if row[2] is None else bool(row[2])],
    )

    def consent(row) -> str:
        text = words.yes if row[2] else words.no
        return f"{text} ({row[3]})" if row[2] and row[3] else text

    columns.put(read((ANSWERS.flag, ANSWERS.consent_version), of_kind["consent"]), consent)
    _choices(read, questions, words, columns)
    columns.put(read.joined(FILES.filename, AnswerFile.__table__, FILES.answer_id, of_kind["file"]))
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


def _choices(read: _Reader, questions, words: AnswerWords, columns: AnswerColumns) -> None:
    """The chosen choices in words: one choice is its label; several are joined, each
    combination worked out once per question."""
    single = {q.id: words.choice_labels(q) for q in questions if q.kind in CHOICE_KINDS}
    several = {q.id: q for q in questions if q.kind is QuestionKind.MULTIPLE_CHOICE}
    for question_id in several:
        del single[question_id]
    columns.put(
        read.joined(CHOSEN.choice_id, answer_choices, CHOSEN.answer_id, list(single)),
        lambda row: single[row[0]].get(row[2], "?"),
    )
    chosen: dict[tuple[int, int], list[int]] = {}
    for question_id, registration_id, choice_id in read.joined(
        CHOSEN.choice_id, answer_choices, CHOSEN.answer_id, list(several)
    ):
        chosen.setdefault((question_id, registration_id), []).append(choice_id)
    texts: dict[tuple, str] = {}

    def joined(key: tuple[int, int], ids: list[int]) -> str:
        combination = (key[0], *sorted(ids))
        text = texts.get(combination)
        if text is None:
            text = texts[combination] = words.text(several[key[0]], ids)
        return text

    columns.put([(q, r, joined((q, r), ids)) for (q, r), ids in chosen.items()])
