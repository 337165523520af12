"""The accreditation desk in Chromium: a walk-in's photo from the laptop camera, accredited
and their badge ready to print, on one page."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from tests import factories
from tests.browser.conftest import launch_chromium, screenshot
from tests.browser.test_officers import sign_in

pytestmark = pytest.mark.browser

FAKE_CAMERA = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


@pytest.fixture
def camera_page(playwright_instance):
    """A page whose camera is Chromium's test pattern, permission granted."""
    browser = launch_chromium(playwright_instance, FAKE_CAMERA)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.grant_permissions(["camera"])
    yield context.new_page()
    context.close()
    browser.close()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_officer_registers_a_walk_in_with_a_camera_photo(live_server, camera_page, event, language):
    page = camera_page
    officer = factories.create_user(Role.OFFICER, full_name="Ilse Virtanen")
    db.session.commit()
    page.goto(f"{live_server}/language/{language}")
    sign_in(page, live_server, officer.email)
    page.goto(live_server + "/accreditation/desk")

    page.locator("#given_name").fill("Олександра")
    page.locator("#family_name").fill("Шевчишина")
    expect(page.locator("#passport_family_name")).to_have_value("Shevchyshyna")
    page.locator("#email").fill("oleksandra@example.org")
    page.locator("#phone").fill("044 123 4567")
    page.locator("#job_title").fill("Головна інженерка")
    page.locator("#organisation").fill("Харківське конструкторське бюро з машинобудування")
    page.locator("#organisation_type").select_option("ua_industry")
    page.locator("#country").select_option("UA")
    page.locator("#category").select_option("speaker")
    page.locator("#consent_data").check()

    page.locator("[data-camera-start]").click()
    video = page.locator("video.camera-view")
    expect(video).to_be_visible()
    # The first frame's size is known (wait_for_function would need eval, which the page's
    # Content-Security-Policy rightly forbids).
    page.evaluate(
        """async () => {
            const video = document.querySelector("video.camera-view");
            while (!video.videoWidth) {
                await new Promise((resolve) =>
                    video.addEventListener("resize", resolve, { once: true }));
            }
        }"""
    )
    page.locator("[data-camera-take]").click()
    expect(page.locator(".camera-shot")).to_be_visible()
    assert page.locator("#photo").evaluate("input => input.files.length") == 1
    screenshot(page, f"desk-walk-in-{language}")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, f"desk-walk-in-{language}-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator(".desk-submit").click()
    expect(page.locator(".desk-ready")).to_be_visible()
    db.session.rollback()
    registration = db.session.scalar(sa.select(Registration))
    assert registration.state is RegistrationState.APPROVED
    assert registration.photo is not None and registration.photo.height > registration.photo.width
    expect(page.locator(".desk-ready img.photo")).to_be_visible()
    screenshot(page, f"desk-ready-{language}")

    print_link = page.locator(".desk-print a").first
    assert print_link.get_attribute("href").endswith("/badge-id1.pdf")
    badge = page.request.get(live_server + print_link.get_attribute("href"))
    assert badge.ok and badge.body().startswith(b"%PDF")
