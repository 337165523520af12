"""The matchmaking pages over HTTP: who may see what, the request-accept journey, bad input,
and the organisers' pages, PDFs and CSV."""

import re
import subprocess

import pytest
import sqlalchemy as sa

from forum.auth.models import Role
from forum.extensions import db
from forum.matchmaking import booking, meeting_requests, setup
from forum.matchmaking.availability import day_of
from forum.matchmaking.meeting_models import Meeting, MeetingRequest, RequestState
from forum.matchmaking.models import Participant
from tests import factories
from tests.matchmaking.conftest import eu, join

DELEGATE_PAGES = [
    "/matchmaking/directory",
    "/matchmaking/suggestions",
    "/matchmaking/our-profile",
    "/matchmaking/availability",
]
ORGANISER_PAGES = [
    "/organise/matchmaking",
    "/organise/matchmaking/settings",
    "/organise/matchmaking/tags",
    "/organise/matchmaking/place",
    "/organise/matchmaking/report",
]


def sign_in(client, participant_or_registration):
    registration = getattr(participant_or_registration, "registration", participant_or_registration)
    db.session.commit()
    response = client.post(
        "/sign-in", data={"email": registration.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/matchmaking", *DELEGATE_PAGES, *ORGANISER_PAGES])
def test_anonymous_visitors_are_sent_to_sign_in(forum, client, path):
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.STAFF])
def test_staff_without_the_role_get_403(forum, client, auth, role):
    auth.as_role(role)
    for path in ["/matchmaking", *ORGANISER_PAGES]:
        assert client.get(path).status_code == 403, path


def test_a_delegate_gets_403_on_the_organisers_pages(forum, client):
    sign_in(client, eu(forum))
    for path in ORGANISER_PAGES:
        assert client.get(path).status_code == 403, path


def test_a_delegate_who_does_not_take_part_sees_no_profile(forum, client):
    join(forum)
    _user, registration = factories.create_delegate(forum, organisation="Outsider GmbH")
    sign_in(client, registration)
    page = client.get("/matchmaking").get_data(as_text=True)
    assert "Take part" in page and "Kyiv Drone Works" not in page
    for path in DELEGATE_PAGES:
        response = client.get(path, follow_redirects=True)
        text = response.get_data(as_text=True)
        assert "Take part in matchmaking first" in text and "Kyiv Drone Works" not in text


def test_a_pending_delegate_cannot_take_part(forum, client):
    _user, registration = factories.create_delegate(forum, state="pending")
    sign_in(client, registration)
    assert "accredited delegates only" in client.get("/matchmaking").get_data(as_text=True)
    response = client.post("/matchmaking/opt-in", follow_redirects=True)
    assert "accredited delegates only" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 0


def test_no_email_or_phone_on_any_participant_page(forum, before, client):
    viewer = eu(forum, phone="+48123456789")
    other = join(forum, phone="+380501234567", offers=("Demining",))
    meeting_requests.send_request(forum, other, viewer.id, "Meet?", before)
    sign_in(client, viewer)
    pages = ["/matchmaking", *DELEGATE_PAGES, f"/matchmaking/profiles/{other.profile_id}"]
    for path in pages:
        text = client.get(path).get_data(as_text=True)
        # (the viewer's own address is in the header: their account's name)
        assert other.registration.email not in text, path
        assert other.registration.phone not in text and viewer.registration.phone not in text


def test_a_restricted_profile_is_a_404_for_the_other_side(forum, client):
    viewer = eu(forum)
    hidden = join(forum, "Тільки для України", audience="ukraine")
    sign_in(client, viewer)
    response = client.get(f"/matchmaking/profiles/{hidden.profile_id}", follow_redirects=True)
    assert "That profile does not exist." in response.get_data(as_text=True)


def test_request_then_accept_then_both_see_the_meeting(forum, client, mailbox):
    a, b = eu(forum, given_name="Olena", family_name="Kovalenko"), join(forum)
    sign_in(client, a)
    page = client.get(f"/matchmaking/profiles/{b.profile_id}").get_data(as_text=True)
    assert "Ask for a meeting" in page
    empty = client.post(
        f"/matchmaking/profiles/{b.profile_id}/request",
        data={"recipient": b.id, "message": "  "},
        follow_redirects=True,
    )
    assert "Write a short message" in empty.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingRequest)) == 0
    sent = client.post(
        f"/matchmaking/profiles/{b.profile_id}/request",
        data={"recipient": b.id, "message": "Shall we talk about interceptors?"},
        follow_redirects=True,
    )
    assert "Your request was sent" in sent.get_data(as_text=True)
    client.post("/sign-out")

    sign_in(client, b)
    home = client.get("/matchmaking").get_data(as_text=True)
    assert "Shall we talk about interceptors?" in home and "Olena Kovalenko" in home
    request_id = db.session.scalar(sa.select(MeetingRequest.id))
    form = client.get(f"/matchmaking/requests/{request_id}/accept").get_data(as_text=True)
    slot_ids = re.findall(r'name="slot"[^>]*value="(\d+)"', form)
    assert len(slot_ids) == 6
    accepted = client.post(
        f"/matchmaking/requests/{request_id}/accept",
        data={"slot": slot_ids[2]},
        follow_redirects=True,
    )
    assert "Meeting confirmed with Olena Kovalenko" in accepted.get_data(as_text=True)
    meeting = db.session.scalar(sa.select(Meeting))
    assert (meeting.slot_id, meeting.table.number) == (int(slot_ids[2]), 1)
    client.post("/sign-out")

    sign_in(client, a)
    home = client.get("/matchmaking").get_data(as_text=True)
    assert "accepted your request" in home and "Table 1, Bilateral Meeting Area" in home
    assert "accepted your request" in mailbox.body(mailbox.to(a.registration.email)[-1])


