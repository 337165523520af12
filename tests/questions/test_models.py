"""What the database itself guards for the questions, whatever the code above it does."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.questions.answer_models import Answer
from forum.questions.models import Question, QuestionKind
from tests import factories


def raw_question(event, section, **fields) -> Question:
    return Question(
        event_id=event.id, section_id=section.id, kind=QuestionKind.YES_NO, label="Q", **fields
    )


def refused(*objects) -> bool:
    try:
        with db.session.begin_nested():
            db.session.add_all(objects)
            db.session.flush()
    except sa.exc.IntegrityError:
        return True
    return False


def test_one_question_on_the_badge_and_one_at_the_door_per_event(event, questions):
    section = questions["b2b"].section
    assert refused(raw_question(event, section, on_badge=True))
    assert refused(raw_question(event, section, at_door=True))
    assert not refused(raw_question(event, section))
    other_event = factories.create_event()
    from forum.questions import layout

    other_section = layout.create_section(other_event, "Elsewhere")
    assert not refused(raw_question(other_event, other_section, on_badge=True))


def test_one_answer_per_registration_and_question(event, questions):
    registration = factories.create_registration(event)
    b2b = questions["b2b"]
    db.session.add(Answer(registration_id=registration.id, question_id=b2b.id, flag=True))
    db.session.flush()
    assert refused(Answer(registration_id=registration.id, question_id=b2b.id, flag=False))


def test_a_question_with_answers_cannot_be_deleted_in_the_database(event, questions):
    registration = factories.create_registration(event)
    b2b = questions["b2b"]
    db.session.add(Answer(registration_id=registration.id, question_id=b2b.id, flag=True))
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.delete(Question).where(Question.id == b2b.id))
        db.session.flush()
    db.session.rollback()


def test_ranges_and_places_are_checked(event, questions):
    section = questions["b2b"].section
    assert refused(raw_question(event, section, min_number=5, max_number=2))
    assert refused(raw_question(event, section, max_length=0))
    questions["site_visit"].choices[0].places = -1
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()
