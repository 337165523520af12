"""The organisers' editor: sections and questions in both languages, the rules that keep the
form sane, answers kept through every change, the order, and the preview."""

import sqlalchemy as sa

from forum.auth.models import Role
from forum.extensions import db
from forum.questions import layout, services
from forum.questions.answers import save_answers
from forum.questions.models import Choice, Question, QuestionKind, Section
from forum.questions.queries import answers_of, questions_of
from tests import factories


def question_form(section, **changes) -> dict:
    data = {
        "section": section.id,
        "kind": "single_choice",
        "label": "Lunch at the forum",
        "label_uk": "Обід на форумі",
        "display": "radio",
        "condition": "",
        "choices-0-label": "Vegetarian",
        "choices-0-label_uk": "Вегетаріанський",
        "choices-1-label": "Any",
        "choices-1-label_uk": "Будь-який",
        "choices-1-places": "120",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_only_organisers_edit_the_questions(client, auth, event, questions):
    assert client.get("/organise/questions/").status_code == 302  # to sign in
    auth.as_role(Role.OFFICER)
    assert client.get("/organise/questions/").status_code == 403
    assert client.post("/organise/questions/new", data={}).status_code == 403
    assert client.get("/organise/questions/preview").status_code == 403


def test_an_organiser_adds_a_section_and_a_question_in_both_languages(client, auth, event):
    auth.as_role(Role.ORGANISER)
    assert client.get("/organise/questions/").status_code == 200
    response = client.post(
        "/organise/questions/sections/new",
        data={"title": "Catering", "title_uk": "Харчування"},
    )
    assert response.status_code == 302
    section = db.session.scalar(sa.select(Section))
    response = client.post("/organise/questions/new", data=question_form(section))
    assert response.status_code == 302, response.get_data(as_text=True)
    question = db.session.scalar(sa.select(Question))
    assert (question.label, question.label_uk) == ("Lunch at the forum", "Обід на форумі")
    assert [(c.label, c.label_uk, c.places) for c in question.choices] == [
        ("Vegetarian", "Вегетаріанський", None),
        ("Any", "Будь-який", 120),
    ]
    page = client.get("/organise/questions/").get_data(as_text=True)
    assert "Lunch at the forum" in page and "0 of 120 places taken" in page


def test_a_bad_question_is_refused_with_a_message_and_nothing_changes(client, auth, event):
    auth.as_role(Role.ORGANISER)
    section = layout.create_section(event, "Catering")
    db.session.commit()
    cases = [
        ({"label": ""}, "This field is required."),
        (
            {"choices-0-label": "", "choices-1-label": ""},
            "Give the question at least one choice.",
        ),
        ({"kind": "number", "min_number": "10", "max_number": "2"}, "must not be below"),
        ({"kind": "consent", "consent_version": ""}, "Give the consent text a version"),
        ({"kind": "long_text", "on_badge": "y"}, "Only a short answer can go on the badge"),
        ({"choices-1-places": "-3"}, "Places: a whole number from 0 to 100,000."),
    ]
    for changes, message in cases:
        response = client.post("/organise/questions/new", data=question_form(section, **changes))
        assert response.status_code == 200, changes
        assert message in response.get_data(as_text=True), (changes, message)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == 0


def test_conditions_go_one_level_deep(event, questions):
    b2b, topics = questions["b2b"], questions["b2b_topics"]
    section = b2b.section
    # A question shown only when "B2B topics" has a value: refused, topics has a condition.
    electronic = next(c for c in topics.choices if c.label == "Electronic warfare")
    try:
        services.create_question(
            event,
            section,
            QuestionKind.SHORT_TEXT,
            {"label": "Which systems?"},
            condition=(topics.id, str(electronic.id)),
        )
    except services.QuestionError as error:
        assert "conditions go one level deep" in str(error)
    else:
        raise AssertionError("a second level of condition was accepted")
    db.session.rollback()
    # B2B itself cannot get a condition while topics depends on it.
    interpretation = questions["interpretation"]
    french = str(interpretation.choices[2].id)
    try:
        services.update_question(b2b, section, b2b.kind, {}, condition=(interpretation.id, french))
    except services.QuestionError as error:
        assert "cannot depend on another question itself" in str(error)
    else:
        raise AssertionError("a condition question got a condition")


def test_a_label_edited_or_a_question_retired_keeps_its_answers(event, questions):
    registration = factories.create_registration(event)
    interpretation = questions["interpretation"]
    french = next(c for c in interpretation.choices if c.label == "French")
    save_answers(
        registration, questions_of(event), {interpretation.id: [french.id]}, category="delegate"
    )
    rows = [services.ChoiceData(c.id, c.label, c.label_uk) for c in interpretation.choices]
    rows[2] = services.ChoiceData(french.id, "French (Français)", "Французька")
    services.update_question(
        interpretation,
        interpretation.section,
        interpretation.kind,
        {"label": "Interpretation in the plenary"},
        rows,
    )
    services.retire_question(interpretation)
    db.session.commit()
    [answer] = answers_of(registration.id).values()
    assert answer.question.label == "Interpretation in the plenary"
    assert [c.label for c in answer.chosen] == ["French (Français)"]
    assert interpretation.is_retired and not interpretation.on_badge

    # The type of a question with answers is fixed; deleting it is refused.
    try:
        services.update_question(
            interpretation, interpretation.section, QuestionKind.SHORT_TEXT, {}
        )
    except services.QuestionError as error:
        assert "its type cannot change" in str(error)
    else:
        raise AssertionError("the type of an answered question changed")
    db.session.rollback()
    try:
        services.delete_question(interpretation)
    except services.QuestionError as error:
        assert "retire it instead" in str(error)
    else:
        raise AssertionError("an answered question was deleted")


def test_a_chosen_choice_left_out_is_retired_and_an_unchosen_one_deleted(event, questions):
    registration = factories.create_registration(event)
    interpretation = questions["interpretation"]
    english, ukrainian, french, german = interpretation.choices
    save_answers(
        registration, questions_of(event), {interpretation.id: [french.id]}, category="delegate"
    )
    services.update_question(
        interpretation,
        interpretation.section,
        interpretation.kind,
        {},
        [services.ChoiceData(c.id, c.label, c.label_uk) for c in (english, ukrainian)],
    )
    db.session.commit()
    assert db.session.get(Choice, french.id).is_retired
    assert db.session.get(Choice, german.id) is None
    assert [c.label for c in answers_of(registration.id)[interpretation.id].chosen] == ["French"]


def test_one_question_on_the_badge_and_one_at_the_door(event, questions):
    b2b = questions["b2b"]
    services.update_question(b2b, b2b.section, b2b.kind, {"on_badge": True, "at_door": True})
    db.session.commit()
    db.session.expire_all()
    flags = {q.id: (q.on_badge, q.at_door) for q in questions_of(event)}
    assert flags[b2b.id] == (True, True)
    assert [q for q, f in flags.items() if any(f)] == [b2b.id]


def test_organisers_retire_restore_delete_and_reorder(client, auth, event, questions):
    auth.as_role(Role.ORGANISER)
    arrival, departure = questions["arrival"], questions["departure"]
    assert client.post(f"/organise/questions/{arrival.id}/retire").status_code == 302
    db.session.refresh(arrival)
    assert arrival.is_retired
    register = client.get("/register").get_data(as_text=True)
    assert "Arrival date in Brussels" not in register
    client.post(f"/organise/questions/{arrival.id}/restore")
    db.session.refresh(arrival)
    assert not arrival.is_retired

    order = {f"question-{departure.id}": "1", f"question-{arrival.id}": "2"}
    travel, forum_section = arrival.section, questions["b2b"].section
    order |= {f"section-{travel.id}": "1", f"section-{forum_section.id}": "2"}
    assert client.post("/organise/questions/order", data=order).status_code == 302
    db.session.expire_all()
    titles = [q.label for q in questions_of(event)]
    assert titles[:2] == ["Departure date", "Arrival date in Brussels"]

    assert client.post(f"/organise/questions/{departure.id}/delete").status_code == 302
    assert db.session.get(Question, departure.id) is None


def test_the_preview_shows_the_form_in_either_language_and_saves_nothing(
    client, auth, event, questions
):
    auth.as_role(Role.ORGANISER)
    english = client.get("/organise/questions/preview?lang=en").get_data(as_text=True)
    assert "Which interpretation would you like to hear in the plenary?" in english
    assert "40 places left" in english
    ukrainian = client.get("/organise/questions/preview?lang=uk").get_data(as_text=True)
    assert "Який синхронний переклад ви хочете слухати на пленарному засіданні?" in ukrainian
    assert 'lang="uk"' in ukrainian
    # The press sees their questions; checking the answers reports what a delegate would read.
    press = client.post(
        "/organise/questions/preview?lang=en", data={"requested_category": "press"}
    ).get_data(as_text=True)
    assert "Press card number" in press and "Please answer this question." in press
    assert "Nothing was saved." in press
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == 9
