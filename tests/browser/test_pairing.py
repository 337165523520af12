"""Pairing a door phone in Chromium (issue 16): the organiser's page shows a QR code and a copy
button; a phone that opens the scanner and points its camera at the code scans as the
device, at its doors only, without a password; revoking the token signs it out."""

import re

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.badges.tokens import issue_token
from forum.checkin.devices import revoke_device_token
from forum.checkin.models import DeviceToken
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories
from tests.browser.camera import qr_camera_feed
from tests.browser.conftest import launch_chromium, screenshot
from tests.browser.test_scanner import answer_of, scans

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_a_phone_pairs_by_scanning_the_qr_code_and_is_signed_out_by_revoking(
    live_server, playwright_instance, browser, tmp_path, event
):
    factories.create_checkpoint(event, name="Venue entrance")
    factories.create_checkpoint(event, name="Side door")
    person = factories.create_registration(
        event, given_name="Ludivine", family_name="Dedonder", state=RegistrationState.APPROVED
    )
    factories.create_user(Role.ORGANISER, email="organiser@forum.example")
    db.session.commit()

    # The organiser makes a token for the entrance phone: a QR code and the token to copy.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    organiser = context.new_page()
    organiser.goto(live_server + "/sign-in")
    organiser.locator("#email").fill("organiser@forum.example")
    organiser.locator("#password").fill(factories.PASSWORD)
    organiser.locator("main form button[type=submit]").click()
    organiser.goto(live_server + "/scanner/devices")
    organiser.get_by_label("Device name").fill("Entrance phone 3")
    organiser.get_by_label("Venue entrance").check()
    organiser.get_by_role("button", name="Make the token").click()
    qr = organiser.get_by_role("img", name="QR code that pairs a phone with Entrance phone 3")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    link = qr.get_attribute("data-link")
    assert re.fullmatch(re.escape(live_server) + r"/scanner/pair#fdp_[\w-]+", link)
    token = organiser.locator("#new-token").text_content().strip()
    organiser.get_by_role("button", name="Copy the token").click()
    expect(organiser.locator("#copy-status")).to_have_text("Copied")
    assert organiser.evaluate("navigator.clipboard.readText()") == token
    screenshot(organiser, "device-pairing-en")
    context.close()

    # The phone opens the scanner, is sent to pairing, and its camera reads the code.
    feed = qr_camera_feed(link, tmp_path / "pairing.y4m")
    phone_browser = launch_chromium(
        playwright_instance,
        [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={feed}",
        ],
    )
    try:
        phone = phone_browser.new_context(**PHONE, locale="en-GB").new_page()
        phone.goto(live_server + "/scanner/")
        phone.wait_for_url("**/scanner/")  # paired by the camera, back on the scanner
        phone.wait_for_selector("#scanner[data-ready]", timeout=20000)
        expect(phone.locator(".scanner-flash")).to_have_text(
            "This phone now scans as Entrance phone 3."
        )
        expect(phone.locator("#checkpoint option")).to_have_text(["Venue entrance"])
        # The camera still sees the pairing code: not a badge, and this phone is paired.
        assert answer_of(phone, "amber")["message"].startswith(
            "This QR code pairs a phone with a scanning device."
        )
        phone.locator("#answer").click()
        phone.locator(".scanner-menu summary").click()
        expect(phone.locator(".menu-who")).to_have_text("This phone scans as Entrance phone 3.")
        phone.locator(".scanner-menu summary").click()
        screenshot(phone, "scanner-paired-phone")

        phone.keyboard.type(issue_token(person))
        phone.keyboard.press("Enter")
        assert answer_of(phone, "green")["name"] == "Ludivine Dedonder"
        phone.locator("#answer").click()
        device = db.session.scalar(db.select(DeviceToken))
        assert [(s.device_token_id, s.user_id) for s in scans()] == [(device.id, None)]

        # Revoked: the phone's next request is refused and it is signed out.
        revoke_device_token(db.session.get(DeviceToken, device.id))
        db.session.commit()
        phone.keyboard.type(issue_token(person))
        phone.keyboard.press("Enter")
        assert answer_of(phone, "red")["message"] == (
            "This phone was signed out: its device token was revoked or its session ended."
        )
        phone.locator("#answer").click()
        phone.wait_for_url("**/scanner/pair")
        phone.goto(live_server + "/scanner/")
        phone.wait_for_url("**/scanner/pair")
        expect(phone.get_by_role("heading", name="Pair this phone")).to_be_visible()
        assert phone.context.cookies() == [] or all(
            c["name"] != "forum_scanner_device" for c in phone.context.cookies()
        )
    finally:
        phone_browser.close()
    assert len(scans()) == 1  # the refused request recorded nothing


def test_the_pairing_page_has_no_serious_axe_finding(live_server, browser, event):
    from tests.browser.test_accessibility import AXE, findings

    db.session.commit()
    context = browser.new_context(**PHONE, locale="uk-UA", bypass_csp=True)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(live_server + "/scanner/")  # a phone that is nobody yet: the pairing page
    page.wait_for_selector("#pair[data-ready]")
    assert findings(page) == []
    screenshot(page, "pair-phone")
    context.close()
