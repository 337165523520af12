"""The foundation pages in a real browser: language switch, sign-in, keyboard use."""

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_visitor_switches_language_and_organiser_signs_in(live_server, page, event):
    factories.create_user(Role.ORGANISER, email="organiser@forum.example", full_name="Anna Kovács")
    db.session.commit()

    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("EU-Ukraine Defence Industry Forum")
    screenshot(page, "home-en")

    page.get_by_role("link", name="Українська").click()
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.get_by_text("Що робити далі")).to_be_visible()
    screenshot(page, "home-uk")

    page.get_by_role("link", name="English").click()
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("E-mail").fill("organiser@forum.example")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The e-mail or password is not correct.")
    screenshot(page, "sign-in-error-en")

    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Anna Kovács").wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()


def test_error_page_and_keyboard_skip_link(live_server, page, event):
    db.session.commit()
    page.goto(live_server + "/language/uk")
    response = page.goto(live_server + "/no-such-page")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Сторінку не знайдено")
    screenshot(page, "error-404-uk")

    page.goto(live_server + "/language/en")
    page.goto(live_server + "/sign-in")
    screenshot(page, "sign-in-en")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"


def test_home_on_a_phone(browser, live_server, event):
    db.session.commit()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(live_server + "/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    screenshot(phone, "home-phone")
    context.close()
