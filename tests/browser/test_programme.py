"""The programme in a real browser: a delegate signs up, finds it in My agenda and cancels;
screenshots of the schedule, the public programme (EN and UK) and My agenda."""

import pytest

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


def test_delegate_signs_up_sees_it_in_my_agenda_and_cancels(live_server, page, small_programme):
    user, _registration = factories.create_delegate(
        small_programme, given_name="Олена", family_name="Коваленко"
    )
    db.session.commit()
    sign_in(page, live_server, user.email)

    page.get_by_role("link", name="Programme").first.click()
    card = page.locator(".session-card", has_text="Air and missile defence")
    card.get_by_role("button", name="Sign up").click()
    assert page.get_by_text("You have a seat in “Air and missile defence”.").is_visible()
    # The other session at the same time now refuses, naming the clash.
    clash = page.locator(".session-card", has_text="Electronic warfare")
    clash.get_by_role("button", name="Sign up").click()
    assert (
        page.get_by_role("alert")
        .inner_text()
        .startswith("You are already signed up for “Air and missile defence”")
    )
    assert page.get_by_text("Draft: financing").count() == 0

    page.get_by_role("link", name="My agenda").click()
    item = page.locator(".agenda-item", has_text="Air and missile defence")
    assert item.get_by_text("Seat confirmed").is_visible()
    assert page.locator(".agenda-item").first.inner_text().startswith("09:00")
    screenshot(page, "programme-my-agenda")

    item.get_by_role("button", name="Cancel my sign-up").click()
    assert page.get_by_text("Your sign-up is cancelled.").is_visible()
    assert page.locator(".agenda-item", has_text="Air and missile defence").count() == 0


def test_schedule_and_public_programme_screenshots(live_server, page, small_programme):
    organiser = factories.create_user(Role.ORGANISER)
    db.session.commit()

    page.goto(live_server + "/programme")
    assert page.get_by_text("Air and missile defence").is_visible()
    screenshot(page, "programme-public-en")
    page.get_by_role("link", name="Українська").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Програма"
    assert page.get_by_text("Олександр Камишин").is_visible()
    screenshot(page, "programme-public-uk")
    page.goto(live_server + "/programme/speakers")
    screenshot(page, "programme-speakers-uk")
    page.get_by_role("link", name="English").click()

    sign_in(page, live_server, organiser.email)
    page.get_by_role("link", name="Schedule").first.click()
    block = page.locator(".schedule-block", has_text="Draft: financing")
    assert block.is_visible()
    screenshot(page, "programme-schedule")
    page.locator(".schedule-block", has_text="Air and missile defence").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Air and missile defence"
    screenshot(page, "programme-session-admin")
