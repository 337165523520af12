"""Meetings in My agenda and the calendar feed, in the delegate's language; the programme's
B2B sessions lead to matchmaking."""

import sqlalchemy as sa
from icalendar import Calendar

from forum.extensions import db
from forum.matchmaking import agenda, booking, meeting_requests
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


def _statements_of(call) -> int:
    """How many SQL statements `call()` sends (transaction control aside)."""
    sent = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if statement.split(None, 1)[0].upper() not in {"BEGIN", "SAVEPOINT", "RELEASE"}:
            sent.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return len(sent)


def test_every_agenda_asks_matchmaking_at_a_fixed_cost(forum, before):
    """Every My agenda and calendar feed asks: a delegate outside matchmaking costs one
    statement, and a participant's meetings cost the same however many there are."""
    _user, outsider = factories.create_delegate(forum, organisation="Nobody Ltd")
    b = join(forum, "Kyiv Drone Works")

    def entries(registration) -> int:
        db.session.expire_all()  # nothing left over from the set-up, but these two
        db.session.refresh(registration)
        db.session.refresh(forum)
        return _statements_of(lambda: agenda.agenda_entries(registration, forum, "en"))

    assert entries(outsider) == 1
    assert entries(b.registration) == 1
    costs = []
    for n in range(3):
        a = eu(forum, organisation=f"Armaments {n}", given_name=f"Asker{n}")
        request = meeting_requests.send_request(forum, a, b.id, "Interceptors?", before)
        booking.accept(forum, request.id, b, None, before)
        db.session.commit()
        costs.append(entries(b.registration))
    assert costs[0] == costs[1] == costs[2]
    assert len(agenda.agenda_entries(b.registration, forum, "en")) == 3
