"""The door staff's day in Chromium on a 390x844 phone (issue 16): a scanner screen of its own,
answers that stay, the keyboard, the name search with photo and Latin name (also offline),
notes for the door, opening hours, the right reason for a badge sent back to the officers,
and "already inside" apart from refusals on the attendance page."""

import io
import json
import os
import tempfile
from datetime import time, timedelta
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from forum.auth.models import Role, User
from forum.badges.tokens import issue_token
from forum.checkin.hours import Window
from forum.checkin.models import Checkpoint
from forum.db import utcnow
from forum.extensions import db
from forum.registration.models import Photo, RegistrationState
from forum.registration.services import update_person
from tests import factories
from tests.browser.camera import write_y4m
from tests.browser.conftest import launch_chromium, screenshot
from tests.browser.test_scanner import answer_of, scans, wait_until_the_list_is_kept

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
READY = "#scanner[data-ready]"
# FORUM_DOCS_SCREENSHOTS=1 refreshes the screenshots in docs/; otherwise a test run leaves the
# repository as it was.
DOCS_SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("FORUM_DOCS_SCREENSHOTS")
    else Path(tempfile.mkdtemp(prefix="forum-screenshots-"))
)
VECTORS = Path(__file__).resolve().parents[1] / "search" / "search_key_vectors.json"
DOOR_EMAIL = "door@forum.example"


