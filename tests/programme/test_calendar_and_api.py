"""Calendar files parse back with the right times and zone; the API shows published sessions."""

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar

from forum.extensions import db
from forum.programme.models import SpeakerAssignment, SpeakerProfile, SpeakerRole
from forum.programme.signups import sign_up
from tests import factories
from tests.factories import PASSWORD

BRUSSELS = ZoneInfo("Europe/Brussels")


def events_of(body: bytes):
    calendar = icalendar.Calendar.from_ical(body)
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_whole_programme_ics_has_published_sessions_in_brussels_time(client, programme, room):
    session = factories.create_session(programme, "11:00", "12:30", room=room, title="Air defence")
    guest = SpeakerProfile(event_id=programme.id, full_name="Олександр Камишин")
    session.speakers.append(SpeakerAssignment(role=SpeakerRole.KEYNOTE, speaker_profile=guest))
    factories.create_session(
        programme, "14:00", "15:00", room=room, title="Secret", published=False
    )
    db.session.commit()

    response = client.get("/programme/programme.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar, entries = events_of(response.data)
    assert [str(e["SUMMARY"]) for e in entries] == ["Air defence"]
    entry = entries[0]
    start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
    assert start == datetime(2024, 5, 6, 11, 0, tzinfo=BRUSSELS)
    assert end == datetime(2024, 5, 6, 12, 30, tzinfo=BRUSSELS)
    assert entry["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert start.utcoffset().total_seconds() == 2 * 3600  # CEST in May
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert "Олександр Камишин" in str(entry["DESCRIPTION"])
    assert str(entry["LOCATION"]).startswith("Room Kyiv")
    assert str(entry["UID"]) == f"session-{session.id}@127.0.0.1"  # BASE_URL's host


def test_calendar_links_are_on_the_base_url_whatever_the_host(app, client, programme, room):
    app.config["BASE_URL"] = "https://forum.example.org"
    session = factories.create_session(programme, room=room)
    user, delegate = factories.create_delegate(programme)
    sign_up(programme, delegate, session.id)
    db.session.commit()
    forged = {"Host": "evil.example"}
    for path in ("/programme/programme.ics", f"/programme/calendar/{delegate.calendar_token}.ics"):
        _calendar, (entry,) = events_of(client.get(path, headers=forged).data)
        assert str(entry["URL"]) == f"https://forum.example.org/programme/sessions/{session.id}"
        assert str(entry["UID"]) == f"session-{session.id}@forum.example.org"
    client.post("/sign-in", data={"email": user.email, "password": PASSWORD}, headers=forged)
    page = client.get("/my/agenda", headers=forged).get_data(as_text=True)
    assert f"https://forum.example.org/programme/calendar/{delegate.calendar_token}.ics" in page
    assert "evil.example" not in page


def test_programme_ics_is_empty_while_unpublished(client, event):
    factories.create_session(event, room=factories.create_room(event))
    db.session.commit()
    _calendar, entries = events_of(client.get("/programme/programme.ics").data)
    assert entries == []


def test_delegate_feed_follows_the_secret_and_is_revocable(client, auth, programme, room):
    from forum.auth.models import Role  # noqa: F401

    mine = factories.create_session(programme, "11:00", "12:00", room=room, title="Mine")
    factories.create_session(programme, "14:00", "15:00", room=room, title="Not mine")
    user, delegate = factories.create_delegate(programme)
    sign_up(programme, delegate, mine.id)
    db.session.commit()
    old_token = delegate.calendar_token

    response = client.get(f"/programme/calendar/{old_token}.ics")
    assert response.status_code == 200
    _calendar, entries = events_of(response.data)
    assert [str(e["SUMMARY"]) for e in entries] == ["Mine"]
    assert entries[0].decoded("DTSTART") == datetime(2024, 5, 6, 11, 0, tzinfo=BRUSSELS)

    assert client.get("/programme/calendar/not-a-real-token.ics").status_code == 404

    auth.sign_in(user.email)
    assert client.post("/my/agenda/calendar-link").status_code == 302
    db.session.expire_all()
    assert delegate.calendar_token != old_token
    assert client.get(f"/programme/calendar/{old_token}.ics").status_code == 404
    assert client.get(f"/programme/calendar/{delegate.calendar_token}.ics").status_code == 200


def test_api_lists_published_sessions_with_offsets_and_speakers(client, programme, room):
    session = factories.create_session(
        programme, "11:00", "12:30", room=room, title="Electronic warfare", theme="EW"
    )
    _user, delegate = factories.create_delegate(
        programme, given_name="Władysław", family_name="Nowak", organisation="PGZ"
    )
    guest = SpeakerProfile(
        event_id=programme.id, full_name="Thierry Breton", organisation="European Commission"
    )
    session.speakers.append(
        SpeakerAssignment(role=SpeakerRole.PANELLIST, position=0, registration=delegate)
    )
    session.speakers.append(
        SpeakerAssignment(role=SpeakerRole.KEYNOTE, position=5, speaker_profile=guest)
    )
    factories.create_session(programme, "14:00", "15:00", room=room, title="Draft", published=False)
    db.session.commit()

    response = client.get("/api/v1/programme")
    assert response.status_code == 200
    body = response.get_json()
    assert body["published"] is True
    [item] = body["sessions"]
    assert item["title"] == "Electronic warfare"
    assert item["starts_at"] == "2024-05-06T11:00:00+02:00"
    assert item["ends_at"] == "2024-05-06T12:30:00+02:00"
    assert datetime.fromisoformat(item["starts_at"]).utcoffset() is not None
    assert item["room"]["name"] == "Room Kyiv"
    assert item["theme"] == "EW" and item["format"] == "working_session"
    assert item["speakers"] == [
        {"name": "Thierry Breton", "role": "keynote", "organisation": "European Commission"},
        {"name": "Władysław Nowak", "role": "panellist", "organisation": "PGZ"},
    ]


def test_api_shows_nothing_while_the_programme_is_unpublished(client, event):
    factories.create_session(event, room=factories.create_room(event))
    db.session.commit()
    body = client.get("/api/v1/programme").get_json()
    assert body["published"] is False and body["sessions"] == []
