"""Meetings in My agenda and the calendar feed, in the delegate's language; the programme's
B2B sessions lead to matchmaking."""

from icalendar import Calendar

from forum.extensions import db
from forum.matchmaking import booking, meeting_requests
from forum.programme.models import SessionFormat
from tests import factories
from tests.matchmaking.conftest import eu, join


def test_my_agenda_and_the_feed_show_the_meeting_among_the_sessions(forum, before, client, auth):
    a, b = eu(forum, given_name="Olena", family_name="Kovalenko"), join(forum, "Kyiv Drone Works")
    b.registration.locale = "uk"
    session = factories.create_session(forum, "11:00", "12:30", title="Air and missile defence")
    factories.create_sign_up(session, b.registration)
    request = meeting_requests.send_request(forum, a, b.id, "Interceptors?", before)
    meeting = booking.accept(forum, request.id, b, None, before)
    db.session.commit()

    auth.sign_in(b.registration.email)
    page = client.get("/my/agenda").get_data(as_text=True)
    assert page.index("Air and missile defence") < page.index(
        "B2B meeting: Olena Kovalenko (Vistula Armaments S.A.)"
    )
    assert "Table 1, Bilateral Meeting Area" in page

    feed = client.get(f"/programme/calendar/{b.registration.calendar_token}.ics")
    events = [c for c in Calendar.from_ical(feed.data).walk("VEVENT")]
    meeting_event = next(e for e in events if "b2b-meeting" in str(e["uid"]))
    assert str(meeting_event["summary"]) == "Зустріч B2B: Olena Kovalenko (Vistula Armaments S.A.)"
    assert str(meeting_event["location"]) == "Стіл 1, Зона двосторонніх зустрічей"
    assert meeting_event.decoded("dtstart") == meeting.slot.starts_at
    assert str(meeting_event["uid"]) == f"b2b-meeting-{meeting.id}@127.0.0.1"

    booking.cancel(forum, meeting.id, a, "", before)
    db.session.commit()
    feed = client.get(f"/programme/calendar/{b.registration.calendar_token}.ics")
    assert b"b2b-meeting" not in feed.data


def test_a_b2b_session_of_the_programme_leads_to_matchmaking(forum, client):
    factories.create_session(
        forum, "14:00", "16:00", title="B2B meetings", format=SessionFormat.BILATERAL
    )
    db.session.commit()
    page = client.get("/programme").get_data(as_text=True)
    assert 'href="/matchmaking"' in page
