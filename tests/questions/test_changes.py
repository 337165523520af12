"""Delegates change their answers while pending, and after accreditation only those marked
"editable after approval"; a changed answer the organisers review sends an accredited
registration back to the officers, as a changed name does."""

import io

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.extensions import db
from forum.questions import services
from forum.questions.answers import Upload, save_answers
from forum.questions.queries import answers_of, questions_of
from forum.registration.links import make_invitation_token
from forum.registration.models import BadgeCategory, Registration, RegistrationState
from tests import factories
from tests.questions.conftest import answer_fields, choice, pdf_bytes


def person(registration) -> dict:
    """The edit form's fixed fields, as the registration holds them."""
    return {
        "title": registration.title,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "phone": "+32 470 12 34 56",
        "job_title": "Director",
        "organisation": registration.organisation,
        "organisation_type": registration.organisation_type.value,
        "country": registration.country,
        "requested_category": registration.requested_category.value,
    }


def delegate_with_answers(client, event, questions, state=RegistrationState.PENDING, **fields):
    user, registration = factories.create_delegate(event, state=RegistrationState.PENDING, **fields)
    registration.phone = "+32470123456"
    registration.job_title = "Director"
    values = {
        questions["interpretation"].id: [int(choice(questions["interpretation"], "English"))],
        questions["b2b"].id: False,
        questions["site_visit"].id: [int(choice(questions["site_visit"], "No, thank you"))],
        questions["photo_consent"].id: True,
    }
    save_answers(
        registration,
        questions_of(event),
        values,
        category=registration.requested_category.value,
    )
    registration.state = state
    db.session.commit()
    client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    return registration


def edit(client, registration, questions, **values):
    data = {**person(registration), **answer_fields(questions, **values)}
    return client.post("/my/registration/edit", data=data, content_type="multipart/form-data")


def stored(registration, questions) -> dict:
    db.session.rollback()
    answers = answers_of(registration.id)
    return {name: answers.get(q.id) for name, q in questions.items()}


BASE = dict(interpretation="English", b2b="no", site_visit="No, thank you", photo_consent="y")


