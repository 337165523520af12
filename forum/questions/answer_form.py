"""The organisers' questions as a form for delegates, built per event from its questions.

`build_answers_form()` makes a form with one field per question the delegate may
answer now (`q<id>`), labelled in the delegate's language, each with its own
checks and a message in that language for every bad input: a wrong type, too
long, out of range, a choice that is not offered or has no place left, a required
question left empty. A question that is not shown to the delegate (their
category, a condition not met: forum/questions/rules.py) is neither checked nor
kept. The registration pages render it beside the fixed fields
(templates/questions/_answer_fields.html); it has no CSRF field of its own, as it
always comes with the page's form, which has one.
"""

from datetime import date

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

from forum.i18n import country_choices
from forum.questions import checks, rules
from forum.questions.answer_models import Answer
from forum.questions.answers import Upload, may_change, stored_values
from forum.questions.checks import ChoiceOption
from forum.questions.display import AnswerWords
from forum.questions.held_files import HeldAnswerFile
from forum.questions.models import (
    DEFAULT_MAX_LENGTH,
    NO,
    YES,
    ChoiceDisplay,
    Question,
    QuestionKind,
    Section,
)
from forum.registration.models import Registration


class AnswersForm(FlaskForm):
    """The delegate's answers; fields are added per event by build_answers_form()."""

    class Meta:
        csrf = False  # always part of a page form that has its own token

    questions: list[Question]  # the live questions of the event, in the form's order
    asked: dict[str, Question]  # field name -> question, for those the delegate may change
    stored: dict[int, Answer]  # the registration's answers by question id
    category: str
    options: dict[int, list[ChoiceOption]]
    language: str
    # Files held from this browser's last try (forum/questions/held_files.py), by question id.
    held: dict[int, HeldAnswerFile]

    def kept_file(self, question: Question) -> HeldAnswerFile | None:
        """The file held from the last try, if the delegate keeps it (a new file replaces it;
        unticking "keep" drops it)."""
        held = self.held.get(question.id)
        if held is None or self.new_upload(question) is not None:
            return None
        if self.is_submitted() and not request.form.get(f"{field_name(question)}_keep"):
            return None
        return held

    def new_upload(self, question: Question):
        file = self[field_name(question)].data if self.is_asked(question) else None
        return file if file is not None and getattr(file, "filename", "") else None

    def is_asked(self, question: Question) -> bool:
        return field_name(question) in self.asked

    def field_of(self, question: Question):
        return self[field_name(question)]

    def sections(self) -> list[tuple[Section, list[Question]]]:
        """The sections with live questions, each with its questions, in the form's order."""
        grouped: dict[int, tuple[Section, list[Question]]] = {}
        for question in self.questions:
            grouped.setdefault(question.section_id, (question.section, []))[1].append(question)
        return list(grouped.values())

    def locked_text(self, question: Question) -> str:
        """The stored answer of a question the delegate can no longer change, as text."""
        return AnswerWords(self.language).answer(question, self.stored.get(question.id))

    def locked_values(self, question: Question) -> set[str]:
        """What a locked answer gives the conditions of other questions (for the browser)."""
        return rules.condition_values(
            question, stored_values(question, self.stored.get(question.id))
        )

    def condition_values(self) -> dict[int, set[str]]:
        """What each question's answer (as typed, or as stored when locked) gives conditions."""
        values = {}
        for question in self.questions:
            field = self._fields.get(field_name(question))
            if field is None:
                value = stored_values(question, self.stored.get(question.id))
            else:
                value = _raw_value(question, field)
            values[question.id] = rules.condition_values(question, value)
        return values

    def shown_ids(self) -> set[int]:
        values = self.condition_values()
        return {q.id for q in rules.shown_questions(self.questions, self.category, values)}

    def validate(self, extra_validators=None) -> bool:
        """Check the questions shown to the delegate; forget the others' values."""
        shown = self.shown_ids()
        valid = True
        for name, field in self._fields.items():
            question = self.asked[name]
            if question.id not in shown:
                field.errors = []
                continue
            if not field.validate(self, (extra_validators or {}).get(name, ())):
                valid = False
        return valid

    def values(self) -> dict[int, object]:
        """The answers as the services take them (forum.questions.answers.save_answers); a
        file question's value is the name of the file kept when no new one is uploaded."""
        return {
            q.id: stored_values(q, self.stored.get(q.id))
            if q.kind is QuestionKind.FILE
            else _parsed(q, self[name])
            for name, q in self.asked.items()
        }

    def uploads(self) -> dict[int, Upload]:
        """The files to store: each new one, else the one held from the last try and kept."""
        found = {}
        for question in self.asked.values():
            if question.kind is not QuestionKind.FILE:
                continue
            file = self.new_upload(question)
            if file is not None:
                file.seek(0)
                found[question.id] = Upload(file.filename, file.read())
            elif (held := self.kept_file(question)) is not None:
                found[question.id] = Upload(held.filename, held.data)
        return found

    def add_error(self, question_id: int, message: str) -> None:
        """A message from the services (no place left, a file refused) beside its question."""
        for name, question in self.asked.items():
            if question.id == question_id:
                self[name].errors = [*self[name].errors, message]


def field_name(question: Question) -> str:
    return f"q{question.id}"


