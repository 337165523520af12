"""The organisers' vetting switch in Chromium: the effects are read before the choice, a
confirmation is asked, the page says the new state. English and Ukrainian, desktop and phone."""

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from forum.vetting import services
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_delegations import PHONE, sign_in
from tests.vetting.conftest import identity

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "en",
            (
                "loses their badge",
                "Switched on",
                "I have read",
                "Save",
                "Tick the confirmation",
                "Security vetting is on",
            ),
        ),
        (
            "uk",
            (
                "втратить бейдж",
                "Увімкнено",
                "Я прочитав",
                "Зберегти",
                "Позначте підтвердження",
                "Перевірку безпеки увімкнено",
            ),
        ),
    ],
)
def test_an_organiser_switches_vetting_on_after_reading_what_it_does(
    live_server, browser, event, language, texts
):
    loses, on, confirm, save, tick, done = texts
    factories.create_delegate(event)
    organiser = factories.create_user(Role.ORGANISER)
    db.session.commit()
    for viewport, suffix in (({"width": 1280, "height": 900}, "desktop"), (PHONE, "phone")):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        page = context.new_page()
        page.goto(f"{live_server}/language/{language}", wait_until="networkidle")
        sign_in(page, live_server, organiser.email)
        page.goto(f"{live_server}/organise/vetting")
        expect(page.locator(".vetting-effects")).to_contain_text(loses)
        screenshot(page, f"vetting-settings-{language}-{suffix}")
        context.close()

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/language/{language}", wait_until="networkidle")
    sign_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/organise/vetting")
    page.get_by_label(on, exact=True).check()
    page.get_by_role("button", name=save).click()
    expect(page.locator(".notice-danger")).to_contain_text(tick)
    screenshot(page, f"vetting-settings-refused-{language}-phone")
    page.get_by_label(confirm).check()
    page.get_by_role("button", name=save).click()
    expect(page.locator(".flash, .notice").first).to_contain_text(done)
    screenshot(page, f"vetting-settings-on-{language}-phone")
    context.close()
    db.session.rollback()
    assert services.is_required(event)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "It includes the identity data you gave for security vetting"),
        ("uk", "До нього входять дані посвідчення особи"),
    ],
)
def test_my_data_says_the_identity_data_is_in_the_download(
    live_server, browser, event, language, sentence
):
    services.switch(event, True)
    user, registration = factories.create_delegate(event)
    services.submit_identity(registration, identity())
    db.session.commit()
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/language/{language}", wait_until="networkidle")
    sign_in(page, live_server, user.email)
    page.goto(f"{live_server}/my/data")
    expect(page.locator("#download-title").locator("..")).to_contain_text(sentence)
    screenshot(page, f"my-data-identity-{language}-phone")
    context.close()
