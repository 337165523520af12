"""Room names are unique within an event whatever their case: the service says so, the
form asks the service, and the database refuses what slips past both."""

import pytest
import sqlalchemy as sa

from forum.auth.models import Role
from forum.extensions import db
from forum.programme.errors import ProgrammeError
from forum.programme.models import Room
from forum.programme.services import room_name_taken, save_room
from tests import factories


def room_names(event) -> list[str]:
    return sorted(db.session.scalars(sa.select(Room.name).where(Room.event_id == event.id)))


@pytest.mark.parametrize("name", ["Room Kyiv", "room kyiv", "  ROOM KYIV ", "Room Kyiv"])
def test_a_second_room_of_the_same_name_is_refused_and_nothing_is_written(programme, room, name):
    with pytest.raises(ProgrammeError, match="already a room called"):
        save_room(programme, None, name, 20, "")
    assert room_names(programme) == ["Room Kyiv"]


def test_renaming_a_room_to_another_rooms_name_is_refused(programme, room):
    other = factories.create_room(programme, name="Room Lviv")
    db.session.commit()
    with pytest.raises(ProgrammeError):
        save_room(programme, other, "ROOM KYIV", 20, "")
    db.session.rollback()
    assert room_names(programme) == ["Room Kyiv", "Room Lviv"]


def test_a_room_keeps_its_own_name_in_another_case_and_other_events_are_apart(programme, room):
    save_room(programme, room, "ROOM KYIV", 90, "")
    assert room.name == "ROOM KYIV"
    other_event = factories.create_event(slug="other-forum")
    assert not room_name_taken(other_event, "Room Kyiv")
    save_room(other_event, None, "Room Kyiv", 10, "")


def test_non_ascii_names_compare_whatever_their_case(programme):
    save_room(programme, None, "Salle Élysée", 40, "")
    assert room_name_taken(programme, "SALLE ÉLYSÉE")


def test_the_database_refuses_a_duplicate_the_service_did_not_see(programme, room):
    db.session.add(Room(event_id=programme.id, name="ROOM kyiv", capacity=5))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()


def test_the_room_form_shows_the_services_answer_beside_the_name(client, auth, programme, room):
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post("/organise/rooms/new", data={"name": "room KYIV", "capacity": 10})
    assert response.status_code == 200
    assert "There is already a room with this name." in response.get_data(as_text=True)
    assert room_names(programme) == ["Room Kyiv"]
