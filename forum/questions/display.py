"""An answer as people read it: on the officers' page, in exports, on badges, at the door.

`AnswerWords(language)` works out what every answer of a page or an export needs
once (yes and no, country names, choice labels) and then turns a stored value
(as forum.questions.answers.stored_values gives it) into text. Several choices
are joined with "; ".
"""

from datetime import date

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from forum.i18n import BABEL_LOCALES, country_name
from forum.questions.answer_models import Answer
from forum.questions.answers import stored_values
from forum.questions.models import YES, Question, QuestionKind
from forum.registration.models import BadgeCategory

CHOICE_SEPARATOR = "; "


class AnswerWords:
    """Answers in `language` ('en' or 'uk'); dates as ISO (exports) or in words (pages)."""

    def __init__(self, language: str, iso_dates: bool = False) -> None:
        self.language = language
        self.iso_dates = iso_dates
        with force_locale(BABEL_LOCALES.get(language, language)):
            self.yes, self.no = _("yes"), _("no")
        self._labels: dict[int, dict[int, str]] = {}

    def choice_labels(self, question: Question) -> dict[int, str]:
        labels = self._labels.get(question.id)
        if labels is None:
            labels = {c.id: c.localized("label", self.language) for c in question.choices}
            self._labels[question.id] = labels
        return labels

    def text(self, question: Question, value: object, consent_version: str = "") -> str:
        """`value` (a stored answer's value) as text; "" when there is no answer."""
        if value is None or value == "" or value == []:
            return ""
        kind = question.kind
        if question.has_choices:
            labels = self.choice_labels(question)
            if len(value) == 1:
                return labels.get(value[0], "?")
            order = {choice_id: n for n, choice_id in enumerate(labels)}
            chosen = sorted(value, key=lambda i: order.get(i, len(order)))
            return CHOICE_SEPARATOR.join(labels.get(i, "?") for i in chosen)
        if kind is QuestionKind.YES_NO:
            return self.yes if value else self.no
        if kind is QuestionKind.CONSENT:
            if not value:
                return self.no
            return f"{self.yes} ({consent_version})" if consent_version else self.yes
        if kind is QuestionKind.COUNTRY:
            return country_name(str(value), self.language)
        if isinstance(value, date):
            if self.iso_dates:
                return value.isoformat()
            with force_locale(BABEL_LOCALES.get(self.language, self.language)):
                return format_date(value, "long")
        return str(value)

    def answer(self, question: Question, answer: Answer | None) -> str:
        """A stored Answer as text ("" for none)."""
        if answer is None:
            return ""
        return self.text(question, stored_values(question, answer), answer.consent_version)


def condition_answer(question: Question, language: str) -> str:
    """The answer a question's condition waits for, in `language` ("Yes", "French")."""
    condition = question.condition_question
    if condition is None:
        return ""
    if condition.kind is QuestionKind.YES_NO:
        with force_locale(BABEL_LOCALES.get(language, language)):
            return _("Yes") if question.condition_value == YES else _("No")
    for choice in condition.choices:
        if str(choice.id) == question.condition_value:
            return choice.localized("label", language)
    return question.condition_value


def category_label(value: str) -> str:
    """A requested category's value as its label ("press" -> "Press")."""
    try:
        return BadgeCategory(value).label
    except ValueError:
        return value
