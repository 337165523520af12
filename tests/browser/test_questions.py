"""The organisers' questions in Chromium: a delegate fills a form with conditional questions in
Ukrainian; the organisers' editor and preview, the registration form and the officers' page,
at desktop and phone width, in English and Ukrainian, with screenshots to look at."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.badges.tokens import issue_token
from forum.extensions import db
from forum.questions.answers import Upload, save_answers
from forum.questions.demo import add_demo_questions
from forum.questions.queries import answers_of, questions_of
from forum.registration.models import BadgeCategory, Registration, RegistrationState
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_scanner import wait_until_the_list_is_kept
from tests.questions.conftest import pdf_bytes

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def questions(event):
    found = add_demo_questions(event)
    db.session.commit()
    return found


def question_box(page, question):
    return page.locator(f'[data-question="{question.id}"]')


def test_a_ukrainian_delegate_answers_conditional_questions(live_server, page, event, questions):
    page.goto(f"{live_server}/language/uk?next=/register")
    expect(page.locator("legend", has_text="Під час форуму")).to_be_visible()
    topics, press_card = (
        question_box(page, questions["b2b_topics"]),
        question_box(page, questions["press_card"]),
    )
    expect(topics).to_be_hidden()
    expect(press_card).to_be_hidden()
    expect(page.locator("legend", has_text="Для преси")).to_be_hidden()  # nothing shown in it

    page.locator("#given_name").fill("Олена")
    page.locator("#family_name").fill("Бондаренко")
    page.locator("#job_title").fill("Кореспондентка")
    page.locator("#phone").fill("044 123 4567")
    page.locator("#organisation").fill("Укрінформ")
    page.locator("#organisation_type").select_option("press")
    page.locator("#country").select_option("UA")
    page.get_by_label("Українська", exact=True).check()
    # "Yes" to the B2B afternoon: its topics appear, and are asked.
    question_box(page, questions["b2b"]).get_by_label("Так").check()
    expect(topics).to_be_visible()
    topics.get_by_label("Радіоелектронна боротьба").check()
    # Attending as press: the press questions appear.
    page.locator("#requested_category").select_option("press")
    expect(press_card).to_be_visible()
    expect(page.locator("legend", has_text="Для преси")).to_be_visible()
    expect(page.get_by_text("лишилося 40 місць")).to_be_visible()
    page.locator("#email").fill("olena@example.org")
    page.locator("#password").fill("a long enough password")
    page.locator("#password_again").fill("a long enough password")
    page.locator("#consent_data").check()
    screenshot(page, "questions-register-filled-uk")

    # The press card is required: the server says so in Ukrainian, beside the question.
    page.locator("form.register-form button[type=submit]").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Номер посвідчення журналіста")
    expect(press_card.locator(".error")).to_have_text("Будь ласка, дайте відповідь на це питання.")
    expect(topics).to_be_visible()  # shown again as the server judged it
    screenshot(page, "questions-register-errors-uk")
    press_card.locator("input").fill("UA-20417")
    page.locator("#password").fill("a long enough password")
    page.locator("#password_again").fill("a long enough password")
    page.locator("form.register-form button[type=submit]").click()
    expect(page.get_by_role("heading", name="Перевірте електронну пошту")).to_be_visible()

    db.session.rollback()
    registration = db.session.scalar(sa.select(Registration))
    stored = answers_of(registration.id)
    assert [c.label for c in stored[questions["interpretation"].id].chosen] == ["Ukrainian"]
    assert stored[questions["b2b"].id].flag is True
    assert [c.label for c in stored[questions["b2b_topics"].id].chosen] == ["Electronic warfare"]
    assert stored[questions["press_card"].id].text == "UA-20417"


def test_choosing_no_hides_the_topics_and_sends_nothing_for_them(
    live_server, page, event, questions
):
    page.goto(f"{live_server}/register")
    b2b, topics = question_box(page, questions["b2b"]), question_box(page, questions["b2b_topics"])
    b2b.get_by_label("Yes").check()
    topics.get_by_label("Drones and munitions").check()
    b2b.get_by_label("No").check()
    expect(topics).to_be_hidden()
    expect(topics.get_by_label("Drones and munitions")).to_be_disabled()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_screenshots_of_the_organisers_and_officers_pages(
    live_server, browser, event, questions, language
):
    organiser = factories.create_user(Role.ORGANISER, email="organiser@forum.example")
    officer = factories.create_user(Role.OFFICER, email="officer@forum.example")
    _user, delegate = factories.create_delegate(
        event,
        given_name="Олена",
        family_name="Бондаренко",
        organisation="Укрінформ",
        country="UA",
        requested_category=BadgeCategory.PRESS,
        state=RegistrationState.PENDING,
    )
    french = next(c.id for c in questions["interpretation"].choices if c.label == "French")
    topics = [c.id for c in questions["b2b_topics"].choices[:2]]
    save_answers(
        delegate,
        questions_of(event),
        {
            questions["interpretation"].id: [french],
            questions["b2b"].id: True,
            questions["b2b_topics"].id: topics,
            questions["photo_consent"].id: True,
            questions["arrival"].id: event.starts_on,
            questions["press_card"].id: "UA-20417",
        },
        {questions["editor_letter"].id: Upload("Лист редактора.pdf", pdf_bytes())},
        category="press",
    )
    db.session.commit()
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        sign_in(page, live_server, organiser.email, language)
        page.goto(f"{live_server}/organise/questions/")
        expect(
            page.get_by_role(
                "heading", name="Під час форуму" if language == "uk" else "At the forum"
            )
        ).to_be_visible()
        assert_no_sideways_scroll(page)
        screenshot(page, f"questions-editor-{width}-{language}")
        page.goto(f"{live_server}/organise/questions/{questions['site_visit'].id}")
        assert_no_sideways_scroll(page)
        screenshot(page, f"questions-question-form-{width}-{language}")
        page.goto(f"{live_server}/organise/questions/preview?lang={language}")
        page.locator("#requested_category").select_option("press")
        expect(question_box(page, questions["press_card"])).to_be_visible()
        assert_no_sideways_scroll(page)
        screenshot(page, f"questions-preview-{width}-{language}")
        context.close()

        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(f"{live_server}/language/{language}?next=/register")
        assert_no_sideways_scroll(page)
        screenshot(page, f"questions-register-{width}-{language}")
        sign_in(page, live_server, officer.email, language)
        page.goto(f"{live_server}/accreditation/{delegate.id}")
        answers = page.locator("section.answers")
        expect(answers).to_contain_text("UA-20417")
        expect(answers.get_by_role("link", name="Лист редактора.pdf")).to_be_visible()
        assert_no_sideways_scroll(page)
        answers.scroll_into_view_if_needed()
        screenshot(page, f"questions-officer-detail-{width}-{language}")
        context.close()


def sign_in(page, live_server, email, language):
    page.goto(f"{live_server}/language/{language}?next=/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 1, f"the page scrolls sideways by {width} px"


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_green_screen_shows_the_answer_chosen_for_the_door(
    live_server, page, event, questions, language
):
    entrance = factories.create_checkpoint(event, name="Venue entrance", name_uk="Головний вхід")
    person = factories.create_registration(
        event,
        given_name="Ludivine",
        family_name="Dedonder",
        organisation="Ministry of Defence of Belgium",
        state=RegistrationState.PENDING,
    )
    french = next(c.id for c in questions["interpretation"].choices if c.label == "French")
    save_answers(
        person, questions_of(event), {questions["interpretation"].id: [french]}, category="delegate"
    )
    person.state = RegistrationState.APPROVED
    staff = factories.create_user(Role.STAFF, email="door@forum.example")
    staff.checkpoints.append(entrance)
    db.session.commit()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/language/{language}?next=/sign-in")
    page.locator("#email").fill("door@forum.example")
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_selector("#scanner[data-ready]")
    page.focus("#code")
    page.keyboard.type(issue_token(person))
    page.keyboard.press("Enter")
    page.wait_for_selector("#answer.answer-green", state="visible")
    line = page.locator("#answer-question")
    expected = "Переклад: Французька" if language == "uk" else "Interpretation: French"
    expect(line).to_have_text(expected)
    screenshot(page, f"questions-scanner-green-{language}")
    page.click("#answer")
    page.focus("#code")
    page.keyboard.type(issue_token(person))  # again: amber, already inside, no answer line
    page.keyboard.press("Enter")
    page.wait_for_selector("#answer.answer-amber", state="visible")
    expect(line).to_be_hidden()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_offline_the_green_screen_shows_the_answer_chosen_for_the_door(
    live_server, page, event, questions, language
):
    entrance = factories.create_checkpoint(event, name="Venue entrance", name_uk="Головний вхід")
    person = factories.create_registration(
        event, given_name="Ludivine", family_name="Dedonder", state=RegistrationState.PENDING
    )
    german = next(c.id for c in questions["interpretation"].choices if c.label == "German")
    save_answers(
        person, questions_of(event), {questions["interpretation"].id: [german]}, category="delegate"
    )
    person.state = RegistrationState.APPROVED
    staff = factories.create_user(Role.STAFF, email="door@forum.example")
    staff.checkpoints.append(entrance)
    db.session.commit()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/language/{language}?next=/sign-in")
    page.locator("#email").fill("door@forum.example")
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_selector("#scanner[data-list-size='1']", state="attached", timeout=10000)
    wait_until_the_list_is_kept(page)
    page.context.set_offline(True)
    line = page.locator("#answer-question")
    for direction, shown in (("in", True), ("out", False)):
        page.check(f"#dir-{direction}", force=True)
        page.focus("#code")
        page.keyboard.type(issue_token(person))
        page.keyboard.press("Enter")
        page.wait_for_selector("#answer.answer-green", state="visible")
        if shown:
            expected = "Переклад: Німецька" if language == "uk" else "Interpretation: German"
            expect(line).to_have_text(expected)
            screenshot(page, f"questions-scanner-offline-green-{language}")
        else:
            expect(line).to_be_hidden()  # an exit shows no answer, as online
        page.click("#answer")


def test_organisers_reorder_questions_by_dragging(live_server, page, event, questions):
    factories.create_user(Role.ORGANISER, email="organiser@forum.example")
    db.session.commit()
    sign_in(page, live_server, "organiser@forum.example", "en")
    page.goto(f"{live_server}/organise/questions/")
    arrival, departure = questions["arrival"], questions["departure"]
    changed = page.locator("[data-order-changed]")
    expect(changed).to_be_hidden()
    page.drag_and_drop(
        f"#question-{departure.id} [data-drag-handle]", f"#question-{arrival.id} .q-label"
    )
    expect(page.locator(f"#question-position-{departure.id}")).to_have_value("1")
    expect(page.locator(f"#question-position-{arrival.id}")).to_have_value("2")
    expect(changed).to_be_visible()
    page.get_by_role("button", name="Save the order").click()
    expect(page.get_by_text("The order is saved.")).to_be_visible()
    db.session.rollback()
    labels = [q.label for q in questions_of(event)]
    assert labels.index("Departure date") < labels.index("Arrival date in Brussels")


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_desk_asks_the_questions_of_the_badge_category_and_keeps_a_file(
    live_server, page, event, questions, language, tmp_path
):
    factories.create_user(Role.OFFICER, email="desk@forum.example")
    db.session.commit()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, "desk@forum.example", language)
    page.goto(f"{live_server}/accreditation/desk")
    press_card, letter = (
        question_box(page, questions["press_card"]),
        question_box(page, questions["editor_letter"]),
    )
    expect(question_box(page, questions["interpretation"])).to_be_visible()
    expect(press_card).to_be_hidden()
    page.locator("#category").select_option("press")
    expect(press_card).to_be_visible()
    page.locator("#category").select_option("staff")  # nobody requests it: as a delegate
    expect(press_card).to_be_hidden()
    page.locator("#category").select_option("press")

    page.locator("#given_name").fill("Claire")
    page.locator("#family_name").fill("Dubois")
    page.locator("#email").fill("claire@example.org")
    page.locator("#phone").fill("+33 1 23 45 67 89")
    page.locator("#job_title").fill("Correspondent")
    page.locator("#organisation").fill("Le Monde")
    page.locator("#organisation_type").select_option("press")
    page.locator("#country").select_option("FR")
    page.locator("#consent_data").check()
    interpretation = question_box(page, questions["interpretation"])
    interpretation.locator("input").nth(2).check()  # French
    question_box(page, questions["b2b"]).locator("input").nth(1).check()  # No
    pdf = tmp_path / "press-letter.pdf"
    pdf.write_bytes(pdf_bytes())
    letter.locator("input[type=file]").set_input_files(str(pdf))
    page.locator("button.desk-submit").click()  # no press card: the form comes back
    expect(press_card.locator(".error")).to_be_visible()
    expect(page.locator("#error-summary")).to_contain_text(
        "Номер посвідчення журналіста" if language == "uk" else "Press card number"
    )
    kept = "Файл збережено: press-letter.pdf" if language == "uk" else "File kept: press-letter.pdf"
    expect(letter.locator(".held-file label")).to_have_text(kept)
    screenshot(page, f"questions-desk-file-kept-{language}")
    press_card.locator("input").fill("FR-PRESS-11")
    page.locator("button.desk-submit").click()
    page.wait_for_url("**/ready?layout=id1")
    db.session.rollback()
    registration = db.session.scalar(
        sa.select(Registration).where(Registration.email == "claire@example.org")
    )
    stored = answers_of(registration.id)
    assert stored[questions["editor_letter"].id].file.filename == "press-letter.pdf"
    assert stored[questions["press_card"].id].text == "FR-PRESS-11"


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_focal_point_answers_the_questions_on_behalf(
    live_server, page, event, questions, language
):
    from tests.delegations.conftest import create_delegation

    delegation = create_delegation(event, quota=3)
    db.session.commit()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, delegation.focal_point.email, language)
    page.goto(f"{live_server}/my/delegation/{delegation.id}/register")
    b2b, topics = question_box(page, questions["b2b"]), question_box(page, questions["b2b_topics"])
    expect(question_box(page, questions["press_card"])).to_be_hidden()
    b2b.locator("input").first.check()  # Yes: the topics appear
    expect(topics).to_be_visible()
    screenshot(page, f"questions-on-behalf-{language}")


@pytest.mark.parametrize("language", ["en", "uk"])
def test_badges_printed_before_the_badge_line_changed_are_listed_for_reprinting(
    live_server, page, event, questions, language
):
    from forum.badges.services import mark_printed
    from forum.questions import services

    person = factories.create_registration(
        event, given_name="Ludivine", family_name="Dedonder", state=RegistrationState.APPROVED
    )
    factories.create_user(Role.ORGANISER, email="organiser@forum.example")
    db.session.commit()
    mark_printed([person.id], "a6")
    b2b = questions["b2b"]
    services.update_question(b2b, b2b.section, b2b.kind, {"on_badge": True})
    db.session.commit()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, "organiser@forum.example", language)
    page.goto(f"{live_server}/badges/?status=changed")
    pill = (
        "Рядок відповіді змінився після друку"
        if language == "uk"
        else ("Badge line changed since printed")
    )
    expect(page.get_by_text(pill)).to_be_visible()
    screenshot(page, f"questions-badges-line-changed-{language}")
