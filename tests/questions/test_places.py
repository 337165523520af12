"""Choices with places: counted over registrations still in the running, and the last places
race-safe with real threads (on SQLite and on PostgreSQL, as the forum's capacity)."""

import threading

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.questions.answer_models import Answer, answer_choices
from forum.questions.answers import save_answers
from forum.questions.models import Choice
from forum.questions.places import ChoiceFullError, places_left, taken
from forum.questions.queries import questions_of
from forum.registration import decisions
from forum.registration.models import Registration, RegistrationState
from tests import factories
from tests.threads import run_threads


def site_visit(questions):
    question = questions["site_visit"]
    yes = next(c for c in question.choices if c.places is not None)
    return question, yes


def join_visit(event, registration, question, choice_id):
    save_answers(registration, questions_of(event), {question.id: [choice_id]}, category="delegate")


def test_thirty_delegates_race_for_the_last_two_places(app, event, questions):
    question, yes = site_visit(questions)
    for _ in range(38):
        join_visit(event, factories.create_registration(event), question, yes.id)
    waiting = [factories.create_registration(event).id for _ in range(30)]
    db.session.commit()
    assert taken([yes.id]) == {yes.id: 38}

    barrier = threading.Barrier(len(waiting))
    outcomes: list[str] = []

    def answer(registration_id: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                registration = db.session.get(Registration, registration_id)
                join_visit(event, registration, question, yes.id)
                db.session.commit()
                outcomes.append("joined")
            except ChoiceFullError:
                db.session.rollback()
                outcomes.append("full")
            finally:
                db.session.remove()

    run_threads(answer, [(rid,) for rid in waiting])

    assert sorted(outcomes) == ["full"] * 28 + ["joined"] * 2
    db.session.rollback()
    held = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(answer_choices)
        .where(answer_choices.c.choice_id == yes.id)
    )
    assert held == 40


def test_a_place_comes_free_when_its_holder_leaves(event, questions):
    question, yes = site_visit(questions)
    yes.places = 1
    holder = factories.create_registration(event)
    join_visit(event, holder, question, yes.id)
    other = factories.create_registration(event)
    db.session.flush()
    assert places_left([question]) == {yes.id: 0}
    with pytest.raises(ChoiceFullError):
        join_visit(event, other, question, yes.id)
    decisions.withdraw(holder)
    assert places_left([question]) == {yes.id: 1}
    join_visit(event, other, question, yes.id)
    assert taken([yes.id]) == {yes.id: 1}


def test_keeping_a_place_is_no_new_request(event, questions):
    question, yes = site_visit(questions)
    yes.places = 1
    holder = factories.create_registration(event)
    join_visit(event, holder, question, yes.id)
    db.session.flush()
    # Saving the form again with the same choice keeps the place, though the choice is full.
    join_visit(event, holder, question, yes.id)
    assert taken([yes.id]) == {yes.id: 1}


def test_lowering_the_places_below_those_taken_keeps_everybody(event, questions):
    question, yes = site_visit(questions)
    first, second = (factories.create_registration(event) for _ in range(2))
    for registration in (first, second):
        join_visit(event, registration, question, yes.id)
    db.session.get(Choice, yes.id).places = 1
    db.session.flush()
    assert taken([yes.id]) == {yes.id: 2} and places_left([question]) == {yes.id: 0}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 2
    assert RegistrationState.PENDING is first.state