def test_declining_and_withdrawing_from_the_meetings_page(forum, before, client):
    a, b, c = eu(forum), join(forum), join(forum, "Dnipro Rocket Systems")
    to_decline = meeting_requests.send_request(forum, b, a.id, "Meet?", before)
    to_withdraw = meeting_requests.send_request(forum, a, c.id, "Meet?", before)
    sign_in(client, a)
    client.post(f"/matchmaking/requests/{to_decline.id}/decline", data={"reason": "Not our field."})
    client.post(f"/matchmaking/requests/{to_withdraw.id}/withdraw")
    # Someone else's request cannot be answered: a refusal, and nothing changes.
    foreign = meeting_requests.send_request(forum, b, c.id, "Meet?", before)
    db.session.commit()
    refused = client.post(f"/matchmaking/requests/{foreign.id}/decline", follow_redirects=True)
    assert "That request does not exist." in refused.get_data(as_text=True)
    db.session.expire_all()
    assert [r.state for r in (to_decline, to_withdraw, foreign)] == [
        RequestState.DECLINED,
        RequestState.WITHDRAWN,
        RequestState.PENDING,
    ]
    assert to_decline.reason == "Not our field."


def test_availability_marks_are_kept_and_the_programme_shows(forum, client):
    a = eu(forum)
    session = factories.create_session(forum, "14:00", "14:30", title="Long-range capabilities")
    factories.create_sign_up(session, a.registration)
    slots = setup.slots_of(forum)
    sign_in(client, a)
    page = client.get("/matchmaking/availability").get_data(as_text=True)
    assert page.count("Long-range capabilities") == 2  # 14:00 and 14:20 are busy
    free = [str(s.id) for s in slots[2:]]
    client.post("/matchmaking/availability", data={"available": free[1:]})  # not 14:40
    db.session.expire_all()
    states = [s.state for s in day_of(forum, a, slots[0].starts_at.replace(hour=0))]
    assert states == ["busy", "busy", "unavailable", "free", "free", "free"]


def test_the_organisers_see_the_grid_place_move_and_cancel(forum, before, client, auth, mailbox):
    a, b = (
        eu(forum, given_name="Olena", family_name="Kovalenko"),
        join(forum, given_name="Дмитро", family_name="Руденко"),
    )
    booking.accept(
        forum, meeting_requests.send_request(forum, a, b.id, "Meet?", before).id, b, None, before
    )
    c, d = eu(forum, "Rhein Optronik GmbH", "DE"), join(forum, "Odesa Maritime Drones")
    auth.as_role(Role.ORGANISER)
    grid = client.get("/organise/matchmaking").get_data(as_text=True)
    assert (
        "Olena Kovalenko" in grid and "Дмитро Руденко" in grid and a.registration.email not in grid
    )
    slots, tables = setup.slots_of(forum), setup.tables_of(forum)
    placed = client.post(
        "/organise/matchmaking/place",
        data={"first": c.id, "second": d.id, "slot": slots[4].id, "table": tables[1].id},
        follow_redirects=True,
    )
    assert "The meeting is set; both people are told." in placed.get_data(as_text=True)
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slot_id == slots[4].id))
    assert meeting.table.number == 2
    clash = client.post(
        f"/organise/matchmaking/meetings/{meeting.id}",
        data={"slot": slots[0].id, "table": tables[0].id},
        follow_redirects=True,
    )
    assert "That table is taken in this slot." in clash.get_data(as_text=True)
    client.post(
        f"/organise/matchmaking/meetings/{meeting.id}", data={"slot": slots[5].id, "table": 0}
    )
    db.session.expire_all()
    assert meeting.slot_id == slots[5].id
    client.post(
        f"/organise/matchmaking/meetings/{meeting.id}/cancel", data={"reason": "Room closed."}
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 1
    assert "Room closed." in mailbox.body(mailbox.to(d.registration.email)[-1])


def test_bad_rules_are_refused_with_a_message_and_nothing_changes(forum, client, auth):
    auth.as_role(Role.ORGANISER)
    response = client.post(
        "/organise/matchmaking/settings",
        data={
            "open": "y",
            "slot_minutes": 3,
            "table_count": 3,
            "room_id": 0,
            "max_meetings": 8,
            "max_pending": 10,
            "answer_hours": 48,
        },
    )
    assert response.status_code == 200
    assert "Number must be between 5 and 240." in response.get_data(as_text=True)
    assert setup.settings_of(forum).slot_minutes == 20


def test_table_plan_pdf_and_csv(forum, before, client, auth):
    a, b = (
        eu(forum),
        join(forum, "Полтавські оборонні системи", given_name="Олена", family_name="Шевчук"),
    )
    booking.accept(
        forum, meeting_requests.send_request(forum, a, b.id, "Meet?", before).id, b, None, before
    )
    auth.as_role(Role.ORGANISER)
    pdf = client.get("/organise/matchmaking/table-plan.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.data, capture_output=True
    ).stdout.decode()
    assert "Table 1" in text and "Олена Шевчук" in text and "Полтавські оборонні системи" in text
    assert text.count("\f") == 3  # a page per table
    people = client.get("/organise/matchmaking/people.pdf")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=people.data, capture_output=True
    ).stdout.decode()
    assert text.count("\f") == 2 and "Олена Шевчук" in text
    csv = client.get("/organise/matchmaking/meetings.csv").data.decode("utf-8-sig")
    assert "Олена Шевчук" in csv and "Vistula Armaments S.A." in csv
    assert a.registration.email not in csv
