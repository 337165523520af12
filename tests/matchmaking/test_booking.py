"""Requests and meetings: asking, accepting into a slot at a table, declining, expiry,
moving and cancelling; the other side is told each time."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.matchmaking import availability, booking, meeting_requests, profiles, setup
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import Meeting, MeetingSeat, Notice, RequestState
from forum.programme.models import SessionFormat, SpeakerAssignment, SpeakerRole
from tests import factories
from tests.matchmaking.conftest import at, eu, join


def ask(event, a, b, now, message="Let us talk about interceptors."):
    return meeting_requests.send_request(event, a, b.id, message, now)


def notices_of(participant):
    return [
        (n.kind, n.details)
        for n in db.session.scalars(
            sa.select(Notice).where(Notice.participant_id == participant.id).order_by(Notice.id)
        )
    ]


def test_accepting_in_a_chosen_slot_seats_both_at_the_first_free_table(forum, before, mailbox):
    a, b = eu(forum), join(forum)
    request = ask(forum, a, b, before)
    assert notices_of(b)[0][0] == "request"
    slot = setup.slots_of(forum)[2]
    meeting = booking.accept(forum, request.id, b, slot.id, before)
    assert (meeting.slot_id, meeting.table.number) == (slot.id, 1)
    assert {s.participant_id for s in meeting.seats} == {a.id, b.id}
    assert request.state is RequestState.ACCEPTED
    kind, details = notices_of(a)[-1]
    assert kind == "accepted" and details["table"] == 1
    mail = mailbox.to(a.registration.email)[-1]
    assert "accepted your request" in mailbox.body(mail)
    assert b.registration.email not in mailbox.body(mail)  # contact goes through requests only


def test_first_free_common_slot_skips_the_programme_own_marks_and_full_tables(forum, before):
    a, b = eu(forum), join(forum)
    slots = setup.slots_of(forum)  # 14:00, 14:20, 14:40, 15:00, 15:20, 15:40
    # a has a seat in a working session 13:30-14:10 (busy at 14:00), b speaks 14:20-14:40.
    session = factories.create_session(forum, "13:30", "14:10")
    factories.create_sign_up(session, a.registration)
    talk = factories.create_session(forum, "14:20", "14:40")
    talk.speakers.append(SpeakerAssignment(role=SpeakerRole.PANELLIST, registration=b.registration))
    # B2B sessions of the programme are the matchmaking itself: they do not make anyone busy.
    b2b = factories.create_session(forum, "14:00", "16:00", format=SessionFormat.BILATERAL)
    factories.create_sign_up(b2b, b.registration)
    # a marked 14:40 as not available; every table is taken at 15:00.
    availability.set_unavailable(forum, a, {slots[2].id}, before)
    for n in range(3):
        x, y = eu(forum, f"EU Company {n}"), join(forum, f"UA Company {n}")
        booking.accept(forum, ask(forum, x, y, before).id, y, slots[3].id, before)
    db.session.flush()
    assert [s.id for s in availability.common_free_slots(forum, a, b, before)] == [
        slots[4].id,
        slots[5].id,
    ]
    meeting = booking.accept(forum, ask(forum, a, b, before).id, b, None, before)
    assert meeting.slot_id == slots[4].id


def test_a_busy_slot_is_refused_with_a_plain_message(forum, before):
    a, b = eu(forum), join(forum)
    slot = setup.slots_of(forum)[0]
    session = factories.create_session(forum, "14:00", "15:00")
    factories.create_sign_up(session, b.registration)
    request = ask(forum, a, b, before)
    with pytest.raises(MatchmakingError, match="no longer free for both"):
        booking.accept(forum, request.id, b, slot.id, before)


def test_no_double_booking_of_a_person_or_a_table_even_past_the_code(forum, before):
    """The database itself refuses a second meeting at a table in a slot, and a second seat
    for a person in a slot (seats follow their meeting when it moves)."""
    a, b = eu(forum), join(forum)
    c, d = eu(forum, "Rhein Optronik GmbH", "DE"), join(forum, "Odesa Maritime Drones")
    slot, other = setup.slots_of(forum)[:2]
    first, second = setup.tables_of(forum)[:2]
    booking.accept(forum, ask(forum, a, b, before).id, b, slot.id, before)
    db.session.commit()

    def meeting_at(x, y, table):
        request = ask(forum, x, y, before)
        meeting = Meeting(
            event_id=forum.id, request_id=request.id, slot_id=other.id, table_id=table.id
        )
        db.session.add(meeting)
        meeting.seats = [MeetingSeat(participant_id=x.id), MeetingSeat(participant_id=y.id)]
        db.session.flush()
        return meeting

    for x, y, table, constraint in (
        (c, d, first, "table_id"),  # table 1 twice at 14:00
        (c, a, second, "participant_id"),  # a twice at 14:00, at two tables
    ):
        meeting = meeting_at(x, y, table)
        with pytest.raises(sa.exc.IntegrityError, match=constraint):
            db.session.execute(
                sa.update(Meeting).where(Meeting.id == meeting.id).values(slot_id=slot.id)
            )
        db.session.rollback()


def test_declining_with_a_reason_tells_the_asker(forum, before, mailbox):
    a, b = eu(forum), join(forum)
    request = ask(forum, a, b, before)
    meeting_requests.decline(forum, request.id, b, "We only build naval drones.", before)
    assert request.state is RequestState.DECLINED
    assert notices_of(a)[-1] == (
        "declined",
        {"name": b.registration.display_name, "reason": "We only build naval drones."},
    )
    assert "We only build naval drones." in mailbox.body(mailbox.to(a.registration.email)[-1])
    with pytest.raises(MatchmakingError, match="no longer open"):
        booking.accept(forum, request.id, b, None, before)


def test_an_unanswered_request_expires_at_the_organisers_deadline(forum, before):
    a, b = eu(forum), join(forum)
    request = ask(forum, a, b, before)
    db.session.commit()
    assert request.expires_at == before + timedelta(hours=48)
    assert meeting_requests.expire_overdue(forum, before + timedelta(hours=47)) == 0
    with pytest.raises(MatchmakingError, match="no longer open"):
        booking.accept(forum, request.id, b, None, before + timedelta(hours=48))
    db.session.rollback()
    assert meeting_requests.expire_overdue(forum, before + timedelta(hours=48)) == 1
    db.session.refresh(request)
    assert request.state is RequestState.EXPIRED


def test_the_deadline_is_never_after_the_last_slot(forum):
    a, b = eu(forum), join(forum)
    late = at(forum, "10:00")
    request = ask(forum, a, b, late)
    assert request.expires_at == at(forum, "15:40")


def test_limits_on_requests_waiting_and_meetings(forum, before):
    settings = setup.settings_of(forum)
    settings.max_pending, settings.max_meetings = 2, 1
    a = eu(forum)
    others = [join(forum, f"UA Company {n}") for n in range(4)]
    ask(forum, a, others[0], before)
    ask(forum, a, others[1], before)
    with pytest.raises(MatchmakingError, match=r"most requests waiting for an answer \(2\)"):
        ask(forum, a, others[2], before)
    first = ask(forum, others[2], a, before)
    booking.accept(forum, first.id, a, None, before)
    second = ask(forum, others[3], a, before)
    with pytest.raises(MatchmakingError, match=r"most meetings allowed \(1\)"):
        booking.accept(forum, second.id, a, None, before)


def test_asking_needs_a_message_a_stranger_and_no_open_request(forum, before):
    a, b = eu(forum), join(forum)
    _user, registration = factories.create_delegate(forum, organisation="Vistula Armaments S.A.")
    added = profiles.add_colleague(forum, a.profile, a.registration, registration.id)
    # the colleague is on the profile but has not opted in: nobody can ask them yet
    with pytest.raises(MatchmakingError, match="short message"):
        ask(forum, a, b, before, message="  ")
    with pytest.raises(MatchmakingError, match="does not take part"):
        ask(forum, b, added, before)
    profiles.opt_in(forum, registration)
    with pytest.raises(MatchmakingError, match="colleague of your own organisation"):
        ask(forum, added, a, before)
    ask(forum, a, b, before)
    with pytest.raises(MatchmakingError, match="already an open request"):
        ask(forum, b, a, before)


def test_cancelling_frees_the_slot_and_the_table_and_tells_the_other_side(forum, before, mailbox):
    a, b, c, d = (
        eu(forum),
        join(forum),
        eu(forum, "Rhein Optronik GmbH", "DE"),
        join(forum, "Odesa Maritime Drones"),
    )
    slot = setup.slots_of(forum)[0]
    meeting = booking.accept(forum, ask(forum, a, b, before).id, b, slot.id, before)
    table_id = meeting.table_id
    request = booking.cancel(forum, meeting.id, a, "Our flight was moved.", before)
    assert request.state is RequestState.CANCELLED
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingSeat)) == 0
    kind, details = notices_of(b)[-1]
    assert kind == "cancelled" and details["reason"] == "Our flight was moved."
    assert "Our flight was moved." in mailbox.body(mailbox.to(b.registration.email)[-1])
    again = booking.accept(forum, ask(forum, c, d, before).id, d, slot.id, before)
    assert again.table_id == table_id  # the table is free again


def test_moving_keeps_the_table_number_and_tells_the_other_side(forum, before):
    a, b = eu(forum), join(forum)
    slots = setup.slots_of(forum)
    meeting = booking.accept(forum, ask(forum, a, b, before).id, b, slots[0].id, before)
    moved = booking.move(forum, meeting.id, a, slots[3].id, before)
    assert (moved.slot_id, moved.table.number) == (slots[3].id, 1)
    assert {s.slot_id for s in db.session.scalars(sa.select(MeetingSeat))} == {slots[3].id}
    assert notices_of(b)[-1][0] == "moved"
    with pytest.raises(MatchmakingError, match="already there"):
        booking.move(forum, meeting.id, a, slots[3].id, before)


def test_organisers_place_and_move_by_hand_and_both_are_told(forum, before):
    a, b = eu(forum), join(forum)
    slots, tables = setup.slots_of(forum), setup.tables_of(forum)
    meeting = booking.place(forum, a.id, b.id, slots[1].id, before, tables[2].id)
    assert (meeting.table.number, meeting.request.placed_by_organisers) == (3, True)
    assert notices_of(a)[-1][0] == notices_of(b)[-1][0] == "placed"
    booking.move(forum, meeting.id, None, slots[1].id, before, tables[0].id)
    assert meeting.table.number == 1
    assert notices_of(a)[-1][0] == notices_of(b)[-1][0] == "moved"
    with pytest.raises(MatchmakingError, match="already have a meeting"):
        booking.place(forum, b.id, a.id, slots[2].id, before)


def test_a_meeting_that_has_begun_is_not_moved_or_cancelled_by_its_people(forum, before):
    a, b = eu(forum), join(forum)
    slots = setup.slots_of(forum)
    meeting = booking.accept(forum, ask(forum, a, b, before).id, b, slots[0].id, before)
    during = at(forum, "14:05")
    with pytest.raises(MatchmakingError, match="already begun"):
        booking.cancel(forum, meeting.id, a, "", during)
    with pytest.raises(MatchmakingError, match="already begun"):
        booking.move(forum, meeting.id, a, slots[3].id, during)
