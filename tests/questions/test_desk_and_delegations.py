"""The questions wherever a registration starts besides the public form: the accreditation
desk's walk-in, a focal point registering a member on their behalf, and an invitation (one by
CSV import, one by a focal point) completed by the invited person. Required questions are
enforced as on the public form, with the same checks and the same race-safe places."""

import io
import threading

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.extensions import db
from forum.questions.places import ChoiceFullError, taken
from forum.registration.desk import register_walk_in
from forum.registration.models import BadgeCategory, Registration, RegistrationState
from tests import factories
from tests.delegations.conftest import create_delegation, person
from tests.questions.conftest import answer_count, answer_fields, answers_by_name, pdf_bytes
from tests.questions.test_places import join_visit, site_visit
from tests.registration.test_desk import walk_in
from tests.registration.test_exports_imports import CSV_GOOD, upload
from tests.threads import run_threads

S = RegistrationState
MINIMAL = dict(interpretation="Ukrainian", b2b="no")


def registration_by(email: str) -> Registration | None:
    db.session.rollback()
    return db.session.scalar(sa.select(Registration).where(Registration.email == email))


# -- the accreditation desk -------------------------------------------------------------------


def desk_post(client, questions, person_changes=None, **answers):
    data = {**walk_in(**(person_changes or {})), **answer_fields(questions, **answers)}
    return client.post("/accreditation/desk", data=data, content_type="multipart/form-data")


def test_the_desk_asks_the_questions_and_keeps_the_answers(client, auth, event, questions):
    officer = auth.as_role(Role.OFFICER)
    page = client.get("/accreditation/desk").get_data(as_text=True)
    assert "Which interpretation would you like to hear in the plenary?" in page
    assert "40 places left" in page

    response = desk_post(
        client, questions, interpretation="French", b2b="yes", b2b_topics=["Electronic warfare"]
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    registration = registration_by("oleksandra@example.org")
    assert registration.state is S.APPROVED
    stored = answers_by_name(registration.id, questions)
    assert [c.label for c in stored["interpretation"].chosen] == ["French"]
    assert stored["b2b"].flag is True
    assert [c.label for c in stored["b2b_topics"].chosen] == ["Electronic warfare"]
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "registration.answers")
    )
    assert entry.actor_id == officer.id


def test_the_desk_refuses_a_walk_in_without_the_required_answers(client, auth, event, questions):
    auth.as_role(Role.OFFICER)
    page = desk_post(client, questions, b2b="maybe").get_data(as_text=True)
    assert "Please choose an answer." in page  # the interpretation, required
    assert "Choose one of the answers offered." in page or "Please choose" in page
    assert registration_by("oleksandra@example.org") is None
    assert answer_count() == 0


def test_the_desk_asks_the_press_questions_of_the_press_only(client, auth, event, questions):
    auth.as_role(Role.OFFICER)
    page = desk_post(client, questions, {"category": "press"}, **MINIMAL).get_data(as_text=True)
    assert "Please answer this question." in page  # the press card number, required for press
    assert registration_by("oleksandra@example.org") is None
    # A badge category no delegate requests (staff) is asked what a delegate is asked.
    response = desk_post(client, questions, {"category": "staff"}, **MINIMAL, press_card="P-1")
    assert response.status_code == 302
    registration = registration_by("oleksandra@example.org")
    assert registration.category is BadgeCategory.STAFF
    assert "press_card" not in answers_by_name(registration.id, questions)


def test_the_desk_refuses_a_full_choice_and_keeps_nothing(client, auth, event, questions):
    question, yes = site_visit(questions)
    yes.places = 0
    db.session.commit()
    auth.as_role(Role.OFFICER)
    page = desk_post(client, questions, **MINIMAL, site_visit="Yes, I will join")
    assert "No places are left for “Yes, I will join”." in page.get_data(as_text=True)
    assert registration_by("oleksandra@example.org") is None


def test_the_desk_shows_its_questions_in_ukrainian(client, auth, event, questions):
    auth.as_role(Role.OFFICER)
    client.get("/language/uk")
    page = desk_post(client, questions, b2b="no").get_data(as_text=True)
    assert "Який синхронний переклад ви хочете слухати на пленарному засіданні?" in page
    assert "Будь ласка, оберіть відповідь." in page


