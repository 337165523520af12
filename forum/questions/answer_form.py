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

import re
from dataclasses import dataclass
from datetime import date

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
from wtforms.validators import StopValidation, ValidationError

from forum.forms import HIDDEN_CHARACTERS_MESSAGE
from forum.i18n import country_choices
from forum.questions import rules
from forum.questions.answer_models import Answer
from forum.questions.answers import Upload, may_change, stored_values
from forum.questions.display import AnswerWords
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
from forum.text import has_hidden_characters

NUMBER = re.compile(r"[+-]?\d{1,12}")
LINE_BREAKS = str.maketrans("", "", "\r\n\t")


@dataclass(frozen=True)
class ChoiceOption:
    """A choice as the form offers it: its value, label, places left and whether it is full."""

    value: str
    label: str
    left: int | None = None

    @property
    def full(self) -> bool:
        return self.left == 0


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

    def has_errors(self) -> bool:
        return any(field.errors for field in self)

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
        found = {}
        for name, question in self.asked.items():
            file = self[name].data if question.kind is QuestionKind.FILE else None
            if file is not None and getattr(file, "filename", ""):
                found[question.id] = Upload(file.filename, file.read())
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
    if question.has_choices:
        return [str(i) for i in value]
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
    checks = [_required(question)] if question.required else [_optional]
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        limit = question.max_length or DEFAULT_MAX_LENGTH[kind]
        checks += [_max_length(limit), _visible(kind is QuestionKind.LONG_TEXT)]
        return (TextAreaField if kind is QuestionKind.LONG_TEXT else StringField)(label, checks)
    if kind is QuestionKind.NUMBER:
        return StringField(label, [*checks, _whole_number(question)])
    if kind is QuestionKind.DATE:
        return StringField(label, [*checks, _a_date(question)])
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO):
        choices = [(o.value, o.label) for o in options]
        if kind is QuestionKind.SINGLE_CHOICE and question.display is ChoiceDisplay.LIST:
            return SelectField(
                label,
                [*checks, _offered(options)],
                choices=[("", _l("Choose…")), *choices],
                validate_choice=False,
            )
        return RadioField(
            label, [*checks, _offered(options)], choices=choices, validate_choice=False
        )
    if kind is QuestionKind.MULTIPLE_CHOICE:
        choices = [(o.value, o.label) for o in options]
        return SelectMultipleField(
            label, [*checks, _offered(options)], choices=choices, validate_choice=False
        )
    if kind is QuestionKind.COUNTRY:
        return SelectField(
            label,
            [*checks, _a_country],
            choices=[("", _l("Choose…")), *country_choices()],
            validate_choice=False,
        )
    if kind is QuestionKind.FILE:
        return FileField(label, [_file_required(question) if question.required else _no_check])
    return BooleanField(label, checks)  # a consent


# -- checks: each message in the delegate's language -------------------------------------------


def _optional(form, field) -> None:
    """An optional question left empty: nothing more to check."""
    if not _has_input(field):
        field.errors[:] = []
        raise StopValidation()


def _no_check(form, field) -> None:
    return None


def _required(question: Question):
    if question.kind is QuestionKind.CONSENT:
        message = _l("Please tick this box: your consent is needed to register.")
    elif question.has_choices or question.kind in (QuestionKind.YES_NO, QuestionKind.COUNTRY):
        message = _l("Please choose an answer.")
    else:
        message = _l("Please answer this question.")

    def required(form, field) -> None:
        if not _has_input(field):
            raise StopValidation(message)

    return required


def _file_required(question: Question):
    def required(form, field) -> None:
        uploaded = field.data is not None and getattr(field.data, "filename", "")
        if not uploaded and stored_values(question, form.stored.get(question.id)) is None:
            raise StopValidation(_l("Please upload the file."))

    return required


def _has_input(field) -> bool:
    data = field.data
    if isinstance(data, list):
        return any(str(item).strip() for item in data)
    if isinstance(data, bool):
        return data
    return data is not None and str(data).strip() != ""


def _max_length(limit: int):
    def check(form, field) -> None:
        if len(field.data or "") > limit:
            raise ValidationError(
                _l(
                    "Please shorten your answer to %(max)s characters (it has %(num)s).",
                    max=limit,
                    num=len(field.data),
                )
            )

    return check


def _visible(lines_allowed: bool):
    def check(form, field) -> None:
        text = field.data or ""
        if has_hidden_characters(text.translate(LINE_BREAKS) if lines_allowed else text):
            raise ValidationError(HIDDEN_CHARACTERS_MESSAGE)

    return check


def _whole_number(question: Question):
    low, high = question.min_number, question.max_number

    def check(form, field) -> None:
        text = (field.data or "").strip()
        if not NUMBER.fullmatch(text):
            raise ValidationError(_l("Enter a whole number, such as 3."))
        if not rules.in_range(int(text), low, high):
            raise ValidationError(_range_message(low, high))

    return check


def _a_date(question: Question):
    low, high = question.min_date, question.max_date

    def check(form, field) -> None:
        try:
            value = date.fromisoformat((field.data or "").strip())
        except ValueError:
            raise ValidationError(_l("Enter a date, such as 2024-05-06.")) from None
        if not rules.in_range(value, low, high):
            raise ValidationError(_range_message(low, high))

    return check


def _range_message(low, high) -> str:
    if low is not None and high is not None:
        return _l("Enter a value from %(low)s to %(high)s.", low=low, high=high)
    if low is not None:
        return _l("Enter a value of %(low)s or more.", low=low)
    return _l("Enter a value of %(high)s or less.", high=high)


def _offered(options: list[ChoiceOption]):
    allowed = {o.value for o in options}
    full = {o.value: o.label for o in options if o.full}

    def check(form, field) -> None:
        values = field.data if isinstance(field.data, list) else [field.data]
        values = [v for v in values if v not in (None, "")]
        if any(v not in allowed for v in values):
            raise ValidationError(_l("Choose one of the answers offered."))
        for value in values:
            if value in full:
                raise ValidationError(
                    _l(
                        "No places are left for “%(choice)s”. Please choose another answer.",
                        choice=full[value],
                    )
                )

    return check


def _a_country(form, field) -> None:
    if field.data not in {code for code, _name in country_choices()}:
        raise ValidationError(_l("Choose a country from the list."))


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
        return int(data) if data and NUMBER.fullmatch(data.strip()) else None
    if kind is QuestionKind.DATE:
        return date.fromisoformat(data.strip()) if data and data.strip() else None
    if kind is QuestionKind.CONSENT:
        return bool(data)
    return (data or "").strip()
