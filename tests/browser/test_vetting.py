"""Security vetting in Chromium: a delegate gives their identity data, the security officer
clears them and the badge becomes available. Screenshots at desktop and phone width, EN and UK."""

import re

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from forum.registration.models import RegistrationState
from forum.vetting import services
from forum.vetting.models import VettingStatus
from tests import factories
from tests.browser.conftest import screenshot
from tests.vetting.conftest import identity

pytestmark = pytest.mark.browser
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def open_as(browser, live_server: str, email: str, language: str, viewport: dict):
    """A new browser in `language`, signed in as `email`, on the landing page."""
    context = browser.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/language/{language}", wait_until="networkidle")
    page.goto(live_server + "/sign-in", wait_until="networkidle")
    page.locator("#email").fill(email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in"))
    return context, page


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ("Give my identity data", "Send to the security service", "Awaiting vetting")),
        ("uk", ("Надати свої дані", "Надіслати службі безпеки", "Очікує на перевірку")),
    ],
)
def test_a_delegate_gives_identity_data_and_the_security_officer_clears_it(
    live_server, browser, event, language, texts
):
    give, send, awaiting = texts
    services.switch(event, True)
    delegate, registration = factories.create_delegate(
        event, given_name="Олександр", family_name="Камишин", organisation="Міністерство"
    )
    others = [
        factories.create_registration(event, family_name=name, state=RegistrationState.PENDING)
        for name in ("Dubois", "Nowak", "Virtanen")
    ]
    for other, number in zip(others, ("FR111111", "PL222222", "FI333333"), strict=True):
        services.submit_identity(other, identity(document_number=number))
    services.answer(services.vetting_of(others[0]), VettingStatus.CLEARED, "", None)
    security = factories.create_user(Role.SECURITY_OFFICER, full_name="Marek Zieliński")
    db.session.commit()

    context, page = open_as(browser, live_server, delegate.email, language, PHONE)
    page.get_by_role("link", name=give).click()
    page.locator("#document_type").select_option("diplomatic_passport")
    page.locator("#document_number").fill("DP123456")
    page.locator("#document_country").select_option("UA")
    page.locator("#document_expiry").fill("2031-01-31")
    page.locator("#document_family_name").fill("KAMYSHYN")
    page.locator("#document_given_names").fill("OLEKSANDR")
    page.locator("#nationality").select_option("UA")
    page.locator("#date_of_birth").fill("1984-06-12")
    page.locator("#place_of_birth").fill("Kyiv")
    screenshot(page, f"vetting-identity-{language}-phone")
    page.get_by_role("button", name=send).click()
    expect(page.locator("#vetting-title")).to_contain_text(awaiting)
    screenshot(page, f"vetting-dashboard-{language}-phone")
    context.close()

    for viewport, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        context, page = open_as(browser, live_server, security.email, language, viewport)
        expect(page.locator("table.data")).to_contain_text("Камишин")
        screenshot(page, f"vetting-people-{language}-{suffix}")
        page.get_by_role("link", name=re.compile("Камишин")).click()
        expect(page.locator("#identity-title + dl")).to_contain_text("DP123456")
        screenshot(page, f"vetting-person-{language}-{suffix}")
        context.close()

    context, page = open_as(browser, live_server, security.email, language, DESKTOP)
    page.goto(f"{live_server}/vetting/{registration.public_id}")
    page.locator("#status").select_option("cleared")
    page.locator("#answer-title + form button[type=submit]").click()
    expect(page.locator(".flash-success")).to_be_visible()
    context.close()
    db.session.rollback()
    db.session.refresh(registration)
    assert registration.is_accredited