def test_walk_ins_race_for_the_last_place_of_a_choice(app, event, questions):
    question, yes = site_visit(questions)
    for _ in range(39):
        join_visit(event, factories.create_registration(event), question, yes.id)
    officer = factories.create_user(Role.OFFICER)
    db.session.commit()
    officer_id = officer.id
    people = 6
    barrier = threading.Barrier(people)
    outcomes: list[str] = []

    def arrive(n: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                register_walk_in(
                    event,
                    {
                        "given_name": "Ivan",
                        "family_name": f"Walk-in {n}",
                        "organisation": "Kyiv Drone Works",
                        "organisation_type": "ua_industry",
                        "country": "UA",
                    },
                    f"walk-in-{n}@example.org",
                    "en",
                    BadgeCategory.DELEGATE,
                    db.session.get(type(officer), officer_id),
                    answer=lambda registration: join_visit(event, registration, question, yes.id),
                )
                db.session.commit()
                outcomes.append("joined")
            except ChoiceFullError:
                db.session.rollback()
                outcomes.append("full")
            finally:
                db.session.remove()

    run_threads(arrive, [(n,) for n in range(people)])
    assert sorted(outcomes) == ["full"] * (people - 1) + ["joined"]
    db.session.rollback()
    assert taken([yes.id]) == {yes.id: 40}
    walk_ins = db.session.scalars(
        sa.select(Registration).where(Registration.email.like("walk-in-%"))
    ).all()
    assert len(walk_ins) == 1  # the refused ones are not registered at all


# -- a focal point registers a member on their behalf ----------------------------------------


@pytest.fixture
def focal_delegation(event, auth):
    delegation = create_delegation(event, quota=3)
    db.session.commit()
    assert auth.sign_in(delegation.focal_point.email).status_code == 302
    return delegation


def on_behalf(client, delegation, questions, n=1, **answers):
    data = {
        **person(n, category="delegate", phone="+380 44 123 4567", job_title="Adviser"),
        **answer_fields(questions, **answers),
    }
    return client.post(
        f"/my/delegation/{delegation.id}/register", data=data, content_type="multipart/form-data"
    )


def test_a_focal_point_answers_on_behalf_and_the_member_confirms_them(
    client, auth, event, questions, focal_delegation, mailbox
):
    event.invited_skip_approval = True
    db.session.commit()
    page = client.get(f"/my/delegation/{focal_delegation.id}/register").get_data(as_text=True)
    assert "Which interpretation would you like to hear in the plenary?" in page
    assert 'enctype="multipart/form-data"' in page
    consent = questions["photo_consent"]
    assert f'name="q{consent.id}"' not in page  # the member's own to give, when confirming
    response = on_behalf(client, focal_delegation, questions, interpretation="German", b2b="no")
    assert response.status_code == 302, response.get_data(as_text=True)
    member = registration_by("member1@mil.example.org")
    stored = answers_by_name(member.id, questions)
    assert [c.label for c in stored["interpretation"].chosen] == ["German"]

    auth.sign_out()
    link = mailbox.link(mailbox.to("member1@mil.example.org")[0], "/invitation/")
    page = client.get(link).get_data(as_text=True)
    german = next(c for c in questions["interpretation"].choices if c.label == "German")
    assert f'value="{german.id}" checked' in page  # what the focal point answered
    assert f'name="q{consent.id}"' in page
    data = {
        "given_name": "Андрій",
        "family_name": "Шевченко1",
        "phone": "+380441234567",
        "job_title": "Adviser",
        "organisation": member.organisation,
        "organisation_type": member.organisation_type.value,
        "country": "UA",
        "requested_category": "delegate",
        "password": "a long enough password",
        "password_again": "a long enough password",
        "consent_data": "y",
        **answer_fields(
            questions,
            interpretation="German",
            b2b="yes",
            b2b_topics=["Electronic warfare"],
            photo_consent="y",
        ),
    }
    response = client.post(link, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    member = registration_by("member1@mil.example.org")
    assert member.state is S.APPROVED  # accredited at once: the answers are kept all the same
    stored = answers_by_name(member.id, questions)
    assert stored["b2b"].flag is True
    assert [c.label for c in stored["b2b_topics"].chosen] == ["Electronic warfare"]
    assert stored["photo_consent"].flag is True


def test_registering_on_behalf_without_the_required_answers_keeps_nothing(
    client, event, questions, focal_delegation, mailbox
):
    page = on_behalf(client, focal_delegation, questions, b2b="no").get_data(as_text=True)
    assert "Please choose an answer." in page
    assert registration_by("member1@mil.example.org") is None
    assert mailbox.messages == []


def test_registering_on_behalf_refuses_a_bad_file_and_keeps_nothing(
    client, auth, event, questions, mailbox
):
    delegation = create_delegation(event, quota=3, shares={"press": 1})
    db.session.commit()
    auth.sign_in(delegation.focal_point.email)
    letter = questions["editor_letter"]
    data = {
        **person(1, category="press", phone="+380 44 123 4567", job_title="Editor"),
        **answer_fields(questions, **MINIMAL, press_card="UA-7"),
        f"q{letter.id}": (io.BytesIO(pdf_bytes(b"/JavaScript (x)")), "letter.pdf"),
    }
    page = client.post(
        f"/my/delegation/{delegation.id}/register", data=data, content_type="multipart/form-data"
    ).get_data(as_text=True)
    assert "The PDF contains scripts" in page
    assert registration_by("member1@mil.example.org") is None
    assert mailbox.messages == []


def test_inviting_a_member_asks_no_questions_of_the_focal_point(
    client, event, questions, focal_delegation
):
    page = client.get(f"/my/delegation/{focal_delegation.id}/invite").get_data(as_text=True)
    assert "Which interpretation" not in page
    response = client.post(f"/my/delegation/{focal_delegation.id}/invite", data=person(2))
    assert response.status_code == 302
    assert answer_count() == 0


# -- an invitation imported by CSV is completed with the answers --------------------------------


def completed_invitation(**answers) -> dict:
    return {
        "given_name": "Claire",
        "family_name": "Dubois",
        "phone": "+32470123456",
        "job_title": "CEO",
        "organisation": "Ardennes Munitions SA",
        "organisation_type": "eu_industry",
        "country": "BE",
        "requested_category": "delegate",
        "password": "a long enough password",
        "password_again": "a long enough password",
        "consent_data": "y",
        **answers,
    }


def test_an_imported_invitee_answers_when_completing_the_registration(
    client, auth, event, questions, mailbox
):
    event.invited_skip_approval = True
    auth.as_role(Role.ORGANISER)
    upload(client, CSV_GOOD)
    auth.sign_out()
    link = mailbox.link(mailbox.to("claire.dubois@example.org")[0], "/invitation/")
    page = client.get(link).get_data(as_text=True)
    assert "Which interpretation would you like to hear in the plenary?" in page

    refused = client.post(link, data=completed_invitation()).get_data(as_text=True)
    assert "Please choose an answer." in refused
    claire = registration_by("claire.dubois@example.org")
    assert claire.user_id is None and answer_count() == 0

    response = client.post(
        link,
        data=completed_invitation(**answer_fields(questions, interpretation="French", b2b="no")),
    )
    assert response.headers["Location"] == "/my/registration"
    claire = registration_by("claire.dubois@example.org")
    assert claire.state is S.APPROVED
    stored = answers_by_name(claire.id, questions)
    assert [c.label for c in stored["interpretation"].chosen] == ["French"]
    assert stored["b2b"].flag is False
    assert "French" in client.get("/my/registration").get_data(as_text=True)


def test_the_desk_keeps_a_file_across_a_failed_try_and_not_for_the_next_walk_in(
    client, auth, event, questions
):
    auth.as_role(Role.OFFICER)
    letter = questions["editor_letter"]
    data = {
        **walk_in(category="press"),
        **answer_fields(questions, **MINIMAL),  # no press card: the form comes back
        f"q{letter.id}": (io.BytesIO(pdf_bytes()), "press-letter.pdf"),
    }
    page = client.post("/accreditation/desk", data=data, content_type="multipart/form-data")
    assert "File kept: press-letter.pdf" in page.get_data(as_text=True)
    again = {
        **walk_in(category="press"),
        **answer_fields(questions, **MINIMAL, press_card="UA-PRESS-9"),
        f"q{letter.id}_keep": "y",
    }
    response = client.post("/accreditation/desk", data=again, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    registration = registration_by("oleksandra@example.org")
    stored = answers_by_name(registration.id, questions)
    assert stored["editor_letter"].file.filename == "press-letter.pdf"
    # The next walk-in's form holds nothing of the last one's.
    assert "File kept" not in client.get("/accreditation/desk").get_data(as_text=True)
