"""The door scanner in Debian's Chromium: a fake camera showing a real badge's QR code,
the keyboard-wedge field, a forged code, and a scan made offline that reaches the server."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.badges.tokens import issue_token
from forum.checkin.models import Scan
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories
from tests.browser.camera import qr_camera_feed
from tests.browser.conftest import launch_chromium, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 860}
# A phone: a touch screen, on which the scanner starts its camera by itself.
ON_A_PHONE = {"viewport": PHONE, "is_mobile": True, "has_touch": True}
SCANNER_READY = "#scanner[data-ready]"  # its script has wired the buttons and the field


@pytest.fixture
def door(event):
    """The entrance, an accredited delegate and a door staff member given the entrance."""
    entrance = factories.create_checkpoint(event, name="Venue entrance")
    person = factories.create_registration(
        event,
        given_name="Олександр",
        family_name="Камишин",
        organisation="Ministry of Strategic Industries",
        country="UA",
        state=RegistrationState.APPROVED,
    )
    staff = factories.create_user(Role.STAFF, email="door@forum.example", full_name="Door Staff")
    staff.checkpoints.append(entrance)
    db.session.commit()
    return entrance, person


def sign_in_to_scanner(page, live_server):
    page.goto(live_server + "/sign-in")
    page.get_by_label("E-mail").fill("door@forum.example")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/scanner/")  # door staff land on the scanner
    page.wait_for_selector(SCANNER_READY)


def answer_of(page, colour: str, timeout: float = 20000):
    page.wait_for_selector(f"#answer.answer-{colour}", state="visible", timeout=timeout)
    return {
        "title": page.text_content("#answer-title"),
        "name": page.text_content("#answer-name"),
        "message": page.text_content("#answer-message"),
    }


def wait_until_the_list_is_kept(page) -> None:
    """Wait until the door's offline list is stored in IndexedDB (it follows the fetch)."""
    page.evaluate(
        """async () => {
            const stored = () => new Promise((resolve) => {
                const open = indexedDB.open("forum-scanner");
                open.onsuccess = () => {
                    const db = open.result;
                    if (!db.objectStoreNames.contains("lists")) { db.close(); resolve(0); return; }
                    const count = db.transaction("lists").objectStore("lists").count();
                    count.onsuccess = () => { db.close(); resolve(count.result); };
                    count.onerror = () => { db.close(); resolve(0); };
                };
                open.onerror = () => resolve(0);
            });
            const deadline = Date.now() + 15000;
            while (!(await stored())) {
                if (Date.now() > deadline) throw new Error("the offline list was never stored");
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        }"""
    )


def scans():
    db.session.rollback()
    return db.session.scalars(db.select(Scan).order_by(Scan.id)).all()


def with_camera(playwright, feed: Path):
    return launch_chromium(
        playwright,
        [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={feed}",
        ],
    )


def test_the_camera_reads_a_badge_green_then_amber(
    live_server, playwright_instance, tmp_path, door
):
    entrance, person = door
    feed = qr_camera_feed(issue_token(person), tmp_path / "feed.y4m")

    browser = with_camera(playwright_instance, feed)
    try:
        page = browser.new_context(**ON_A_PHONE, locale="en-GB").new_page()
        sign_in_to_scanner(page, live_server)
        shown = answer_of(page, "green")
        assert shown["title"] == "Welcome"
        assert shown["name"] == "Олександр Камишин"
        expect(page.locator("#answer-org")).to_have_text(
            "Ministry of Strategic Industries · Ukraine"
        )
        screenshot(page, "scanner-green")
    finally:
        browser.close()
    assert [(s.status.value, s.registration_id) for s in scans()] == [("accepted", person.id)]

    browser = with_camera(playwright_instance, feed)  # one feed per launch: scan it again
    try:
        page = browser.new_context(**ON_A_PHONE, locale="en-GB").new_page()
        sign_in_to_scanner(page, live_server)
        shown = answer_of(page, "amber")
        assert shown["title"] == "Already inside"
        assert shown["message"].startswith("Already inside since ")
        assert shown["message"].endswith(" at Venue entrance.")
        screenshot(page, "scanner-amber")
    finally:
        browser.close()
    assert scans()[1].reason == "already_inside"


