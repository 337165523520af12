"""Who is asked which question: the one rule the form, the services and the browser share.

A question is shown to a delegate when
- it is not retired,
- it names no requested categories, or names the one the delegate asks for, and
- it has no condition, or its condition question is shown too and its answer has the
  condition's value (a choice's id, or "yes"/"no").

One level of conditions: a question that is another's condition has no condition of
its own (checked when organisers save, forum/questions/services.py). The browser
applies the same rule to show and hide questions as the delegate answers
(static/js/questions.js reads it from the data attributes of each question).
"""

from collections.abc import Iterable, Mapping
from datetime import date

from forum.questions.models import NO, YES, Question, QuestionKind


def condition_values(question: Question, value: object) -> set[str]:
    """The values a condition can test in `value`, an answer to `question` as the forms
    give it (choice ids for choice questions, True/False for yes/no)."""
    if question.has_choices:
        return {str(choice_id) for choice_id in value or ()}
    if question.kind is QuestionKind.YES_NO and value is not None:
        return {YES if value else NO}
    return set()


def is_shown(question: Question, category: str, values: Mapping[int, set[str]]) -> bool:
    """Is `question` asked of a delegate requesting `category` whose answers so far give
    `values` (question id -> condition_values)?"""
    if question.is_retired:
        return False
    if question.categories and category not in question.categories:
        return False
    condition = question.condition_question
    if condition is None:
        return True
    if condition.is_retired or (condition.categories and category not in condition.categories):
        return False
    return question.condition_value in values.get(condition.id, set())


def shown_questions(
    questions: Iterable[Question], category: str, values: Mapping[int, set[str]]
) -> list[Question]:
    return [question for question in questions if is_shown(question, category, values)]


def is_answered(question: Question, value: object) -> bool:
    """Does a form's value for `question` say anything? An empty text, no choice, no file
    or a consent not given says nothing; "no" to a yes/no question is an answer."""
    if question.kind is QuestionKind.YES_NO:
        return value is not None
    if question.kind is QuestionKind.CONSENT:
        return value is True
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value != []


def in_range(value: int | date, low: int | date | None, high: int | date | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)