def jpeg(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def door(event):
    """The entrance; Олександр Камишин accredited, with a photo; a door staff account."""
    entrance = factories.create_checkpoint(event, name="Venue entrance", name_uk="Головний вхід")
    person = factories.create_registration(
        event,
        given_name="Олександр",
        family_name="Камишин",
        organisation="Ministry of Strategic Industries",
        country="UA",
        state=RegistrationState.APPROVED,
    )
    db.session.add(Photo(registration_id=person.id, data=jpeg("#8aa6c1"), width=300, height=400))
    staff = factories.create_user(Role.STAFF, email=DOOR_EMAIL, full_name="Door Staff")
    staff.checkpoints.append(entrance)
    db.session.commit()
    return entrance, person


def open_scanner(page, live_server: str) -> None:
    page.goto(live_server + "/sign-in")
    page.locator("#email").fill(DOOR_EMAIL)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/scanner/")
    page.wait_for_selector(READY)


def with_camera(playwright, feed: Path):
    return launch_chromium(
        playwright,
        [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={feed}",
        ],
    )


def empty_camera(tmp_path: Path) -> Path:
    """What the camera sees before a badge is shown: the door staff's grey sleeve."""
    frame = Image.linear_gradient("L").resize((640, 480)).convert("RGB")
    return write_y4m(
        Image.blend(frame, Image.new("RGB", frame.size, "#56606e"), 0.8), tmp_path / "f.y4m"
    )


def type_code(page, code: str) -> None:
    """A handheld scanner types the code and Enter, whatever has the focus."""
    page.keyboard.type(code)
    page.keyboard.press("Enter")


def test_the_scanner_is_a_screen_of_its_own_on_a_phone(
    live_server, playwright_instance, tmp_path, door
):
    browser = with_camera(playwright_instance, empty_camera(tmp_path))
    try:
        for locale, shot in (("en-GB", "scanner-phone-en.png"), ("uk-UA", "scanner-phone-uk.png")):
            page = browser.new_context(**PHONE, locale=locale).new_page()
            open_scanner(page, live_server)
            if locale == "uk-UA":
                page.locator(".scanner-menu summary").click()
                page.get_by_role("link", name="Українська").click()
                page.wait_for_selector(READY)
                expect(page.locator("label[for=checkpoint]")).to_have_text("Пункт контролю")
            # No site header or navigation: the door and direction at the top, big targets.
            expect(page.locator(".site-header")).to_have_count(0)
            expect(page.locator("h1")).to_have_count(1)
            door_name = "Головний вхід" if locale == "uk-UA" else "Venue entrance"
            expect(page.locator("#checkpoint option:checked")).to_have_text(door_name)
            expect(page.locator("#dir-in")).to_be_checked()
            for target in (
                "label[for=dir-in]",
                "label[for=dir-out]",
                "#camera-toggle",
                "#type-code",
                "#wedge button[type=submit]",
                ".scanner-menu summary",
            ):
                box = page.locator(target).bounding_box()
                assert box["height"] >= 44 and box["width"] >= 44, target
            # The camera is on by itself on a phone; the code field brings no keyboard.
            expect(page.locator("#scanner")).to_have_class("scanner camera-live")
            expect(page.locator("#code")).to_have_attribute("inputmode", "none")
            expect(page.locator("#code")).to_be_focused()  # ready for a handheld scanner
            page.screenshot(path=str(DOCS_SCREENSHOTS / shot))
            page.locator("#type-code").click()
            expect(page.locator("#code")).to_be_focused()
            expect(page.locator("#code")).to_have_attribute("inputmode", "text")
            page.locator("#q").focus()
            expect(page.locator("#code")).to_have_attribute("inputmode", "none")
            # Scrolled down to the search (on a shorter screen), door and direction stay.
            page.set_viewport_size({"width": 390, "height": 480})
            scrolled = page.evaluate(
                "() => { window.scrollTo(0, document.body.scrollHeight); return window.scrollY; }"
            )
            assert scrolled > 0
            assert page.locator(".scanner-bar").bounding_box()["y"] == 0
            page.context.close()
    finally:
        browser.close()


def test_a_red_answer_stays_until_the_next_scan_or_a_tap_unless_the_door_says(
    live_server, page, door
):
    entrance, person = door
    page.clock.install()
    open_scanner(page, live_server)
    page.locator("body").click(position={"x": 5, "y": 300})  # nothing focused in particular
    type_code(page, "NOT-A-BADGE")
    shown = answer_of(page, "red")
    assert shown["message"] == "Unreadable code: this is not a forum badge."
    expect(page.locator("#answer-where")).to_have_text("Venue entrance · In")
    page.clock.run_for(30_000)
    expect(page.locator("#answer")).to_be_visible()  # still there after 30 s
    type_code(page, issue_token(person))  # the next scan replaces it
    assert answer_of(page, "green")["name"] == "Олександр Камишин"
    page.locator("#answer").click()
    expect(page.locator("#answer")).to_be_hidden()

    db.session.rollback()  # see what the server committed, then write
    db.session.get(Checkpoint, entrance.id).answer_seconds = 3  # it goes by itself here
    db.session.commit()
    page.reload()
    page.wait_for_selector(READY)
    type_code(page, "NOT-A-BADGE")
    answer_of(page, "red")
    page.clock.run_for(3_500)
    expect(page.locator("#answer")).to_be_hidden()
    expect(page.locator("#code")).to_be_focused()


def test_keys_on_buttons_work_the_buttons_and_only_typing_goes_to_the_code(live_server, page, door):
    open_scanner(page, live_server)
    toggle = page.locator("#camera-toggle")
    before = toggle.text_content()
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).not_to_have_text(before)  # pressed, not typed into the code field
    expect(page.locator("#code")).to_have_value("")
    page.locator("#dir-in").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#dir-out")).to_be_checked()
    expect(page.locator("#code")).to_have_value("")
    summary = page.locator(".scanner-menu summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".menu-panel")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".menu-panel")).to_be_hidden()
    page.locator("#type-code").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#code")).to_be_focused()
    page.locator("#code").blur()
    page.locator(".scanner-status").click()  # not a control: typing goes to the code field
    page.keyboard.type("ABC")
    expect(page.locator("#code")).to_have_value("ABC")


def test_the_name_search_shows_photo_and_latin_name_online_and_offline(
    live_server, browser, door, event
):
    entrance, person = door
    factories.create_registration(
        event, given_name="Олена", family_name="Камінська", state=RegistrationState.PENDING
    )
    db.session.commit()
    context = browser.new_context(**PHONE, locale="en-GB")
    page = context.new_page()
    try:
        open_scanner(page, live_server)
        page.fill("#q", "kamysh")
        page.click("#search button[type=submit]")
        result = page.get_by_role("button", name="Олександр Камишин")
        expect(result.locator("img.result-photo")).to_be_visible()
        expect(result.locator(".result-latin")).to_have_text("Oleksandr Kamyshyn")
        result.click()
        expect(page.locator("#confirm-text")).to_have_text("Let Олександр Камишин in?")
        expect(page.locator("#confirm-latin")).to_have_text("Oleksandr Kamyshyn")
        expect(page.locator("#confirm-photo")).to_be_visible()
        screenshot(page, "scanner-search-photo")
        page.click("#confirm-yes")
        answer_of(page, "green")
        expect(page.locator("#answer-latin")).to_have_text("Oleksandr Kamyshyn")
        expect(page.locator("#answer-photo")).to_be_visible()
        page.locator("#answer").click()
        page.check("#dir-out")

        # Without the network: the door's own list, which holds only whom it admits.
        page.wait_for_selector("#scanner[data-list-size='1']", state="attached")
        wait_until_the_list_is_kept(page)
        context.set_offline(True)
        page.fill("#q", "Каміш")  # Cyrillic typed; Камишин and the pending Камінська match
        page.click("#search button[type=submit]")
        expect(page.locator("#results")).to_contain_text("No network: searched this door's list")
        expect(page.locator("#results .result")).to_have_count(1)
        page.get_by_role("button", name="Олександр Камишин").click()
        expect(page.locator("#confirm-text")).to_have_text("Record the exit of Олександр Камишин?")
        page.click("#confirm-yes")
        assert answer_of(page, "green")["message"].startswith("Offline: checked against the list")
        page.locator("#answer").click()
        expect(page.locator("#net")).to_contain_text("1 waiting")
        with page.expect_response(lambda r: r.url.endswith("/scans") and r.status == 200):
            context.set_offline(False)
        expect(page.locator("#net")).not_to_contain_text("waiting")
    finally:
        context.close()
    assert [(s.direction.value, s.offline, s.registration_id) for s in scans()] == [
        ("in", False, person.id),
        ("out", True, person.id),
    ]


def test_the_browser_keys_names_as_the_server_does(live_server, page, door):
    open_scanner(page, live_server)
    vectors = json.loads(VECTORS.read_text("utf-8"))["vectors"]
    keys = page.evaluate(
        """async (texts) => {
            const { searchKey } = await import("/static/js/scanner/search-key.js");
            const table = JSON.parse(document.getElementById("scanner").dataset.translit);
            return texts.map((text) => searchKey(text, table));
        }""",
        [v["text"] for v in vectors],
    )
    assert keys == [v["key"] for v in vectors]


def test_an_officers_note_shows_on_the_green_screen(live_server, browser, door):
    entrance, person = door
    factories.create_user(Role.OFFICER, email="officer@forum.example")
    db.session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    officer = context.new_page()
    officer.goto(live_server + "/sign-in")
    officer.locator("#email").fill("officer@forum.example")
    officer.locator("#password").fill(factories.PASSWORD)
    officer.locator("main form button[type=submit]").click()
    officer.goto(f"{live_server}/accreditation/{person.id}")
    officer.get_by_label("Note for the door").fill("VIP: the minister's protocol meets him")
    officer.get_by_label("Call protocol").check()
    officer.get_by_role("button", name="Save for the door").click()
    expect(officer.get_by_text("The note for the door was saved.")).to_be_visible()
    screenshot(officer, "officer-door-note")
    context.close()

    context = browser.new_context(**PHONE, locale="en-GB")
    page = context.new_page()
    try:
        open_scanner(page, live_server)
        type_code(page, issue_token(person))
        answer_of(page, "green")
        expect(page.locator("#answer-tags")).to_have_text("Call protocol")
        expect(page.locator("#answer-note")).to_have_text("VIP: the minister's protocol meets him")
        page.screenshot(path=str(DOCS_SCREENSHOTS / "scanner-phone-green-en.png"))
    finally:
        context.close()


def test_a_badge_sent_back_to_the_officers_and_a_door_outside_its_hours_say_why(
    live_server, page, door, event
):
    entrance, person = door
    person.decided_at = utcnow()
    old_badge = issue_token(person)
    update_person(person, {"family_name": "Камишин-Новий"}, actor=None)
    side = factories.create_checkpoint(event, name="Side door")
    today = utcnow().astimezone(event.tz).date()
    event.starts_on, event.ends_on = today, today + timedelta(days=1)
    tomorrow = today + timedelta(days=1)
    side.entry_windows = [Window(tomorrow, time(13), time(18)).to_json()]
    accredited = factories.create_registration(event, state=RegistrationState.APPROVED)
    staff = db.session.scalar(db.select(User).where(User.email == DOOR_EMAIL))
    staff.checkpoints.append(side)
    db.session.commit()

    open_scanner(page, live_server)
    page.select_option("#checkpoint", label="Venue entrance")
    type_code(page, old_badge)
    assert answer_of(page, "red")["message"] == (
        "Awaiting a new accreditation decision after a change to the registration: "
        "send to the accreditation desk."
    )
    page.locator("#answer").click()
    page.select_option("#checkpoint", label="Side door")
    type_code(page, issue_token(accredited))
    message = answer_of(page, "red")["message"]
    assert message.startswith("This door is not open for entry now: it opens at 13:00 on ")
    assert f"{tomorrow.day} {tomorrow:%B}" in message
    expect(page.locator("#answer-where")).to_have_text("Side door · In")
    screenshot(page, "scanner-outside-hours")
    assert [s.reason for s in scans()] == ["awaiting_new_decision", "outside_hours"]


def test_the_attendance_page_counts_already_inside_apart_from_refusals(
    live_server, page, door, event
):
    from tests.checkin.conftest import scan

    entrance, person = door
    scan(event, entrance, issue_token(person))
    scan(event, entrance, issue_token(person))  # amber
    scan(event, entrance, "FORGED-CODE")
    factories.create_user(Role.ORGANISER, email="organiser@forum.example")
    db.session.commit()
    page.goto(live_server + "/sign-in")
    page.locator("#email").fill("organiser@forum.example")
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(live_server + "/attendance")
    expect(page.locator("#already-inside")).to_have_text("1")
    expect(page.locator("#refusals")).to_contain_text("Unreadable code")
    expect(page.locator("#refusals")).not_to_contain_text("Already inside")
    expect(page.locator("#latest .pill-amber")).to_have_text("Already inside")
    screenshot(page, "attendance-amber")
