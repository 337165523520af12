"""The checks of the delegates' answers, each refusal in the delegate's language.

Used by forum/questions/answer_form.py, one set per question: required or optional,
length, visible characters, a whole number or a date within its range, a choice
offered (and not full), a country of the list, a file when one is required.
"""

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms.validators import StopValidation, ValidationError

from forum.forms import HIDDEN_CHARACTERS_MESSAGE
from forum.i18n import country_choices
from forum.questions import rules
from forum.questions.answers import stored_values
from forum.questions.models import Question, QuestionKind
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


def optional(form, field) -> None:
    """An optional question left empty: nothing more to check."""
    if not has_input(field):
        field.errors[:] = []
        raise StopValidation()


def no_check(form, field) -> None:
    return None


def required(question: Question):
    if question.kind is QuestionKind.CONSENT:
        message = _l("Please tick this box: your consent is needed to register.")
    elif question.has_choices or question.kind in (QuestionKind.YES_NO, QuestionKind.COUNTRY):
        message = _l("Please choose an answer.")
    else:
        message = _l("Please answer this question.")

    def required(form, field) -> None:
        if not has_input(field):
            raise StopValidation(message)

    return required


def file_required(question: Question):
    def required(form, field) -> None:
        uploaded = field.data is not None and getattr(field.data, "filename", "")
        kept = form.kept_file(question) is not None  # held from the last try
        if not (uploaded or kept) and stored_values(question, form.stored.get(question.id)) is None:
            raise StopValidation(_l("Please upload the file."))

    return required


def has_input(field) -> bool:
    data = field.data
    if isinstance(data, list):
        return any(str(item).strip() for item in data)
    if isinstance(data, bool):
        return data
    return data is not None and str(data).strip() != ""


def max_length(limit: int):
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


def visible(lines_allowed: bool):
    def check(form, field) -> None:
        text = field.data or ""
        if has_hidden_characters(text.translate(LINE_BREAKS) if lines_allowed else text):
            raise ValidationError(HIDDEN_CHARACTERS_MESSAGE)

    return check


def whole_number(question: Question):
    low, high = question.min_number, question.max_number

    def check(form, field) -> None:
        text = (field.data or "").strip()
        if not NUMBER.fullmatch(text):
            raise ValidationError(_l("Enter a whole number, such as 3."))
        if not rules.in_range(int(text), low, high):
            raise ValidationError(range_message(low, high))

    return check


def a_date(question: Question):
    low, high = question.min_date, question.max_date

    def check(form, field) -> None:
        try:
            value = date.fromisoformat((field.data or "").strip())
        except ValueError:
            raise ValidationError(_l("Enter a date, such as 2024-05-06.")) from None
        if not rules.in_range(value, low, high):
            raise ValidationError(range_message(low, high))

    return check


def range_message(low, high) -> str:
    if low is not None and high is not None:
        return _l("Enter a value from %(low)s to %(high)s.", low=low, high=high)
    if low is not None:
        return _l("Enter a value of %(low)s or more.", low=low)
    return _l("Enter a value of %(high)s or less.", high=high)


def offered(options: list[ChoiceOption]):
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


def a_country(form, field) -> None:
    if field.data not in {code for code, _name in country_choices()}:
        raise ValidationError(_l("Choose a country from the list."))
