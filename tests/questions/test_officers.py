"""Officers see the answers on a registration's page, filter their list by an answer and export
the answers as columns (one per question, multiple choices joined, formula-safe)."""

import csv
import io

import sqlalchemy as sa
from openpyxl import load_workbook

from forum.auth.models import Role
from forum.extensions import db
from forum.questions import services
from forum.questions.answers import Upload, save_answers
from forum.questions.models import QuestionKind
from forum.questions.queries import questions_of
from forum.registration.models import BadgeCategory, Registration, RegistrationState
from tests import factories
from tests.questions.conftest import pdf_bytes


def answered(event, questions, **values):
    """A pending registration with answers to the demo questions by name (choices by label)."""
    registration = factories.create_registration(event, **values.pop("person", {}))
    by_id = {}
    for name, value in values.items():
        question = questions[name]
        if question.has_choices:
            labels = value if isinstance(value, list) else [value]
            by_id[question.id] = [c.id for c in question.choices if c.label in labels]
        else:
            by_id[question.id] = value
    uploads = (
        {questions["editor_letter"].id: Upload("letter.pdf", pdf_bytes())}
        if (values.get("editor_letter"))
        else {}
    )
    save_answers(
        registration,
        questions_of(event),
        by_id,
        uploads,
        category=registration.requested_category.value,
    )
    db.session.commit()
    return registration


def test_the_detail_page_shows_the_answers_even_of_a_retired_or_relabelled_question(
    client, auth, event, questions
):
    registration = answered(
        event,
        questions,
        interpretation="German",
        b2b=True,
        b2b_topics=["Electronic warfare", "Joint ventures and investment"],
        arrival=event.starts_on,
    )
    services.retire_question(questions["arrival"])
    interpretation = questions["interpretation"]
    interpretation.label = "Interpretation wanted in the plenary"
    db.session.commit()
    auth.as_role(Role.OFFICER)
    page = client.get(f"/accreditation/{registration.id}").get_data(as_text=True)
    assert "Answers to the organisers" in page
    assert "Interpretation wanted in the plenary" in page and "German" in page
    assert "Electronic warfare; Joint ventures and investment" in page
    assert "Arrival date in Brussels" in page and "retired" in page
    assert "6 May 2024" in page


def test_officers_download_an_uploaded_file_and_others_cannot(client, auth, event, questions):
    registration = answered(
        event,
        questions,
        person={"requested_category": BadgeCategory.PRESS},
        interpretation="English",
        b2b=False,
        press_card="FR-123",
        editor_letter=True,
    )
    letter = questions["editor_letter"]
    url = f"/accreditation/{registration.id}/answers/{letter.id}/file"
    auth.as_role(Role.STAFF)
    assert client.get(url).status_code == 403
    auth.sign_out()
    auth.as_role(Role.OFFICER)
    response = client.get(url)
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["Cache-Control"] == "no-store"
    other_event = factories.create_event()
    stranger = factories.create_registration(other_event)
    db.session.commit()
    assert client.get(f"/accreditation/{stranger.id}/answers/{letter.id}/file").status_code == 404


def test_officers_filter_the_list_by_an_answer(client, auth, event, questions):
    french = answered(
        event,
        questions,
        interpretation="French",
        b2b=True,
        b2b_topics=["Electronic warfare"],
        person={"family_name": "Fournier"},
    )
    answered(event, questions, interpretation="English", b2b=False, person={"family_name": "Smith"})
    auth.as_role(Role.OFFICER)
    choice = next(c for c in questions["interpretation"].choices if c.label == "French")
    page = client.get(f"/accreditation/?state=all&answer=c{choice.id}").get_data(as_text=True)
    assert "Fournier" in page and "Smith" not in page
    page = client.get(f"/accreditation/?state=all&answer=y{questions['b2b'].id}")
    assert "Fournier" in page.get_data(as_text=True)
    page = client.get(f"/accreditation/?state=all&answer=n{questions['b2b'].id}")
    text = page.get_data(as_text=True)
    assert "Smith" in text and "Fournier" not in text
    # The filter offers every choice under its question.
    assert f'value="c{choice.id}"' in text and 'label="Interpretation"' in text
    # Nonsense is ignored, never an error.
    assert client.get("/accreditation/?answer=x1' OR 1=1").status_code == 200
    assert french.id


def test_the_exports_have_one_column_per_question(client, auth, event, questions):
    answered(
        event,
        questions,
        person={"family_name": "Fournier"},
        interpretation="French",
        b2b=True,
        b2b_topics=["Electronic warfare", "Drones and munitions"],
        photo_consent=True,
        arrival=event.starts_on,
    )
    section = questions["arrival"].section
    notes = services.create_question(event, section, QuestionKind.SHORT_TEXT, {"label": "Notes"})
    db.session.commit()
    registration = db.session.scalar(sa.select(Registration))
    save_answers(
        registration,
        [notes],
        {notes.id: '=HYPERLINK("http://evil.example","click")'},
        category="delegate",
    )
    services.retire_question(questions["departure"])
    db.session.commit()
    auth.as_role(Role.OFFICER)

    body = client.get("/accreditation/export.csv?state=all").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[-10:] == [
        "Interpretation",
        "B2B afternoon",
        "B2B topics",
        "Site visit",
        "Photo consent",
        "Arrival",
        "Departure (retired)",
        "Notes",
        "Press card",
        "Editor's letter",
    ]
    assert row["Interpretation"] == "French"
    assert row["B2B afternoon"] == "yes"
    assert row["B2B topics"] == "Drones and munitions; Electronic warfare"
    assert row["Photo consent"] == "yes (2024-05)"
    assert row["Arrival"] == "2024-05-06"
    assert row["Notes"].startswith("'=HYPERLINK")  # never run as a formula
    assert row["Site visit"] == ""

    sheet = load_workbook(
        io.BytesIO(client.get("/accreditation/export.xlsx?state=all").data)
    ).active
    values = {cell.value: sheet.cell(row=2, column=cell.column) for cell in sheet[1]}
    assert values["B2B topics"].value == "Drones and munitions; Electronic warfare"
    assert values["Notes"].data_type == "s" and values["Notes"].value.startswith("=HYPERLINK")


def test_the_export_follows_the_answer_filter(client, auth, event, questions):
    answered(
        event, questions, interpretation="French", b2b=False, person={"family_name": "Fournier"}
    )
    answered(event, questions, interpretation="English", b2b=False, person={"family_name": "Smith"})
    auth.as_role(Role.OFFICER)
    french = next(c for c in questions["interpretation"].choices if c.label == "French")
    body = client.get(f"/accreditation/export.csv?state=all&answer=c{french.id}").data
    text = body.decode("utf-8-sig")
    assert "Fournier" in text and "Smith" not in text
    assert RegistrationState.PENDING
