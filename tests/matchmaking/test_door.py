"""The door drives the meetings: arrival notices after real entry scans through the scan API,
the warning when someone has not entered before their meeting, and the organisers
releasing a table.

The forum is today, in a time zone where it is about midday now: live scans are timed by the
server's clock, and today's meetings at 15:00 are still to come whenever the tests run.
"""

import threading
import uuid
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges.tokens import issue_token
from forum.checkin.devices import create_device_token
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking import booking, door, setup
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import Meeting, MeetingRequest, Notice, RequestState
from forum.matchmaking.tasks import tell_door_news
from tests import factories
from tests.matchmaking.conftest import eu, join
from tests.matchmaking.test_views import sign_in
from tests.threads import run_threads


def midday_zone() -> str:
    """A time zone where it is between 12:00 and 13:00 now (Etc/GMT-N is UTC+N)."""
    offset = 12 - utcnow().hour
    return "Etc/UTC" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


@pytest.fixture
def today_forum(app):
    """A forum today, matchmaking 14:00-17:00 in 20-minute slots at two tables, an entrance
    and a session room with doors, and a phone allowed at both."""
    zone = midday_zone()
    day = utcnow().astimezone(ZoneInfo(zone)).date()
    event = factories.create_event(starts_on=day, ends_on=day, timezone=zone)
    event.programme_published = True
    room = factories.create_room(event, name="Bilateral Meeting Area")
    setup.save_settings(
        event,
        setup.SettingsData(
            open=True,
            slot_minutes=20,
            max_meetings=8,
            max_pending=10,
            answer_hours=48,
            room_id=room.id,
            table_count=2,
            not_arrived_minutes=15,
        ),
    )
    setup.add_block(event, local(event, "14:00"), local(event, "17:00"))
    session_room = factories.create_room(event, name="Room Spaak", capacity=40)
    event.session = factories.create_session(
        event, start="09:00", end="10:00", room_id=session_room.id, title="Electronic warfare"
    )
    event.entrance = factories.create_checkpoint(event, name="Venue entrance")
    event.room_door = factories.create_checkpoint(
        event, name="Room Spaak", session_id=event.session.id
    )
    _device, event.phone = create_device_token("Door phone", [event.entrance, event.room_door])
    return event


def local(event, hhmm: str) -> datetime:
    return datetime.combine(event.starts_on, time.fromisoformat(hhmm), tzinfo=event.tz)


def slot_at(event, hhmm: str) -> int:
    return next(s.id for s in setup.slots_of(event) if s.starts_at == local(event, hhmm))


def meet(event, first, second, hhmm: str = "15:00", table: int | None = None) -> Meeting:
    """The organisers set a meeting at `hhmm` (placed in the morning)."""
    table_id = next(t.id for t in setup.tables_of(event) if t.number == table) if table else None
    return booking.place(
        event, first.id, second.id, slot_at(event, hhmm), local(event, "08:00"), table_id
    )


def scan_in(client, event, participant, checkpoint) -> dict:
    """A live entry scan through the scan API, as the door phone sends it."""
    db.session.commit()
    response = client.post(
        "/api/v1/scans",
        json={
            "code": issue_token(participant.registration),
            "checkpoint": checkpoint.id,
            "direction": "in",
            "nonce": uuid.uuid4().hex,
        },
        headers={"Authorization": f"Bearer {event.phone}"},
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def notices_of(participant, kind: str) -> list[Notice]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(Notice).where(Notice.participant_id == participant.id, Notice.kind == kind)
        )
    )


def test_an_entry_at_the_entrance_tells_the_counterpart_on_their_meetings_page(today_forum, client):
    asker, guest = eu(today_forum), join(today_forum, given_name="Олена", family_name="Коваль")
    meet(today_forum, asker, guest)
    assert scan_in(client, today_forum, guest, today_forum.entrance)["status"] == "accepted"

    sign_in(client, asker)
    page = client.get("/matchmaking").get_data(as_text=True)
    assert "Олена Коваль has arrived: entered the venue at" in page
    assert "Arrived at" in page
    client.get("/matchmaking")
    assert len(notices_of(asker, "arrived")) == 1  # told once, however often the page is read
    assert notices_of(guest, "arrived") == []  # the asker has not come in yet


