"""Organisers write in two languages side by side in a real browser: the event's texts,
a guest speaker's biography and a door's name; readers in Ukrainian then read them in
Ukrainian. Screenshots of the editors in both languages."""

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from forum.programme.models import SpeakerAssignment, SpeakerProfile, SpeakerRole
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_programme import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def forum(event):
    event.programme_published = True
    kamyshin = SpeakerProfile(
        event_id=event.id,
        full_name="Oleksandr Kamyshin",
        full_name_latin="Oleksandr Kamyshin",
        position="Minister of Strategic Industries",
        organisation="Government of Ukraine",
        bio="Ukraine's Minister of Strategic Industries since September 2023.",
    )
    session = factories.create_session(event, title="Joint production")
    session.speakers.append(SpeakerAssignment(role=SpeakerRole.KEYNOTE, speaker_profile=kamyshin))
    door = factories.create_checkpoint(event, name="Venue entrance")
    organiser = factories.create_user(Role.ORGANISER, email="organiser@forum.example")
    db.session.commit()
    return organiser, kamyshin, door


def test_an_organiser_writes_both_languages_and_readers_get_theirs(live_server, page, forum):
    _organiser, kamyshin, door = forum
    sign_in(page, live_server, "organiser@forum.example")

    # The event's texts: the header's "The event" opens them side by side.
    page.get_by_role("link", name="The event").click()
    expect(page.get_by_role("heading", name="The event's texts")).to_be_visible()
    page.get_by_label("Address of the venue UK").fill("вул. Бара, 175, Андерлехт")
    page.get_by_label("Address of the venue EN").fill("Rue Bara 175, Anderlecht")
    page.get_by_label("City UK").fill("Брюссель")
    expect(page.get_by_text("Readers in Ukrainian see the English text.").first).to_be_visible()
    screenshot(page, "event-texts-en")
    page.get_by_role("button", name="Save the texts").click()
    expect(page.get_by_text("The event's texts are saved.")).to_be_visible()

    # A guest speaker's biography, written in Ukrainian beside the English one.
    page.goto(live_server + f"/organise/speakers/{kamyshin.id}/edit")
    page.get_by_label("Position UK").fill("Міністр з питань стратегічних галузей промисловості")
    page.get_by_label("Short biography UK").fill(
        "Міністр з питань стратегічних галузей промисловості України з вересня 2023 року."
    )
    page.get_by_role("button", name="Save the speaker").click()
    expect(page.get_by_text("The speaker is saved.")).to_be_visible()

    # A door renamed in both languages on its settings page.
    page.goto(live_server + "/scanner/doors")
    page.get_by_role("link", name="Venue entrance", exact=True).click()
    page.get_by_label("Checkpoint name EN").fill("Main entrance")
    page.get_by_label("Checkpoint name UK").fill("Головний вхід")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_text("Settings of Main entrance saved.")).to_be_visible()

    # In Ukrainian: the editor's own words, then what readers see.
    page.get_by_role("link", name="Українська").click()
    page.goto(live_server + f"/scanner/doors/{door.id}")
    expect(page.get_by_role("heading", name="Головний вхід")).to_be_visible()
    screenshot(page, "door-settings-uk")
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="Захід").click()
    expect(page.get_by_role("heading", name="Тексти заходу")).to_be_visible()
    screenshot(page, "event-texts-uk-phone")
    page.get_by_role("link", name="Головна").first.click()
    expect(page.get_by_text("вул. Бара, 175, Андерлехт, Брюссель")).to_be_visible()
    page.goto(live_server + "/programme/speakers")
    expect(
        page.get_by_text(
            "Міністр з питань стратегічних галузей промисловості України з вересня 2023 року."
        )
    ).to_be_visible()
    expect(page.get_by_text("Основний доповідач")).to_be_visible()
    screenshot(page, "speakers-uk-phone")