def test_the_keyboard_wedge_and_a_forged_code(live_server, page, door):
    entrance, person = door
    page.set_viewport_size(PHONE)
    sign_in_to_scanner(page, live_server)
    screenshot(page, "scanner-ready")
    code = issue_token(person)
    forged = code[:-2] + ("AA" if not code.endswith("AA") else "BB")
    page.focus("#code")
    page.keyboard.type(forged)
    page.keyboard.press("Enter")
    shown = answer_of(page, "red")
    assert shown["title"] == "Refused"
    assert shown["message"] == "Forged or damaged code: the signature does not match."
    screenshot(page, "scanner-red")
    page.click("#answer")  # tap to go back at once

    page.focus("#code")
    page.keyboard.type(code)  # a handheld scanner types the code, then Enter
    page.keyboard.press("Enter")
    assert answer_of(page, "green")["name"] == "Олександр Камишин"
    assert [(s.status.value, s.reason) for s in scans()] == [
        ("rejected", "bad_signature"),
        ("accepted", ""),
    ]
    expect(page.locator("#annul")).to_be_visible()
    page.click("#answer")
    page.click("#annul")
    page.wait_for_selector("#answer.answer-amber", state="visible")
    assert scans()[1].annulled_at is not None


def test_a_name_search_with_confirmation(live_server, page, door):
    entrance, person = door
    page.set_viewport_size(PHONE)
    sign_in_to_scanner(page, live_server)
    page.fill("#q", "камиш")
    page.click("#search button[type=submit]")
    page.get_by_role("button", name="Олександр Камишин").click()
    expect(page.locator("#confirm-text")).to_have_text("Let Олександр Камишин in?")
    screenshot(page, "scanner-search-confirm")
    page.click("#confirm-yes")
    assert answer_of(page, "green")["name"] == "Олександр Камишин"
    assert [s.registration_id for s in scans()] == [person.id]


def test_a_cyrillic_name_found_by_typing_it_in_latin(live_server, page, door):
    # Issue 14: Brussels security staff type the Latin letters of the passport.
    entrance, person = door
    page.set_viewport_size(PHONE)
    sign_in_to_scanner(page, live_server)
    page.fill("#q", "kamyshyn")
    page.click("#search button[type=submit]")
    page.get_by_role("button", name="Олександр Камишин").click()
    expect(page.locator("#confirm-text")).to_have_text("Let Олександр Камишин in?")
    page.click("#confirm-yes")
    assert answer_of(page, "green")["name"] == "Олександр Камишин"
    assert [s.registration_id for s in scans()] == [person.id]


def test_a_scan_made_offline_reaches_the_server_when_back_online(live_server, page, door):
    entrance, person = door
    page.set_viewport_size(PHONE)
    sign_in_to_scanner(page, live_server)
    page.wait_for_selector("#scanner[data-list-size='1']", state="attached", timeout=10000)
    wait_until_the_list_is_kept(page)

    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.context.set_offline(True)
    page.focus("#code")
    page.keyboard.type(issue_token(person))
    page.keyboard.press("Enter")
    shown = answer_of(page, "green")
    assert shown["name"] == "Олександр Камишин"
    assert shown["message"].startswith("Offline: checked against the list")
    page.click("#answer")
    expect(page.locator("#net")).to_contain_text("1 waiting")
    screenshot(page, "scanner-offline")
    assert scans() == []

    with page.expect_response(
        lambda r: r.url.endswith("/scans") and r.request.method == "POST", timeout=20000
    ) as sent:
        page.context.set_offline(False)
    assert sent.value.status == 200  # answered after the server's commit
    expect(page.locator("#net")).not_to_contain_text("waiting")
    assert [(s.status.value, s.offline, s.registration_id) for s in scans()] == [
        ("accepted", True, person.id)
    ]
    assert errors == []