def test_the_worker_tells_and_mails_only_those_who_asked_for_mail(today_forum, client, mailbox):
    asker, guest = eu(today_forum), join(today_forum, given_name="Олена", family_name="Коваль")
    other = eu(today_forum, "Baltic Optics", "LT")
    meet(today_forum, asker, guest, "15:00")
    meet(today_forum, other, guest, "15:20")
    sign_in(client, asker)
    client.post("/matchmaking/mail-door", data={"mail": "1"})
    client.post("/sign-out")
    scan_in(client, today_forum, guest, today_forum.entrance)

    tell_door_news()

    assert len(notices_of(asker, "arrived")) == 1
    assert len(notices_of(other, "arrived")) == 1  # on the page, without mail

    def arrival_mails(participant):
        mails = mailbox.to(participant.registration.email)
        return [m for m in mails if m["Subject"] == "Олена Коваль has arrived"]

    (mail,) = arrival_mails(asker)
    assert "entered the venue at" in mailbox.body(mail)
    assert arrival_mails(other) == []
    tell_door_news()
    assert len(arrival_mails(asker)) == 1


def test_a_room_scan_is_not_an_arrival(today_forum, client):
    asker, guest = eu(today_forum), join(today_forum, given_name="Олена", family_name="Коваль")
    factories.create_sign_up(today_forum.session, guest.registration)
    meet(today_forum, asker, guest)
    assert scan_in(client, today_forum, guest, today_forum.room_door)["status"] == "accepted"

    assert door.tell_door_news(today_forum, utcnow()) == 0
    sign_in(client, asker)
    page = client.get("/matchmaking").get_data(as_text=True)
    assert "has arrived" not in page
    assert "Not in the venue yet" in page


def test_someone_not_in_the_venue_before_the_meeting_is_reported_once(today_forum):
    asker, guest = eu(today_forum), join(today_forum, given_name="Олена", family_name="Коваль")
    meet(today_forum, asker, guest, "15:00")

    assert door.tell_door_news(today_forum, local(today_forum, "14:40")) == 0  # too early
    assert door.tell_door_news(today_forum, local(today_forum, "14:46")) == 2  # each of them
    assert door.tell_door_news(today_forum, local(today_forum, "14:50")) == 0  # once
    (notice,) = notices_of(asker, "not_arrived")
    assert notice.details["name"] == "Олена Коваль"
    assert len(notices_of(guest, "not_arrived")) == 1


def test_no_warning_when_the_organisers_turned_it_off(today_forum):
    asker, guest = eu(today_forum), join(today_forum)
    meet(today_forum, asker, guest, "15:00")
    setup.settings_of(today_forum).not_arrived_minutes = 0

    assert door.tell_door_news(today_forum, local(today_forum, "14:55")) == 0


def test_releasing_a_table_frees_it_for_a_new_meeting(today_forum, client, auth):
    asker, guest = eu(today_forum), join(today_forum, given_name="Олена", family_name="Коваль")
    meeting = meet(today_forum, asker, guest, "15:00", table=1)
    meeting_id, request_id, slot_id = meeting.id, meeting.request_id, meeting.slot_id
    scan_in(client, today_forum, guest, today_forum.entrance)
    auth.as_role(Role.ORGANISER)

    page = client.get("/organise/matchmaking/today").get_data(as_text=True)
    assert "Olena" in page or "Олена Коваль" in page
    assert "Entered at" in page and "Not in the venue yet" in page
    response = client.post(
        f"/organise/matchmaking/meetings/{meeting_id}/release", data={"request": request_id}
    )
    assert response.status_code == 302
    assert "The table is released" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )

    db.session.expire_all()
    assert db.session.get(Meeting, meeting_id) is None
    assert db.session.get(MeetingRequest, request_id).state is RequestState.CANCELLED
    assert db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "matchmaking.table_released")
    )
    (to_asker,) = notices_of(asker, "released")
    assert to_asker.details["you_absent"] and not to_asker.details["other_absent"]
    assert len(notices_of(guest, "released")) == 1
    first, second = eu(today_forum, "Baltic Optics", "LT"), join(today_forum, "Lviv Radio")
    again = meet(today_forum, first, second, "15:00", table=1)
    assert (again.slot_id, again.table.number) == (slot_id, 1)
    again_id = again.id
    db.session.commit()

    # The button of the page from before the release (SQLite may give the new meeting the
    # released one's id) does not release the new meeting.
    stale = client.post(
        f"/organise/matchmaking/meetings/{again_id}/release",
        data={"request": request_id},
        follow_redirects=True,
    )
    assert "This meeting was cancelled in the meantime." in stale.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, again_id) is not None


