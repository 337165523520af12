"""Delegations in Chromium: a focal point invites a member within the quota; organisers follow
the delegations. Screenshots at desktop and phone width, in English and Ukrainian."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.delegations import members
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from tests import factories
from tests.browser.conftest import screenshot
from tests.delegations.conftest import create_delegation, person

pytestmark = pytest.mark.browser
S = RegistrationState
PHONE = {"width": 390, "height": 844}
PILE = {
    "en": ("Print the badges", "1 badge is ready."),
    "uk": ("Надрукувати бейджі", "Готово: 1 бейдж."),
}


def sign_in(page, live_server: str, email: str) -> None:
    """Sign in once the sign-in page has settled, and wait for the landing page."""
    page.goto(live_server + "/sign-in", wait_until="networkidle")
    page.locator("#email").fill(email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in"))


def delegation_with_members(event):
    """A ministry with members in several states, and a company beside it."""
    delegation = create_delegation(
        event,
        quota=4,
        shares={"vip": 1},
        name="Міністерство з питань стратегічних галузей промисловості України",
        focal_point_name="Оксана Мельник",
    )
    states = [
        ("Олександр", "Камишин", "vip", S.APPROVED, False),
        ("Iryna", "Hrytsenko", "delegate", S.PENDING, False),
        ("Тарас", "Бойко", "delegate", S.SUBMITTED, True),
    ]
    for n, (given, family, category, state, on_behalf) in enumerate(states, start=1):
        details = person(n, given_name=given, family_name=family, category=category)
        if on_behalf:
            details.update(phone="+380 44 123 4567", job_title="Adviser")
        member = members.invite_member(
            delegation, details, delegation.focal_point, on_behalf=on_behalf
        )
        member.registration.state = state
    company = create_delegation(event, quota=3, name="Kyiv Drone Works")
    members.invite_member(company, person(9), company.focal_point).registration.state = S.PENDING
    db.session.commit()
    return delegation


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ("3 of 4 places taken", "Invite a member", "Send the invitation", "4 of 4")),
        ("uk", ("Зайнято 3 із 4 місць", "Запросити учасника", "Надіслати запрошення", "4 із 4")),
    ],
)
def test_a_focal_point_invites_the_last_member_on_their_page(
    live_server, browser, event, language, texts
):
    taken, invite, send, full = texts
    delegation = delegation_with_members(event)
    for viewport, suffix in (({"width": 1280, "height": 900}, "desktop"), (PHONE, "phone")):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        page = context.new_page()
        page.goto(f"{live_server}/language/{language}", wait_until="networkidle")
        sign_in(page, live_server, delegation.focal_point.email)
        expect(page.locator("h1")).to_have_text(delegation.name)
        expect(page.locator(".places-card")).to_contain_text(taken)
        screenshot(page, f"delegation-focal-point-{language}-{suffix}")
        context.close()

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/language/{language}", wait_until="networkidle")
    sign_in(page, live_server, delegation.focal_point.email)
    page.get_by_role("link", name=invite).click()
    page.locator("#given_name").fill("Світлана")
    page.locator("#family_name").fill("Ткаченко")
    page.locator("#email").fill("s.tkachenko@mspu.example.gov.ua")
    screenshot(page, f"delegation-invite-{language}-phone")
    page.get_by_role("button", name=send).click()
    expect(page.locator(".places-card")).to_contain_text(full)
    expect(page.locator(".member-list")).to_contain_text("Ткаченко")
    # Full now: the invitation buttons are gone.
    expect(page.get_by_role("link", name=invite)).to_have_count(0)
    context.close()
    db.session.rollback()
    invited = db.session.scalar(
        sa.select(Registration).where(Registration.family_name == "Ткаченко")
    )
    assert invited.organisation == delegation.name and invited.state is S.SUBMITTED


@pytest.mark.parametrize("language", ["en", "uk"])
def test_organisers_see_every_delegation_and_its_members(live_server, browser, event, language):
    delegation = delegation_with_members(event)
    organiser = factories.create_user(Role.ORGANISER)
    db.session.commit()
    for viewport, suffix in (({"width": 1280, "height": 900}, "desktop"), (PHONE, "phone")):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        page = context.new_page()
        page.goto(f"{live_server}/language/{language}", wait_until="networkidle")
        sign_in(page, live_server, organiser.email)
        page.goto(f"{live_server}/delegations/")
        expect(page.locator("table.data")).to_contain_text("Kyiv Drone Works")
        screenshot(page, f"delegations-list-{language}-{suffix}")
        page.goto(f"{live_server}/delegations/{delegation.id}")
        expect(page.locator("table.data")).to_contain_text("Камишин")
        screenshot(page, f"delegation-detail-{language}-{suffix}")
        # The pile is a print run: the organiser lands on its page, which names the delegation.
        print_it, ready = PILE[language]
        page.locator(".page-head").get_by_role("button", name=print_it).click()
        expect(page.get_by_text(ready)).to_be_visible()  # one badge, drawn at once here
        expect(page.locator(".breadcrumb")).to_contain_text(delegation.name)
        screenshot(page, f"delegation-pile-run-{language}-{suffix}")
        context.close()
