"""Choices with a number of places ("the site visit: 40 places"), counted race-safe.

A place is held by every registration still in the running that chose it; one
that is withdrawn, cancelled or rejected gives it back (the rule of working
sessions' seats, forum.registration.decisions.SEATS_RELEASED_IN). Taking a place
locks the choice's row first (SELECT ... FOR UPDATE; SQLite serialises writers
with BEGIN IMMEDIATE), then counts: of two delegates asking for the last place
at the same instant, one waits for the other's commit and finds the choice full.
"""

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.bilingual import reader_language
from forum.extensions import db
from forum.questions.answer_models import Answer, answer_choices
from forum.questions.errors import AnswerError
from forum.questions.models import Choice, Question
from forum.registration.decisions import SEATS_RELEASED_IN
from forum.registration.models import Registration


class ChoiceFullError(AnswerError):
    """Every place of a chosen choice is taken."""

    status = 409


def taken(choice_ids: Iterable[int], besides: int | None = None) -> dict[int, int]:
    """How many places of each choice are held (by registrations other than `besides`)."""
    ids = list(choice_ids)
    if not ids:
        return {}
    query = (
        sa.select(answer_choices.c.choice_id, sa.func.count())
        .join(Answer, Answer.id == answer_choices.c.answer_id)
        .join(Registration, Registration.id == Answer.registration_id)
        .where(
            answer_choices.c.choice_id.in_(ids),
            Registration.state.not_in(SEATS_RELEASED_IN),
        )
        .group_by(answer_choices.c.choice_id)
    )
    if besides is not None:
        query = query.where(Answer.registration_id != besides)
    counts = dict(db.session.execute(query).all())
    return {choice_id: counts.get(choice_id, 0) for choice_id in ids}


def places_left(questions: Iterable[Question], besides: int | None = None) -> dict[int, int]:
    """Places left of each limited choice of `questions` (0 when full), for the form."""
    limited = {c.id: c.places for q in questions for c in q.choices if c.places is not None}
    held = taken(limited, besides=besides)
    return {choice_id: max(0, places - held[choice_id]) for choice_id, places in limited.items()}


def take_places(question: Question, registration_id: int, new_ids: Iterable[int]) -> None:
    """Make sure each newly chosen limited choice in `new_ids` has a place left for
    `registration_id`; ChoiceFullError names the first that has none.

    Call within the transaction that then stores the answer: the choices' rows stay
    locked until it commits.
    """
    wanted = set(new_ids)
    limited = sorted(
        choice.id
        for choice in question.choices
        if choice.id in wanted and choice.places is not None
    )
    if not limited:
        return
    locked = db.session.scalars(
        sa.select(Choice).where(Choice.id.in_(limited)).order_by(Choice.id).with_for_update()
    ).all()
    held = taken(limited, besides=registration_id)
    for choice in locked:
        db.session.refresh(choice, ["places"])  # as committed by whoever held the lock before
        if choice.places is not None and held[choice.id] >= choice.places:
            raise full_error(question, choice)


def full_error(question: Question, choice: Choice) -> ChoiceFullError:
    return ChoiceFullError(
        _l(
            "No places are left for “%(choice)s”. Please choose another answer.",
            choice=choice.localized("label", reader_language()),
        ),
        question_id=question.id,
    )