def test_a_table_stays_when_both_have_arrived(today_forum, client, auth):
    asker, guest = eu(today_forum), join(today_forum)
    meeting_id = meet(today_forum, asker, guest).id
    scan_in(client, today_forum, asker, today_forum.entrance)
    scan_in(client, today_forum, guest, today_forum.entrance)
    auth.as_role(Role.ORGANISER)

    response = client.post(
        f"/organise/matchmaking/meetings/{meeting_id}/release", follow_redirects=True
    )
    assert "Both people have entered the venue" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting_id) is not None
    assert notices_of(asker, "released") == []


@pytest.mark.parametrize("role", [Role.DELEGATE, Role.STAFF, Role.OFFICER])
def test_only_organisers_release_tables(today_forum, client, auth, role):
    asker, guest = eu(today_forum), join(today_forum)
    meeting_id = meet(today_forum, asker, guest).id
    if role is Role.DELEGATE:
        sign_in(client, asker)
    else:
        auth.as_role(role)

    assert client.get("/organise/matchmaking/today").status_code == 403
    assert client.post(f"/organise/matchmaking/meetings/{meeting_id}/release").status_code == 403
    db.session.expire_all()
    assert db.session.get(Meeting, meeting_id) is not None


def test_releases_and_a_placement_at_once_never_double_book(app, today_forum, client):
    """Two organisers release one table while a third places a meeting at it, at the same
    instant: the table is released once, both people are told once, and the table holds at
    most one meeting (the placement gets it only after the release)."""
    asker, guest = eu(today_forum), join(today_forum)
    first, second = eu(today_forum, "Baltic Optics", "LT"), join(today_forum, "Lviv Radio")
    meeting = meet(today_forum, asker, guest, "15:00", table=1)
    meeting_id, slot_id, table_id = meeting.id, meeting.slot_id, meeting.table_id
    request_id = meeting.request_id
    event_id, pair = today_forum.id, (first.id, second.id)
    db.session.commit()
    start = threading.Barrier(3)
    released, placed, refused, errors = [], [], [], []

    def attempt(kind: str) -> None:
        with app.app_context():
            try:
                start.wait(timeout=60)
                event = db.session.get(Event, event_id)
                now = utcnow()
                if kind == "release":
                    door.release_table(event, meeting_id, request_id, now)
                    released.append(1)
                else:
                    booking.place(event, *pair, slot_id, now, table_id)
                    placed.append(1)
                db.session.commit()
            except MatchmakingError as refusal:
                db.session.rollback()
                refused.append(str(refusal.message))
            except Exception as error:  # reported by the test
                db.session.rollback()
                errors.append(repr(error))
            finally:
                db.session.remove()

    run_threads(attempt, [("release",), ("release",), ("place",)])

    assert errors == []
    assert len(released) == 1
    db.session.rollback()  # see what the threads committed
    assert len(notices_of(asker, "released")) == len(notices_of(guest, "released")) == 1
    at_the_table = db.session.scalars(
        sa.select(Meeting).where(Meeting.slot_id == slot_id, Meeting.table_id == table_id)
    ).all()
    assert len(at_the_table) == len(placed) <= 1


def test_organisers_set_the_minutes_before_a_meeting(today_forum, client, auth):
    auth.as_role(Role.ORGANISER)
    rules = {
        "open": "y",
        "slot_minutes": 20,
        "table_count": 2,
        "room_id": 0,
        "max_meetings": 8,
        "max_pending": 10,
        "answer_hours": 48,
    }

    refused = client.post(
        "/organise/matchmaking/settings", data={**rules, "not_arrived_minutes": 300}
    )
    assert "Number must be between 0 and 240." in refused.get_data(as_text=True)
    db.session.expire_all()
    assert setup.settings_of(today_forum).not_arrived_minutes == 15
    saved = client.post("/organise/matchmaking/settings", data={**rules, "not_arrived_minutes": 0})
    assert saved.status_code == 302
    db.session.expire_all()
    assert setup.settings_of(today_forum).not_arrived_minutes == 0