def test_a_pending_delegate_changes_any_answer(client, event, questions):
    registration = delegate_with_answers(client, event, questions)
    page = client.get("/my/registration/edit").get_data(as_text=True)
    assert "Which interpretation would you like" in page
    response = edit(
        client,
        registration,
        questions,
        **{**BASE, "interpretation": "German", "b2b": "yes", "b2b_topics": "Electronic warfare"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    answers = stored(registration, questions)
    assert [c.label for c in answers["interpretation"].chosen] == ["German"]
    assert [c.label for c in answers["b2b_topics"].chosen] == ["Electronic warfare"]
    entry = db.session.scalar(
        sa.select(AuditEntry)
        .where(AuditEntry.action == "registration.answers")
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    assert entry.details == {"questions": ["Interpretation", "B2B afternoon", "B2B topics"]}
    # Back to "no": the topics, no longer asked, are no longer kept.
    edit(client, registration, questions, **BASE)
    assert stored(registration, questions)["b2b_topics"] is None


def test_an_accredited_delegate_changes_only_what_stays_editable(client, event, questions):
    registration = delegate_with_answers(client, event, questions, RegistrationState.APPROVED)
    page = client.get("/my/registration/edit").get_data(as_text=True)
    # The site visit is reviewed, not editable after approval: shown, locked.
    assert "this answer can no longer be changed here" in page
    assert f'name="q{questions["site_visit"].id}"' not in page
    response = edit(
        client,
        registration,
        questions,
        **{**BASE, "interpretation": "French", "site_visit": "Yes, I will join"},
    )
    assert response.status_code == 302
    answers = stored(registration, questions)
    assert [c.label for c in answers["interpretation"].chosen] == ["French"]
    assert [c.label for c in answers["site_visit"].chosen] == ["No, thank you"]  # unchanged
    db.session.refresh(registration)
    assert registration.state is RegistrationState.APPROVED


def test_a_reviewed_answer_changed_after_accreditation_goes_back_to_the_officers(
    app, client, event, questions
):
    registration = delegate_with_answers(client, event, questions, RegistrationState.APPROVED)
    badge_version = registration.badge_version
    site_visit = questions["site_visit"]
    services.update_question(
        site_visit,
        site_visit.section,
        site_visit.kind,
        {"editable_after_approval": True},
        [services.ChoiceData(c.id, c.label, c.label_uk, c.places) for c in site_visit.choices],
    )
    db.session.commit()
    response = edit(client, registration, questions, **{**BASE, "site_visit": "Yes, I will join"})
    assert response.status_code == 302
    page = client.get("/my/registration").get_data(as_text=True)
    assert "because you changed an answer they review" in page
    db.session.refresh(registration)
    assert registration.state is RegistrationState.PENDING
    assert registration.state_reason == "answers needing review changed"
    assert registration.badge_version == badge_version  # not accredited: no door opens anyway
    # The officers read why, in words, and what changed.
    officer = factories.create_user(Role.OFFICER)
    db.session.commit()
    desk = app.test_client()
    desk.post("/sign-in", data={"email": officer.email, "password": factories.PASSWORD})
    page = desk.get(f"/accreditation/{registration.id}").get_data(as_text=True)
    assert "answers the accreditation team reviews changed" in page
    assert "Answers to the organisers&#39; questions changed" in page
    assert "Site visit" in page


def test_the_badge_answer_changed_gives_a_new_badge(client, event, questions):
    registration = delegate_with_answers(client, event, questions, RegistrationState.APPROVED)
    badge_version = registration.badge_version
    edit(client, registration, questions, **{**BASE, "interpretation": "Ukrainian"})
    db.session.refresh(registration)
    assert registration.state is RegistrationState.APPROVED
    assert registration.badge_version == badge_version + 1  # the printed line changed


def test_a_new_consent_version_is_asked_again(client, event, questions):
    registration = delegate_with_answers(client, event, questions)
    consent = questions["photo_consent"]
    field = f'name="q{consent.id}"'
    page = client.get("/my/registration/edit").get_data(as_text=True)
    assert f'{field} value="y" checked' in page.replace("\n", " ").replace("  ", " ") or (
        "checked" in page.split(field)[1][:80]
    )
    consent.consent_version = "2024-06"
    db.session.commit()
    page = client.get("/my/registration/edit").get_data(as_text=True)
    assert "checked" not in page.split(field)[1][:80]  # agreed to an older wording
    edit(client, registration, questions, **BASE)
    assert stored(registration, questions)["photo_consent"].consent_version == "2024-06"


def test_a_file_stays_until_another_is_chosen(client, event, questions):
    registration = delegate_with_answers(
        client, event, questions, requested_category=BadgeCategory.PRESS
    )
    letter = questions["editor_letter"]
    save_answers(
        registration,
        questions_of(event),
        {questions["press_card"].id: "BE-1"},
        {letter.id: Upload("letter.pdf", pdf_bytes())},
        category="press",
    )
    db.session.commit()
    page = client.get("/my/registration/edit").get_data(as_text=True)
    assert "letter.pdf" in page
    download = client.get(f"/my/registration/answers/{letter.id}/file")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    response = edit(client, registration, questions, **BASE, press_card="BE-2")
    assert response.status_code == 302
    answers = stored(registration, questions)
    assert answers["editor_letter"].file.filename == "letter.pdf"
    assert answers["press_card"].text == "BE-2"


def test_an_invited_delegate_answers_when_completing_the_form(client, event, questions, mailbox):
    invited = factories.create_registration(
        event,
        state=RegistrationState.SUBMITTED,
        invited=True,
        email="invited@example.org",
        given_name="Rustem",
        family_name="Umerov",
        organisation="Ministry of Defence of Ukraine",
        country="UA",
    )
    db.session.commit()
    data = {
        **person(invited),
        "password": "a long enough password",
        "password_again": "a long enough password",
        "consent_data": "y",
        f"q{questions['interpretation'].id}": choice(questions["interpretation"], "Ukrainian"),
        f"q{questions['b2b'].id}": "no",
    }
    response = client.post(
        f"/invitation/{make_invitation_token(invited.public_id)}",
        data=data,
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    answers = stored(invited, questions)
    assert [c.label for c in answers["interpretation"].chosen] == ["Ukrainian"]
    assert db.session.get(Registration, invited.id).user_id is not None
    assert io  # noqa: B018


def test_the_delegate_sees_their_answers_on_their_page(client, event, questions):
    registration = delegate_with_answers(client, event, questions)
    page = client.get("/my/registration").get_data(as_text=True)
    assert "My answers to the organisers" in page
    assert "Interpretation" in page and "English" in page
    assert "Photo consent" in page and "yes (2024-05)" in page
    assert registration.id


def test_a_file_is_kept_when_the_edit_form_comes_back(client, event, questions):
    registration = delegate_with_answers(
        client, event, questions, requested_category=BadgeCategory.PRESS
    )
    letter = questions["editor_letter"]
    data = {
        **person(registration),
        **answer_fields(questions, **BASE),  # no press card: the form comes back
        f"q{letter.id}": (io.BytesIO(pdf_bytes()), "new-letter.pdf"),
    }
    page = client.post("/my/registration/edit", data=data, content_type="multipart/form-data")
    assert "File kept: new-letter.pdf" in page.get_data(as_text=True)
    again = {
        **person(registration),
        **answer_fields(questions, **BASE, press_card="UA-3"),
        f"q{letter.id}_keep": "y",
    }
    response = client.post("/my/registration/edit", data=again, content_type="multipart/form-data")
    assert response.status_code == 302
    assert stored(registration, questions)["editor_letter"].file.filename == "new-letter.pdf"
