"""Organisers set up the doors (checkpoints) and say which door staff scan where."""

import uuid

import pytest
from sqlalchemy.exc import IntegrityError

from forum.auth.models import Role
from forum.checkin.doors import CheckpointError, checkpoint_name_taken, create_checkpoint
from forum.checkin.models import Checkpoint
from forum.extensions import db
from tests import factories
from tests.checkin.conftest import badge


def test_organisers_add_a_room_checkpoint_limited_to_some_categories(client, auth, event):
    session = factories.create_session(event, title="Long-range capabilities")
    auth.as_role(Role.ORGANISER)
    page = client.get("/scanner/doors").get_data(as_text=True)
    assert "Long-range capabilities" in page
    response = client.post(
        "/scanner/doors",
        data={
            "name": "Room Breydel 14:00",
            "session": session.id,
            "categories": ["vip", "speaker"],
        },
    )
    assert response.status_code == 302
    checkpoint = db.session.scalar(db.select(Checkpoint))
    assert (checkpoint.name, checkpoint.session_id) == ("Room Breydel 14:00", session.id)
    assert checkpoint.allowed_categories == ["speaker", "vip"]

    again = client.post("/scanner/doors", data={"name": "room breydel 14:00", "session": 0})
    assert again.status_code == 400
    assert (
        "Another door is already called “room breydel 14:00”: choose another name."
        in again.get_data(as_text=True)
    )
    assert db.session.scalar(db.select(db.func.count()).select_from(Checkpoint)) == 1


def test_a_closed_checkpoint_cannot_be_scanned_at(client, auth, event, entrance, approved):
    auth.as_role(Role.ORGANISER)
    client.post(f"/scanner/doors/{entrance.id}/close")
    assert db.session.get(Checkpoint, entrance.id).active is False
    scan = {
        "code": badge(approved),
        "checkpoint": entrance.id,
        "direction": "in",
        "nonce": uuid.uuid4().hex,
    }
    assert client.post("/api/v1/scans", json=scan).status_code == 403
    assert client.get("/api/v1/checkpoints").get_json()["checkpoints"] == []
    client.post(f"/scanner/doors/{entrance.id}/open")
    assert client.post("/api/v1/scans", json=scan).status_code == 200


def test_organisers_give_door_staff_their_doors(client, auth, event, entrance, approved):
    side = factories.create_checkpoint(event, name="Side door")
    staff = factories.create_user(Role.STAFF, email="door2@forum.example")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    client.post(f"/scanner/staff/{staff.id}", data={f"staff-{staff.id}-checkpoints": [side.id]})
    assert [c.name for c in db.session.get(type(staff), staff.id).checkpoints] == ["Side door"]

    auth.sign_out()
    auth.sign_in("door2@forum.example")
    listed = client.get("/api/v1/checkpoints").get_json()["checkpoints"]
    assert [c["name"] for c in listed] == ["Side door"]
    refused = client.post(
        "/api/v1/scans",
        json={
            "code": badge(approved),
            "checkpoint": entrance.id,
            "direction": "in",
            "nonce": uuid.uuid4().hex,
        },
    )
    assert refused.status_code == 403


def test_only_door_staff_are_given_doors(client, auth, event, entrance):
    officer = factories.create_user(Role.OFFICER)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    assert client.post(f"/scanner/staff/{officer.id}").status_code == 404


@pytest.mark.parametrize("role", [Role.STAFF, Role.OFFICER, Role.DELEGATE])
def test_only_organisers_set_up_doors(client, auth, event, entrance, role):
    auth.as_role(role)
    assert client.get("/scanner/doors").status_code == 403
    assert client.post("/scanner/doors", data={"name": "Back door"}).status_code == 403
    assert client.post(f"/scanner/doors/{entrance.id}/close").status_code == 403
    assert db.session.get(Checkpoint, entrance.id).active is True


def test_a_checkpoint_name_is_unique_in_the_event_whatever_its_case(client, auth, event):
    factories.create_checkpoint(event, name="Venue entrance")
    assert checkpoint_name_taken(event, "  VENUE Entrance ")
    with pytest.raises(CheckpointError, match="already called"):
        create_checkpoint(event, "venue ENTRANCE", None, [], None)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post("/scanner/doors", data={"name": "VENUE ENTRANCE", "session": 0})
    assert response.status_code == 400
    assert "Another door is already called “VENUE ENTRANCE”" in response.get_data(as_text=True)
    assert db.session.scalars(db.select(Checkpoint.name)).all() == ["Venue entrance"]


def test_the_database_refuses_checkpoint_names_differing_in_case(event):
    factories.create_checkpoint(event, name="Side door")
    db.session.add(Checkpoint(event_id=event.id, name="SIDE DOOR"))
    with pytest.raises(IntegrityError):
        db.session.flush()
