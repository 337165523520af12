"""The demo forum asks a realistic set of questions, and its delegates have answered them."""

import sqlalchemy as sa

from forum.extensions import db
from forum.models import Event, Registration
from forum.questions.answer_models import Answer
from forum.questions.places import taken
from forum.questions.queries import answers_of, questions_of
from forum.registration.models import BadgeCategory


def test_the_demo_forum_asks_the_usual_questions(runner):
    result = runner.invoke(args=["seed-demo", "--delegates", "120"])
    assert result.exit_code == 0, result.output
    event = db.session.scalar(sa.select(Event))
    questions = {q.title_in("en"): q for q in questions_of(event)}
    assert list(questions) == [
        "Interpretation",
        "B2B afternoon",
        "B2B topics",
        "Site visit",
        "Photo consent",
        "Arrival",
        "Departure",
        "Press card",
        "Editor's letter",
    ]
    interpretation = questions["Interpretation"]
    assert [c.label for c in interpretation.choices] == ["English", "Ukrainian", "French", "German"]
    assert interpretation.on_badge and interpretation.at_door
    assert questions["B2B topics"].condition_question is questions["B2B afternoon"]
    assert questions["Press card"].categories == ["press"]
    [visit] = [c for c in questions["Site visit"].choices if c.places is not None]
    assert visit.places == 40 and 0 < taken([visit.id])[visit.id] <= 40
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) > 120 * 3

    for registration in db.session.scalars(sa.select(Registration)):
        answered = answers_of(registration.id)
        press = registration.requested_category is BadgeCategory.PRESS
        assert (questions["Press card"].id in answered) == press
        if questions["B2B topics"].id in answered:
            assert answered[questions["B2B afternoon"].id].flag is True
