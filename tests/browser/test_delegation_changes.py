"""Organisers change a delegation's focal point and move a registration into it, in Chromium,
in English and Ukrainian (screenshots at desktop and phone width)."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.delegations.models import DelegationMember
from forum.extensions import db
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_delegations import PHONE, delegation_with_members, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "en",
            (
                "Add to the delegation",
                "is a member of the delegation now",
                "Change the focal point",
                "is the focal point now",
            ),
        ),
        (
            "uk",
            (
                "Додати до делегації",
                "тепер член делегації",
                "Змінити контактну особу",
                "тепер контактна особа",
            ),
        ),
    ],
)
def test_an_organiser_moves_a_registration_in_and_changes_the_focal_point(
    live_server, browser, event, language, texts
):
    add, added, change, changed = texts
    delegation = delegation_with_members(event)
    solo = factories.create_registration(event, given_name="Ганна", family_name="Коваль")
    organiser = factories.create_user(Role.ORGANISER)
    db.session.commit()
    for viewport, suffix in (({"width": 1280, "height": 900}, "desktop"), (PHONE, "phone")):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        page = context.new_page()
        page.goto(f"{live_server}/language/{language}", wait_until="networkidle")
        sign_in(page, live_server, organiser.email)
        page.goto(f"{live_server}/delegations/{delegation.id}")
        expect(page.locator(".add-registration")).to_be_visible()
        screenshot(page, f"delegation-detail-organiser-{language}-{suffix}")
        page.goto(f"{live_server}/delegations/{delegation.id}/focal-point")
        expect(page.locator("h1")).to_have_text(change)
        screenshot(page, f"delegation-focal-point-change-{language}-{suffix}")
        context.close()

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/language/{language}", wait_until="networkidle")
    sign_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/delegations/{delegation.id}")
    page.locator("#email").fill(solo.email)
    page.get_by_role("button", name=add).click()
    expect(page.locator(".flash")).to_contain_text(added)
    expect(page.locator("table.data")).to_contain_text("Коваль")
    screenshot(page, f"delegation-member-added-{language}-phone")
    page.get_by_role("link", name=change).click()
    page.locator("#focal_point_name").fill("Петро Іваненко")
    page.locator("#focal_point_email").fill(f"p.ivanenko.{language}@mspu.example.gov.ua")
    page.get_by_role("button", name=change).click()
    expect(page.locator(".flash")).to_contain_text(changed)
    expect(page.locator(".details")).to_contain_text("Петро Іваненко")
    context.close()
    db.session.rollback()
    assert db.session.scalar(
        sa.select(DelegationMember).where(DelegationMember.registration_id == solo.id)
    )
