"""Delegates read the programme in their language: the pages, My agenda, the calendar
feeds, the API and the scanner's door names; a text not translated yet comes in the
other language, without the organisers' marker."""

import icalendar
import pytest

from forum.checkin.decide import Presence
from forum.extensions import db
from forum.programme.signups import sign_up
from tests import factories

UK = {"Accept-Language": "uk-UA,uk;q=0.9"}


@pytest.fixture
def sessions(programme, room):
    room.name_uk = "Зала Київ"
    translated = factories.create_session(
        programme, "11:00", "12:30", room=room, title="Naval drones", theme="Maritime"
    )
    translated.title_uk, translated.theme_uk = "Морські дрони", "Море"
    translated.description, translated.description_uk = "Unmanned vessels.", "Безекіпажні судна."
    untranslated = factories.create_session(
        programme, "14:00", "15:00", room=room, title="Electronic warfare", theme="EW"
    )
    db.session.commit()
    return translated, untranslated


def test_the_ukrainian_programme_shows_ukrainian_texts_and_falls_back_unmarked(client, sessions):
    client.get("/language/uk")
    page = client.get("/programme").get_data(as_text=True)
    assert "Морські дрони" in page and "Naval drones" not in page
    assert "Море" in page and "Зала Київ" in page
    assert "Electronic warfare" in page  # not translated yet: the English title
    assert "pill-untranslated" not in page and "ще не перекладено" not in page


def test_the_english_programme_stays_english(client, sessions):
    page = client.get("/programme").get_data(as_text=True)
    assert "Naval drones" in page and "Room Kyiv" in page
    assert "Морські дрони" not in page


def test_the_theme_filter_names_themes_in_ukrainian_and_filters_on_the_same_key(client, sessions):
    client.get("/language/uk")
    page = client.get("/programme").get_data(as_text=True)
    assert '<option value="Maritime">Море</option>' in page
    page = client.get("/programme?theme=Maritime").get_data(as_text=True)
    assert "Морські дрони" in page and "Electronic warfare" not in page


def test_a_session_page_in_ukrainian(client, sessions):
    translated, _ = sessions
    page = client.get(f"/programme/sessions/{translated.id}", headers=UK).get_data(as_text=True)
    assert "<h1>Морські дрони</h1>" in page
    assert "Безекіпажні судна." in page and "Unmanned vessels." not in page


def test_my_agenda_and_its_feed_are_in_the_delegates_language(client, auth, programme, sessions):
    translated, _ = sessions
    user, delegate = factories.create_delegate(programme)
    delegate.locale = "uk"
    sign_up(programme, delegate, translated.id)
    db.session.commit()
    feed = client.get(f"/programme/calendar/{delegate.calendar_token}.ics")  # no language asked
    entry = icalendar.Calendar.from_ical(feed.data).walk("VEVENT")[0]
    assert str(entry["SUMMARY"]) == "Морські дрони"
    assert str(entry["LOCATION"]).startswith("Зала Київ")
    auth.sign_in(user.email)
    client.get("/language/uk")
    page = client.get("/my/agenda").get_data(as_text=True)
    assert "Морські дрони" in page and "Зала Київ" in page


def test_the_programme_feed_follows_the_readers_language(client, sessions):
    feed = client.get("/programme/programme.ics", headers=UK)
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.data).walk("VEVENT")]
    assert summaries == ["Морські дрони", "Electronic warfare"]


@pytest.mark.parametrize(
    ("query", "headers", "title", "language"),
    [
        ("?lang=uk", {}, "Морські дрони", "uk"),
        ("", UK, "Морські дрони", "uk"),
        ("?lang=en", UK, "Naval drones", "en"),
        ("", {}, "Naval drones", "en"),
    ],
)
def test_the_api_answers_in_the_language_asked(client, sessions, query, headers, title, language):
    response = client.get(f"/api/v1/programme{query}", headers=headers)
    body = response.get_json()
    assert body["language"] == language and response.headers["Content-Language"] == language
    assert body["sessions"][0]["title"] == title
    assert body["sessions"][1]["title"] == "Electronic warfare"  # the fallback
    assert "Accept-Language" in response.headers["Vary"]


def test_the_api_gives_ukrainian_room_names_and_themes(client, sessions):
    session = client.get("/api/v1/programme?lang=uk").get_json()["sessions"][0]
    assert (session["theme"], session["room"]["name"]) == ("Море", "Зала Київ")


def test_the_api_refuses_a_language_it_does_not_have(client, sessions):
    assert client.get("/api/v1/programme?lang=fr").status_code == 400


def test_the_openapi_document_describes_the_lang_parameter(client):
    document = client.get("/api/v1/openapi.json").get_json()
    parameters = document["paths"]["/programme"]["get"]["parameters"]
    assert {"name": "lang", "in": "query"}.items() <= parameters[0].items()
    assert parameters[0]["schema"]["enum"] == ["en", "uk"]


def test_the_scanner_names_the_door_in_the_staff_members_language():
    presence = Presence(since=None, door="Main entrance", door_uk="Головний вхід")
    assert presence.door_in("uk") == "Головний вхід"
    assert presence.door_in("en") == "Main entrance"
    assert Presence(since=None, door="Side door").door_in("uk") == "Side door"