def build_answers_form(
    questions: list[Question],
    language: str,
    category: str,
    registration: Registration | None = None,
    stored: dict[int, Answer] | None = None,
    places_left: dict[int, int] | None = None,
    **form_args,
) -> AnswersForm:
    """A form of `questions` (the event's, in the form's order) for a delegate requesting
    `category`, labelled in `language`. With a `registration`, its `stored` answers fill
    the fields, and those it may no longer change (forum.questions.answers.may_change)
    are shown as they are instead of as fields."""
    stored = stored or {}
    places_left = places_left or {}
    live = [q for q in questions if not q.is_retired]
    asked = [q for q in live if may_change(registration, q)]

    class Form(AnswersForm):
        pass

    options = {q.id: _options(q, language, stored.get(q.id), places_left) for q in live}
    for question in asked:
        setattr(Form, field_name(question), _field(question, language, options[question.id]))
    data = {field_name(q): _initial(q, stored.get(q.id)) for q in asked if q.id in stored}
    form = Form(data=data, **form_args)
    form.questions = live
    form.asked = {field_name(q): q for q in asked}
    form.stored = stored
    form.category = category
    form.options = options
    form.language = language
    form.held = {}
    return form


def _options(question, language, answer, places_left) -> list[ChoiceOption]:
    """The choices offered: live ones, and a retired one the delegate chose before."""
    if question.kind is QuestionKind.YES_NO:
        return [ChoiceOption(YES, str(_l("Yes"))), ChoiceOption(NO, str(_l("No")))]
    if not question.has_choices:
        return []
    chosen = {c.id for c in answer.chosen} if answer is not None else set()
    return [
        ChoiceOption(
            str(choice.id),
            choice.localized("label", language),
            None if choice.id in chosen else places_left.get(choice.id),
        )
        for choice in question.choices
        if not choice.is_retired or choice.id in chosen
    ]


def _initial(question: Question, answer: Answer) -> object:
    value = stored_values(question, answer)
    if question.kind is QuestionKind.MULTIPLE_CHOICE:
        return [str(i) for i in value]
    if question.has_choices:  # one choice: a radio or a list takes a value, not a list
        return str(value[0]) if value else None
    if question.kind is QuestionKind.YES_NO:
        return None if value is None else (YES if value else NO)
    if question.kind is QuestionKind.CONSENT:
        # Agreed to an older wording: asked again.
        return bool(value) and answer.consent_version == question.consent_version
    if question.kind is QuestionKind.NUMBER:
        return "" if value is None else str(value)
    if question.kind is QuestionKind.DATE:
        return value.isoformat() if value else ""
    if question.kind is QuestionKind.FILE:
        return None
    return value


def _field(question: Question, language: str, options: list[ChoiceOption]):
    label = question.localized("label", language)
    kind = question.kind
    first = [checks.required(question)] if question.required else [checks.optional]
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        limit = question.max_length or DEFAULT_MAX_LENGTH[kind]
        text_checks = [
            *first,
            checks.max_length(limit),
            checks.visible(kind is QuestionKind.LONG_TEXT),
        ]
        field_class = TextAreaField if kind is QuestionKind.LONG_TEXT else StringField
        return field_class(label, text_checks)
    if kind is QuestionKind.NUMBER:
        return StringField(label, [*first, checks.whole_number(question)])
    if kind is QuestionKind.DATE:
        return StringField(label, [*first, checks.a_date(question)])
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO):
        choices = [(o.value, o.label) for o in options]
        if kind is QuestionKind.SINGLE_CHOICE and question.display is ChoiceDisplay.LIST:
            return SelectField(
                label,
                [*first, checks.offered(options)],
                choices=[("", _l("Choose…")), *choices],
                validate_choice=False,
            )
        return RadioField(
            label, [*first, checks.offered(options)], choices=choices, validate_choice=False
        )
    if kind is QuestionKind.MULTIPLE_CHOICE:
        choices = [(o.value, o.label) for o in options]
        return SelectMultipleField(
            label, [*first, checks.offered(options)], choices=choices, validate_choice=False
        )
    if kind is QuestionKind.COUNTRY:
        return SelectField(
            label,
            [*first, checks.a_country],
            choices=[("", _l("Choose…")), *country_choices()],
            validate_choice=False,
        )
    if kind is QuestionKind.FILE:
        return FileField(
            label, [checks.file_required(question) if question.required else checks.no_check]
        )
    return BooleanField(label, first)  # a consent


# -- values as the services take them ---------------------------------------------------------


def _raw_value(question: Question, field) -> object:
    """A field's value for the conditions, before it is checked."""
    if question.has_choices:
        data = field.data if isinstance(field.data, list) else [field.data]
        return [int(v) for v in data if str(v or "").isdigit()]
    if question.kind is QuestionKind.YES_NO:
        return {YES: True, NO: False}.get(field.data)
    return None


def _parsed(question: Question, field) -> object:
    kind, data = question.kind, field.data
    if question.has_choices or kind is QuestionKind.YES_NO:
        return _raw_value(question, field)
    if kind is QuestionKind.NUMBER:
        return int(data) if data and checks.NUMBER.fullmatch(data.strip()) else None
    if kind is QuestionKind.DATE:
        return date.fromisoformat(data.strip()) if data and data.strip() else None
    if kind is QuestionKind.CONSENT:
        return bool(data)
    return (data or "").strip()
