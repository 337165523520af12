"""The programme in a real browser: a delegate signs up, finds it in My agenda and cancels;
screenshots of the schedule, the public programme (EN and UK) and My agenda."""

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from forum.programme.models import SessionFormat, SpeakerAssignment, SpeakerProfile, SpeakerRole
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def small_programme(event):
    event.programme_published = True
    plenary_hall = factories.create_room(event, name="Plenary Hall", capacity=450)
    kyiv = factories.create_room(event, name="Room Kyiv", capacity=90)
    lviv = factories.create_room(event, name="Room Lviv", capacity=2)
    borrell = SpeakerProfile(
        event_id=event.id,
        full_name="Josep Borrell",
        position="High Representative",
        organisation="European Union",
    )
    kamyshin = SpeakerProfile(
        event_id=event.id,
        full_name="Олександр Камишин",
        position="Minister of Strategic Industries",
        organisation="Government of Ukraine",
        country="UA",
    )
    opening = factories.create_session(
        event,
        "09:00",
        "09:45",
        room=plenary_hall,
        title="Opening of the forum",
        theme="Opening",
        format=SessionFormat.PLENARY,
        signup_required=False,
    )
    opening.speakers.append(SpeakerAssignment(role=SpeakerRole.KEYNOTE, speaker_profile=borrell))
    air = factories.create_session(
        event, "10:00", "11:30", room=kyiv, title="Air and missile defence", theme="Air defence"
    )
    air.speakers.append(SpeakerAssignment(role=SpeakerRole.MODERATOR, speaker_profile=kamyshin))
    factories.create_session(
        event, "10:00", "11:30", room=lviv, title="Electronic warfare", theme="Electronic warfare"
    )
    factories.create_session(
        event, "12:00", "13:00", room=kyiv, title="Draft: financing", published=False
    )
    db.session.commit()
    return event


def sign_in(page, live_server, email):
    page.goto(live_server + "/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_delegate_signs_up_sees_it_in_my_agenda_and_cancels(live_server, page, small_programme):
    user, _registration = factories.create_delegate(
        small_programme, given_name="Олена", family_name="Коваленко"
    )
    db.session.commit()
    sign_in(page, live_server, user.email)

    page.get_by_role("link", name="Programme").first.click()
    card = page.locator(".session-card", has_text="Air and missile defence")
    card.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("You have a seat in “Air and missile defence”.")).to_be_visible()
    # The other session at the same time now refuses, naming the clash.
    clash = page.locator(".session-card", has_text="Electronic warfare")
    clash.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "You are already signed up for “Air and missile defence” at the same time."
    )
    expect(page.get_by_text("Draft: financing")).to_have_count(0)

    page.get_by_role("link", name="My agenda").click()
    item = page.locator(".agenda-item", has_text="Air and missile defence")
    expect(item.get_by_text("Seat confirmed")).to_be_visible()
    expect(page.locator(".agenda-item").first).to_contain_text("09:00–09:45")
    screenshot(page, "programme-my-agenda")

    item.get_by_role("button", name="Cancel my sign-up").click()
    expect(page.get_by_text("Your sign-up is cancelled.")).to_be_visible()
    expect(page.locator(".agenda-item", has_text="Air and missile defence")).to_have_count(0)


def test_schedule_and_public_programme_screenshots(live_server, page, small_programme):
    organiser = factories.create_user(Role.ORGANISER)
    db.session.commit()

    page.goto(live_server + "/programme")
    expect(page.get_by_text("Air and missile defence")).to_be_visible()
    screenshot(page, "programme-public-en")
    page.get_by_role("link", name="Українська").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Програма")
    expect(page.get_by_text("Олександр Камишин")).to_be_visible()
    screenshot(page, "programme-public-uk")
    page.goto(live_server + "/programme/speakers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Доповідачі")
    screenshot(page, "programme-speakers-uk")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    sign_in(page, live_server, organiser.email)
    page.get_by_role("link", name="Schedule").first.click()
    expect(page.locator(".schedule-block", has_text="Draft: financing")).to_be_visible()
    screenshot(page, "programme-schedule")
    page.locator(".schedule-block", has_text="Air and missile defence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Air and missile defence")
    screenshot(page, "programme-session-admin")
