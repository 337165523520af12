"""The organisers' forms: a section, a question with its choices, the order of the form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from forum.bilingual import reader_language
from forum.forms import visible_text
from forum.questions.models import (
    CHOICE_KINDS,
    CONDITION_KINDS,
    NO,
    TEXT_KINDS,
    YES,
    ChoiceDisplay,
    Question,
    QuestionKind,
    Section,
)
from forum.questions.services import QUESTION_FIELDS, ChoiceData
from forum.registration.models import REQUESTABLE_CATEGORIES

BLANK_CHOICES = 3  # empty rows under a question's choices, for new ones
MAX_NUMBER = 10**9


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _one_line(value):
    """A text typed in a box of two rows: its line breaks become spaces."""
    return " ".join(value.split()) if isinstance(value, str) else value


class SectionForm(FlaskForm):
    title = StringField(
        _l("Title of the section"),
        validators=[DataRequired(), Length(max=200), visible_text],
        filters=[_strip],
    )
    title_uk = StringField(
        _l("Title of the section"), validators=[Length(max=200), visible_text], filters=[_strip]
    )


class ChoiceRowForm(Form):
    """One choice of a question (inside QuestionForm, whose CSRF token covers it)."""

    id = HiddenField()
    label = StringField(_l("Choice"), validators=[Length(max=200), visible_text], filters=[_strip])
    label_uk = StringField(
        _l("Choice"), validators=[Length(max=200), visible_text], filters=[_strip]
    )
    places = IntegerField(
        _l("Places"),
        validators=[
            Optional(),
            NumberRange(
                min=0, max=100_000, message=_l("Places: a whole number from 0 to 100,000.")
            ),
        ],
    )
    retired = BooleanField(_l("Retired"))


class QuestionForm(FlaskForm):
    section = SelectField(_l("Section"), coerce=int, validate_choice=True)
    kind = SelectField(_l("Type of answer"))
    # Two rows to read a long question whole; one line of text all the same.
    label = TextAreaField(
        _l("Question"),
        validators=[DataRequired(), Length(max=300), visible_text],
        filters=[_one_line],
        render_kw={"rows": 2},
    )
    label_uk = TextAreaField(
        _l("Question"),
        validators=[Length(max=300), visible_text],
        filters=[_one_line],
        render_kw={"rows": 2},
    )
    short_label = StringField(
        _l("Short label"), validators=[Length(max=60), visible_text], filters=[_strip]
    )
    short_label_uk = StringField(
        _l("Short label"), validators=[Length(max=60), visible_text], filters=[_strip]
    )
    help = TextAreaField(
        _l("Help text"), validators=[Length(max=1000)], filters=[_strip], render_kw={"rows": 2}
    )
    help_uk = TextAreaField(
        _l("Help text"), validators=[Length(max=1000)], filters=[_strip], render_kw={"rows": 2}
    )
    required = BooleanField(_l("An answer is required"))
    display = SelectField(_l("Show the choices as"))
    categories = SelectMultipleField(
        _l("Asked of"), widget=ListWidget(prefix_label=False), option_widget=CheckboxInput()
    )
    condition = SelectField(_l("Shown"), validate_choice=True)
    max_length = IntegerField(
        _l("Longest answer (characters)"), validators=[Optional(), NumberRange(min=1, max=10_000)]
    )
    min_number = IntegerField(
        _l("Smallest number"), validators=[Optional(), NumberRange(-MAX_NUMBER, MAX_NUMBER)]
    )
    max_number = IntegerField(
        _l("Largest number"), validators=[Optional(), NumberRange(-MAX_NUMBER, MAX_NUMBER)]
    )
    min_date = DateField(_l("Earliest date"), validators=[Optional()])
    max_date = DateField(_l("Latest date"), validators=[Optional()])
    consent_version = StringField(
        _l("Version of the consent text"),
        validators=[Length(max=20), visible_text],
        filters=[_strip],
    )
    editable_after_approval = BooleanField(
        _l("Delegates may change the answer after accreditation")
    )
    needs_review = BooleanField(_l("A changed answer goes back to the accreditation team"))
    on_badge = BooleanField(_l("Print the answer on the badge"))
    at_door = BooleanField(_l("Show the answer at the door"))
    choices = FieldList(FormField(ChoiceRowForm))

    def __init__(self, *args, sections: list[Section], others: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        language = reader_language()
        self.section.choices = [(s.id, s.localized("title", language)) for s in sections]
        # Labels in the reader's language: worked out per request, not when the class is made.
        self.kind.choices = [(k.value, k.label) for k in QuestionKind]
        self.display.choices = [(d.value, d.label) for d in ChoiceDisplay]
        self.categories.choices = [(c.value, c.label) for c in REQUESTABLE_CATEGORIES]
        self.condition.choices = [("", _l("Always")), *condition_choices(others, language)]

    def add_blank_choices(self) -> None:
        for _ in range(BLANK_CHOICES):
            self.choices.append_entry()

    @property
    def chosen_kind(self) -> QuestionKind:
        return QuestionKind(self.kind.data)

    def validate_kind(self, field) -> None:
        if field.data not in {k.value for k in QuestionKind}:
            raise ValidationError(_l("Choose a type of answer."))

    def validate_max_number(self, field) -> None:
        low = self.min_number.data
        if field.data is not None and low is not None and field.data < low:
            raise ValidationError(_l("The largest number must not be below the smallest."))

    def validate_max_date(self, field) -> None:
        low = self.min_date.data
        if field.data and low and field.data < low:
            raise ValidationError(_l("The latest date must not be before the earliest."))

    def validate_consent_version(self, field) -> None:
        if self.kind.data == QuestionKind.CONSENT.value and not field.data:
            raise ValidationError(
                _l("Give the consent text a version (such as 2024-05): each consent keeps it.")
            )

    def validate_choices(self, field) -> None:
        if self.kind.data not in {k.value for k in CHOICE_KINDS}:
            return
        if not any((row.form.label.data or "").strip() for row in field):
            raise ValidationError(_l("Give the question at least one choice."))

    def question_fields(self) -> dict:
        """The columns of forum.questions.services.QUESTION_FIELDS, those that do not apply to
        the chosen type left empty."""
        kind = self.chosen_kind
        data = {name: self[name].data for name in QUESTION_FIELDS}
        data["categories"] = list(self.categories.data or [])
        data["display"] = (
            ChoiceDisplay(self.display.data)
            if kind is QuestionKind.SINGLE_CHOICE and self.display.data
            else ChoiceDisplay.RADIO
        )
        data["max_length"] = self.max_length.data if kind in TEXT_KINDS else None
        number = kind is QuestionKind.NUMBER
        data["min_number"] = self.min_number.data if number else None
        data["max_number"] = self.max_number.data if number else None
        on_date = kind is QuestionKind.DATE
        data["min_date"] = self.min_date.data if on_date else None
        data["max_date"] = self.max_date.data if on_date else None
        data["consent_version"] = self.consent_version.data if kind is QuestionKind.CONSENT else ""
        return data

    def chosen_condition(self) -> tuple[int, str] | None:
        if not self.condition.data:
            return None
        question_id, _colon, value = self.condition.data.partition(":")
        return int(question_id), value

    def choice_rows(self) -> list[ChoiceData]:
        if self.chosen_kind not in CHOICE_KINDS:
            return []
        rows = [row.form for row in self.choices]  # a FormField's own `id` and `label` hide
        return [  # the fields of those names: they are read from its form
            ChoiceData(
                id=int(row.id.data) if (row.id.data or "").isdigit() else None,
                label=row.label.data or "",
                label_uk=row.label_uk.data or "",
                places=row.places.data,
                retired=bool(row.retired.data),
            )
            for row in rows
        ]


def condition_choices(questions: list[Question], language: str) -> list[tuple[str, str]]:
    """ "Only when “B2B afternoon” is Yes": one option per answer of each question that can be
    a condition (a choice or yes/no question, itself without a condition)."""
    options = []
    for question in questions:
        if question.kind not in CONDITION_KINDS or question.condition_question_id is not None:
            continue
        title = question.title_in(language)
        if question.kind is QuestionKind.YES_NO:
            answers = [(YES, _l("Yes")), (NO, _l("No"))]
        else:
            answers = [(str(c.id), c.localized("label", language)) for c in question.choices]
        for value, answer in answers:
            options.append(
                (
                    f"{question.id}:{value}",
                    _l("Only when “%(question)s” is %(answer)s", question=title, answer=answer),
                )
            )
    return options


class OrderForm(FlaskForm):
    """The order of sections and questions: positions come as section-<id> and
    question-<id> numbers (typed, or set by dragging)."""

    def positions(self, formdata, prefix: str) -> dict[int, int]:
        found = {}
        for key, value in formdata.items():
            if not key.startswith(prefix):
                continue
            ident, number = key.removeprefix(prefix), (value or "").strip()
            if ident.isdigit() and number.lstrip("-").isdigit() and abs(int(number)) < 100_000:
                found[int(ident)] = int(number)
        return found
