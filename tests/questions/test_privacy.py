"""The answers in a delegate's data download; erasure, the retention purge and deleting a
registration take the answers and uploaded files with them."""

import base64
import json
from datetime import date

import sqlalchemy as sa

from forum.auth.models import Role
from forum.extensions import db
from forum.privacy.services import confirm_erasure, purge_before, request_erasure
from forum.questions.answer_models import Answer, AnswerFile, answer_choices
from forum.questions.answers import Upload, save_answers
from forum.questions.queries import questions_of
from forum.registration.models import BadgeCategory, Registration, RegistrationState
from tests import factories
from tests.questions.conftest import pdf_bytes


def press_delegate(event, questions):
    user, registration = factories.create_delegate(
        event, requested_category=BadgeCategory.PRESS, locale="uk", state=RegistrationState.PENDING
    )
    french = next(c.id for c in questions["interpretation"].choices if c.label == "French")
    save_answers(
        registration,
        questions_of(event),
        {
            questions["interpretation"].id: [french],
            questions["b2b"].id: False,
            questions["photo_consent"].id: True,
            questions["press_card"].id: "UA-4411",
            questions["arrival"].id: date(2024, 5, 5),
        },
        {questions["editor_letter"].id: Upload("letter.pdf", pdf_bytes())},
        category="press",
    )
    db.session.commit()
    return user, registration


def counts() -> tuple[int, int, int]:
    db.session.rollback()
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in (Answer.__table__, answer_choices, AnswerFile.__table__)
    )


def test_the_data_download_has_every_answer_and_the_file(client, event, questions):
    user, _registration = press_delegate(event, questions)
    client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    data = json.loads(client.get("/my/data.json").data)
    [mine] = data["registrations"]
    answers = {a["question"]: a for a in mine["answers"]}
    interpretation = answers["Which interpretation would you like to hear in the plenary?"]
    assert interpretation["answer"] == "Французька"  # in the delegate's language
    assert interpretation["question_uk"].startswith("Який синхронний переклад")
    assert answers["Press card number"]["value"] == "UA-4411"
    assert answers["Arrival date in Brussels"]["value"] == "2024-05-05"
    consent = answers[questions["photo_consent"].label]
    assert consent["consent_version"] == "2024-05"
    letter = answers[questions["editor_letter"].label]["file"]
    assert letter["filename"] == "letter.pdf" and letter["content_type"] == "application/pdf"
    assert base64.b64decode(letter["data_base64"]) == pdf_bytes()


def test_erasure_deletes_the_answers_and_files(auth, event, questions):
    _user, registration = press_delegate(event, questions)
    _other_user, other = press_delegate(event, questions)
    assert counts() == (12, 2, 2)
    organiser = auth.as_role(Role.ORGANISER)
    confirm_erasure(request_erasure(registration), organiser)
    db.session.commit()
    assert counts() == (6, 1, 1)  # the other delegate's stay
    db.session.rollback()
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(Answer).where(Answer.registration_id == other.id)
        )
        == 6
    )


def test_the_retention_purge_deletes_the_answers_and_files(app, questions, event):
    press_delegate(event, questions)
    result = purge_before(date(2025, 1, 1))
    db.session.commit()
    assert result.registrations == 1
    assert counts() == (0, 0, 0)


def test_deleting_a_registration_deletes_its_answers(event, questions):
    _user, registration = press_delegate(event, questions)
    db.session.delete(db.session.get(Registration, registration.id))
    db.session.commit()
    assert counts() == (0, 0, 0)
