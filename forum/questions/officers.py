"""The answers as the accreditation officers see them: on a registration's page and as
filters of their list (their exports' columns: forum/questions/exports.py)."""

from flask import url_for
from flask_babel import gettext as _

from forum.events.models import Event
from forum.questions import queries, summary
from forum.questions.models import NO, YES, QuestionKind


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
