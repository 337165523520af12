"""Signing up for a session keeps the delegate's place in the programme, with or without
JavaScript."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.extensions import db
from forum.programme.models import SignUp
from tests import factories
from tests.browser.test_officers import sign_in

pytestmark = pytest.mark.browser


def programme_of_ten(event):
    event.programme_published = True
    room = factories.create_room(event, capacity=40)
    sessions = [
        factories.create_session(
            event,
            start=f"{8 + n:02d}:00",
            end=f"{8 + n:02d}:45",
            room_id=room.id,
            title=f"Session {n}",
        )
        for n in range(10)
    ]
    user, _registration = factories.create_delegate(event)
    db.session.commit()
    return sessions, user


def seats() -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count(SignUp.id)))


def test_sign_up_without_leaving_the_page(live_server, page, event):
    sessions, user = programme_of_ten(event)
    sign_in(page, live_server, user.email)
    page.goto(live_server + "/programme")
    card = page.locator(f"#session-{sessions[8].id}")
    card.scroll_into_view_if_needed()
    page.evaluate("window.stillThisPage = true")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0

    card.get_by_role("button", name="Sign up").click()
    expect(card.get_by_role("status")).to_contain_text("You have a seat in “Session 8”")
    expect(card.get_by_text("You have a seat", exact=True)).to_be_visible()
    assert page.evaluate("window.stillThisPage") is True  # no reload
    assert abs(page.evaluate("window.scrollY") - scrolled) < 50
    assert seats() == 1

    card.get_by_role("button", name="Cancel my sign-up").click()
    expect(card.get_by_role("status")).to_contain_text("Your sign-up is cancelled.")
    expect(card.get_by_role("button", name="Sign up")).to_be_visible()
    assert page.evaluate("window.stillThisPage") is True
    assert seats() == 0


def test_without_javascript_the_sign_up_comes_back_to_the_session(live_server, browser, event):
    sessions, user = programme_of_ten(event)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, user.email)
    page.goto(live_server + "/programme")
    page.locator(f"#session-{sessions[7].id}").get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(f"{live_server}/programme#session-{sessions[7].id}")
    expect(page.get_by_text("You have a seat in “Session 7”.")).to_be_visible()
    # At the session, not the top of the page: the browser scrolls to the fragment once the
    # page has loaded, so both are waited for, not read once.
    expect(page.locator(f"#session-{sessions[7].id}")).to_be_in_viewport()
    expect(page.get_by_role("heading", level=1)).not_to_be_in_viewport()
    assert seats() == 1
    context.close()
