"""Delegates answer the organisers' questions on the registration form: each type, its checks,
conditions, categories, places and files; a bad answer is refused with a message in the
delegate's language and nothing is stored."""

import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.questions import held_files, services
from forum.questions.answer_models import AnswerFile
from forum.questions.files import CheckedFile
from forum.questions.held_files import HeldAnswerFile
from forum.questions.models import ChoiceDisplay, QuestionKind
from forum.questions.tasks import forget_stale_held_files
from forum.registration.models import Registration
from tests.questions.conftest import (
    answer_count,
    answer_fields,
    answers_by_name,
    choice,
    pdf_bytes,
    png_bytes,
)
from tests.registration.conftest import form_data


def register(client, questions, person=None, **values):
    data = {**form_data(**(person or {})), **answer_fields(questions, **values)}
    return client.post("/register", data=data, content_type="multipart/form-data")


def registration_id(email="olena.bondarenko@example.org") -> int | None:
    db.session.rollback()
    return db.session.scalar(sa.select(Registration.id).where(Registration.email == email))


MINIMAL = dict(interpretation="Ukrainian", b2b="no")


def test_answers_of_every_type_are_stored_against_their_question(client, event, questions):
    response = register(
        client,
        questions,
        interpretation="French",
        b2b="yes",
        b2b_topics=["Electronic warfare", "Drones and munitions"],
        site_visit="Yes, I will join",
        photo_consent="y",
        arrival="2024-05-05",
        departure="2024-05-07",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    stored = answers_by_name(registration_id(), questions)
    assert [c.label for c in stored["interpretation"].chosen] == ["French"]
    assert stored["b2b"].flag is True
    assert {c.label for c in stored["b2b_topics"].chosen} == {
        "Electronic warfare",
        "Drones and munitions",
    }
    assert [c.label for c in stored["site_visit"].chosen] == ["Yes, I will join"]
    assert stored["photo_consent"].flag is True
    assert stored["photo_consent"].consent_version == "2024-05"
    assert stored["arrival"].date_value == date(2024, 5, 5)
    assert stored["departure"].date_value == date(2024, 5, 7)
    assert "press_card" not in stored  # asked of the press only


def test_text_number_and_country_questions(client, event, questions):
    section = questions["interpretation"].section
    fields = {"label": "How many people travel with you?", "min_number": 0, "max_number": 20}
    party = services.create_question(event, section, QuestionKind.NUMBER, fields)
    origin = services.create_question(
        event, section, QuestionKind.COUNTRY, {"label": "Country you travel from"}
    )
    notes = services.create_question(
        event, section, QuestionKind.LONG_TEXT, {"label": "Anything else?", "max_length": 50}
    )
    db.session.commit()
    extra = {f"q{party.id}": "3", f"q{origin.id}": "PL", f"q{notes.id}": "Two lines\nof text"}
    response = client.post(
        "/register",
        data={**form_data(), **answer_fields(questions, **MINIMAL), **extra},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.rollback()
    from forum.questions.queries import answers_of

    stored = answers_of(registration_id())
    assert stored[party.id].number == 3
    assert stored[origin.id].text == "PL"
    assert stored[notes.id].text == "Two lines\nof text"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"interpretation": None}, "Please choose an answer."),
        ({"arrival": "5 May"}, "Enter a date, such as 2024-05-06."),
        ({"arrival": "2024-04-01"}, "Enter a value from 2024-04-29 to 2024-05-06."),
        ({"b2b": "perhaps"}, "Choose one of the answers offered."),
        ({"b2b": "yes"}, "Please choose an answer."),  # the topics, now shown, are required
    ],
)
def test_a_bad_answer_is_refused_with_a_message_and_nothing_is_stored(
    client, event, questions, values, message
):
    data = {**form_data(), **answer_fields(questions, **MINIMAL)}
    for name, value in values.items():
        key = f"q{questions[name].id}"
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    response = client.post("/register", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert registration_id() is None
    assert answer_count() == 0


def test_a_choice_of_another_question_is_refused(client, event, questions):
    data = {**form_data(), **answer_fields(questions, b2b="no")}
    data[f"q{questions['interpretation'].id}"] = choice(questions["site_visit"], "No, thank you")
    response = client.post("/register", data=data, content_type="multipart/form-data")
    assert "Choose one of the answers offered." in response.get_data(as_text=True)
    assert registration_id() is None


def test_messages_are_in_the_delegates_language(client, event, questions):
    client.get("/language/uk")
    data = {**form_data(), **answer_fields(questions, b2b="no")}  # no interpretation
    data[f"q{questions['arrival'].id}"] = "вчора"
    page = client.post("/register", data=data, content_type="multipart/form-data")
    text = page.get_data(as_text=True)
    assert "Будь ласка, оберіть відповідь." in text
    assert "Введіть дату, наприклад 2024-05-06." in text
    assert "Який синхронний переклад" in text  # the question in Ukrainian


def test_too_long_text_is_refused(client, event, questions):
    person = {"requested_category": "press"}
    response = register(client, questions, person, **MINIMAL, press_card="X" * 41)
    assert "Please shorten your answer to 40 characters (it has 41)." in response.get_data(
        as_text=True
    )
    assert registration_id() is None


def test_press_questions_are_asked_of_the_press_only(client, event, questions):
    # A delegate's answer to a press question is not kept: the question is not theirs.
    response = register(client, questions, **MINIMAL, press_card="BE-12345")
    assert response.status_code == 302
    assert "press_card" not in answers_by_name(registration_id(), questions)

    response = register(
        client,
        questions,
        {"requested_category": "press", "email": "press@example.org"},
        **MINIMAL,
    )
    assert "Please answer this question." in response.get_data(as_text=True)  # press card
    response = register(
        client,
        questions,
        {"requested_category": "press", "email": "press@example.org"},
        **MINIMAL,
        press_card="BE-12345",
    )
    assert response.status_code == 302
    stored = answers_by_name(registration_id("press@example.org"), questions)
    assert stored["press_card"].text == "BE-12345"


def test_a_hidden_conditional_question_keeps_no_answer(client, event, questions):
    response = register(
        client, questions, interpretation="English", b2b="no", b2b_topics=["Electronic warfare"]
    )
    assert response.status_code == 302
    assert "b2b_topics" not in answers_by_name(registration_id(), questions)


def test_a_full_choice_is_refused(client, event, questions):
    visit = questions["site_visit"]
    yes = next(c for c in visit.choices if c.places)
    yes.places = 0
    db.session.commit()
    response = register(client, questions, **MINIMAL, site_visit="Yes, I will join")
    text = response.get_data(as_text=True)
    assert "No places are left for “Yes, I will join”. Please choose another answer." in text
    assert registration_id() is None


def test_the_form_says_how_many_places_are_left(client, event, questions):
    page = client.get("/register").get_data(as_text=True)
    assert "40 places left" in page


def test_files_are_checked_by_content(client, event, questions):
    person = {"requested_category": "press"}
    letter = questions["editor_letter"]
    base = {**form_data(**person), **answer_fields(questions, **MINIMAL, press_card="UA-1")}

    def send(upload, filename):
        data = {**base, f"q{letter.id}": (io.BytesIO(upload), filename)}
        return client.post("/register", data=data, content_type="multipart/form-data")

    page = send(b"MZ\x90\x00 not a document", "letter.pdf").get_data(as_text=True)
    assert "The file is not a PDF or an image (JPEG, PNG or WebP) that we can read." in page
    page = send(pdf_bytes(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "a.pdf")
    assert "The PDF contains scripts" in page.get_data(as_text=True)
    page = send(b"%PDF-1.4 truncated", "letter.pdf")
    assert "The PDF is incomplete or damaged" in page.get_data(as_text=True)
    assert registration_id() is None
    assert answer_count() == 0

    assert send(pdf_bytes(), "../../Лист редактора.pdf").status_code == 302
    stored = answers_by_name(registration_id(), questions)["editor_letter"]
    assert stored.file.filename == "Лист редактора.pdf"
    assert stored.file.content_type == "application/pdf"


def test_an_image_file_is_re_encoded_without_its_metadata(client, event, questions):
    person = {"requested_category": "press"}
    letter = questions["editor_letter"]
    data = {
        **form_data(**person),
        **answer_fields(questions, **MINIMAL, press_card="UA-1"),
        f"q{letter.id}": (io.BytesIO(png_bytes()), "scan.png"),
    }
    assert (
        client.post("/register", data=data, content_type="multipart/form-data").status_code == 302
    )
    db.session.rollback()
    file = db.session.scalar(sa.select(AnswerFile))
    assert file.content_type == "image/jpeg" and file.filename == "scan.jpg"
    assert file.data.startswith(b"\xff\xd8")


def press_form(questions, letter_file=None, **answers):
    letter = questions["editor_letter"]
    data = {**form_data(requested_category="press"), **answer_fields(questions, **answers)}
    if letter_file is not None:
        data[f"q{letter.id}"] = letter_file
    return data


def held_count() -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(HeldAnswerFile))


def test_a_file_sent_with_a_form_that_comes_back_is_kept_for_the_next_try(client, event, questions):
    letter = questions["editor_letter"]
    data = press_form(questions, (io.BytesIO(pdf_bytes()), "Лист редактора.pdf"), **MINIMAL)
    page = client.post("/register", data=data, content_type="multipart/form-data")
    text = page.get_data(as_text=True)
    assert "Please answer this question." in text  # no press card: the form comes back
    assert "File kept: Лист редактора.pdf" in text
    assert f'name="q{letter.id}_keep" value="y" checked' in text
    assert answer_count() == 0 and held_count() == 1

    again = press_form(questions, **MINIMAL, press_card="UA-1")
    again[f"q{letter.id}_keep"] = "y"
    response = client.post("/register", data=again, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    stored = answers_by_name(registration_id(), questions)
    assert stored["editor_letter"].file.filename == "Лист редактора.pdf"
    assert stored["editor_letter"].file.data == pdf_bytes()
    assert held_count() == 0  # used, then forgotten


def test_a_kept_file_can_be_dropped_or_replaced(client, event, questions):
    letter = questions["editor_letter"]
    data = press_form(questions, (io.BytesIO(pdf_bytes()), "first.pdf"), **MINIMAL)
    client.post("/register", data=data, content_type="multipart/form-data")
    # A new file replaces the kept one.
    data = press_form(questions, (io.BytesIO(pdf_bytes(b"% second")), "second.pdf"), **MINIMAL)
    data[f"q{letter.id}_keep"] = "y"
    text = client.post("/register", data=data, content_type="multipart/form-data").get_data(
        as_text=True
    )
    assert "File kept: second.pdf" in text and "first.pdf" not in text
    assert held_count() == 1
    # Unticked: the form goes without it.
    response = client.post(
        "/register",
        data=press_form(questions, **MINIMAL, press_card="UA-1"),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert "editor_letter" not in answers_by_name(registration_id(), questions)


def test_only_the_browser_that_sent_a_file_can_use_it(app, client, event, questions):
    letter = questions["editor_letter"]
    data = press_form(questions, (io.BytesIO(pdf_bytes()), "letter.pdf"), **MINIMAL)
    client.post("/register", data=data, content_type="multipart/form-data")
    assert held_count() == 1
    other = app.test_client()
    stolen = press_form(questions, **MINIMAL, press_card="UA-2")
    stolen["email"] = "someone.else@example.org"
    stolen[f"q{letter.id}_keep"] = "y"
    page = other.get("/register").get_data(as_text=True)
    assert "File kept" not in page
    response = other.post("/register", data=stolen, content_type="multipart/form-data")
    assert response.status_code == 302
    assert "editor_letter" not in answers_by_name(
        registration_id("someone.else@example.org"), questions
    )
    assert held_count() == 1  # still the first browser's


def test_a_bad_file_is_not_kept_and_says_why(client, event, questions):
    data = press_form(questions, (io.BytesIO(b"MZ not a document"), "letter.pdf"), **MINIMAL)
    text = client.post("/register", data=data, content_type="multipart/form-data").get_data(
        as_text=True
    )
    assert "The file is not a PDF or an image (JPEG, PNG or WebP) that we can read." in text
    assert "File kept" not in text and held_count() == 0


def test_a_fresh_form_forgets_a_file_from_an_abandoned_try(client, event, questions):
    data = press_form(questions, (io.BytesIO(pdf_bytes()), "letter.pdf"), **MINIMAL)
    client.post("/register", data=data, content_type="multipart/form-data")
    assert held_count() == 1
    assert "File kept" not in client.get("/register").get_data(as_text=True)
    assert held_count() == 0


def test_held_files_are_forgotten_after_two_hours(event, questions):
    letter = questions["editor_letter"]
    checked = CheckedFile("old.pdf", "application/pdf", pdf_bytes())
    old = held_files.hold("k1", letter.id, checked)
    old.held_at = old.held_at - held_files.HOLD_FOR - timedelta(minutes=1)
    db.session.commit()
    assert held_files.held_files("k1") == {}  # too old to use
    held_files.hold("k2", letter.id, checked)  # any new hold cleans up
    db.session.commit()
    assert held_count() == 1
    fresh = db.session.scalar(sa.select(HeldAnswerFile))
    fresh.held_at = fresh.held_at - held_files.HOLD_FOR - timedelta(minutes=1)
    db.session.commit()
    assert forget_stale_held_files.call_local() == 1  # the worker's hourly clean-up
    assert held_count() == 0


def test_numbers_countries_and_lists_refuse_what_they_are_not(client, event, questions):
    section = questions["interpretation"].section
    party = services.create_question(
        event,
        section,
        QuestionKind.NUMBER,
        {"label": "How many people travel with you?", "min_number": 0, "max_number": 20},
    )
    origin = services.create_question(
        event, section, QuestionKind.COUNTRY, {"label": "Country you travel from"}
    )
    lunch = services.create_question(
        event,
        section,
        QuestionKind.SINGLE_CHOICE,
        {"label": "Lunch", "display": ChoiceDisplay.LIST, "required": True},
        [services.ChoiceData(None, "Vegetarian"), services.ChoiceData(None, "Any")],
    )
    db.session.commit()
    page = client.get("/register").get_data(as_text=True)
    assert f'<select id="q{lunch.id}" name="q{lunch.id}"' in page  # shown as a list
    base = {**form_data(), **answer_fields(questions, **MINIMAL)}
    cases = [
        ({f"q{party.id}": "three"}, "Enter a whole number, such as 3."),
        ({f"q{party.id}": "21"}, "Enter a value from 0 to 20."),
        ({f"q{origin.id}": "XX"}, "Choose a country from the list."),
        ({f"q{lunch.id}": ""}, "Please choose an answer."),
        ({f"q{lunch.id}": "999999"}, "Choose one of the answers offered."),
    ]
    for changes, message in cases:
        good = {f"q{lunch.id}": str(lunch.choices[0].id)}
        data = {**base, **good, **changes}
        response = client.post("/register", data=data, content_type="multipart/form-data")
        assert message in response.get_data(as_text=True), changes
        assert registration_id() is None
    data = {**base, f"q{lunch.id}": str(lunch.choices[1].id), f"q{party.id}": "0"}
    assert (
        client.post("/register", data=data, content_type="multipart/form-data").status_code == 302
    )
    db.session.rollback()
    from forum.questions.queries import answers_of

    stored = answers_of(registration_id())
    assert stored[party.id].number == 0
    assert [c.label for c in stored[lunch.id].chosen] == ["Any"]