def test_organisers_watch_attendance_and_make_a_device_token(live_server, page, event):
    from tests.checkin.conftest import scan

    entrance = factories.create_checkpoint(event, name="Venue entrance")
    room = factories.create_room(event, name="Salle Europa", capacity=3)
    session = factories.create_session(event, room_id=room.id, title="Air and missile defence")
    room_door = factories.create_checkpoint(event, name="Salle Europa 11:00", session_id=session.id)
    people = [
        factories.create_registration(
            event, given_name=given, family_name=family, state=RegistrationState.APPROVED
        )
        for given, family in [
            ("Ludivine", "Dedonder"),
            ("Sébastien", "Lecornu"),
            ("Олена", "Шевченко"),
        ]
    ]
    for person in people:
        factories.create_sign_up(session, person)
        scan(event, entrance, issue_token(person))
        scan(event, room_door, issue_token(person))
    scan(event, entrance, "FORGED-CODE")
    factories.create_user(Role.ORGANISER, email="organiser@forum.example")
    db.session.commit()

    page.goto(live_server + "/sign-in")
    page.get_by_label("E-mail").fill("organiser@forum.example")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Attendance").first.click()
    expect(page.locator("#accredited")).to_have_text("3")
    expect(page.locator("#inside-venue")).to_have_text("3 / 350")
    expect(page.locator("#checkpoints")).to_contain_text("Salle Europa 11:00")
    expect(page.locator("#refusals")).to_contain_text("Unreadable code")
    screenshot(page, "attendance-en")

    page.get_by_role("link", name="Device tokens").click()
    page.get_by_label("Device name").fill("Entrance phone 3")
    page.get_by_label("Venue entrance").check()
    page.get_by_role("button", name="Make the token").click()
    token = page.text_content("#new-token").strip()
    assert token.startswith("fdt_")
    screenshot(page, "device-tokens-en")
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("The token of Entrance phone 3 was revoked;")).to_be_visible()

    page.goto(live_server + "/scanner/doors")
    page.get_by_label("Checkpoint name EN", exact=True).fill("Side entrance")
    page.get_by_role("button", name="Add the checkpoint").click()
    expect(page.get_by_text("Checkpoint Side entrance added.")).to_be_visible()
    screenshot(page, "doors-en")

    page.get_by_role("link", name="Українська").click()
    page.get_by_role("link", name="Відвідуваність").first.click()
    expect(page.locator("#accredited")).to_have_text("3")
    screenshot(page, "attendance-uk")
    page.get_by_role("link", name="Сканер").first.click()
    page.wait_for_selector(SCANNER_READY)
    page.set_viewport_size(PHONE)
    page.focus("#code")
    page.keyboard.type(issue_token(people[0]))
    page.keyboard.press("Enter")
    shown = answer_of(page, "amber")
    assert shown["title"] == "Уже всередині"
    assert shown["message"].startswith("Уже всередині з ")
    screenshot(page, "scanner-amber-uk")


def test_the_service_worker_keeps_the_scanner_shell(live_server, browser, door):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    try:
        sign_in_to_scanner(page, live_server)
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        kept = page.evaluate(
            """async () => {
                const cache = await caches.open("forum-scanner-v1");
                return (await cache.keys()).map((r) => new URL(r.url).pathname);
            }"""
        )
        assert {"/scanner/", "/static/js/scanner.js", "/static/vendor/jsqr/jsQR.js"} <= set(kept)
        manifest = page.get_attribute("link[rel=manifest]", "href")
        assert manifest == "/scanner/manifest.webmanifest"
    finally:
        context.close()


def test_a_scanner_reopened_without_network_still_answers(live_server, browser, door):
    entrance, person = door
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    try:
        sign_in_to_scanner(page, live_server)
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        page.wait_for_selector("#scanner[data-list-size='1']", state="attached", timeout=10000)
        wait_until_the_list_is_kept(page)

        context.set_offline(True)
        page.reload()  # the service worker serves the page; the list comes from IndexedDB
        page.wait_for_selector(SCANNER_READY)
        expect(page.locator("#net")).to_contain_text("Offline", timeout=10000)
        page.focus("#code")
        page.keyboard.type(issue_token(person))
        page.keyboard.press("Enter")
        shown = answer_of(page, "green")
        assert shown["message"].startswith("Offline: checked against the list")
        assert scans() == []
        assert errors == []
    finally:
        context.close()
