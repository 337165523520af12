"""How much database work one scan costs: the opening rush sends hundreds a second."""

import uuid

import pytest
import sqlalchemy as sa

from forum.checkin.devices import create_device_token
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories
from tests.checkin.conftest import badge
from tests.conftest import ON_POSTGRES


@pytest.fixture
def statements(app):
    """The SQL statements sent while the test runs (after the fixture starts)."""
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement.split(None, 1)[0].upper())

    sa.event.listen(db.engine, "before_cursor_execute", record)
    yield sent
    sa.event.remove(db.engine, "before_cursor_execute", record)


def delegate(event, n):
    return factories.create_registration(
        event, email=f"d{n}@example.org", state=RegistrationState.APPROVED
    )


def post_scan(client, token, checkpoint_id, code, direction="in"):
    response = client.post(
        "/api/v1/scans",
        json={
            "code": code,
            "checkpoint": checkpoint_id,
            "direction": direction,
            "nonce": uuid.uuid4().hex,
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_an_entry_costs_two_statements(client, event, entrance, statements):
    first, second = badge(delegate(event, 1)), badge(delegate(event, 2))
    _device, token = create_device_token("Entrance phone", [entrance])
    door = entrance.id
    db.session.commit()
    post_scan(client, token, door, first)  # the device token is read once, then cached
    statements.clear()

    assert post_scan(client, token, door, second)["status"] == "accepted"
    # the door with the badge's registration (locked), then the scan itself, whose insert
    # asks who is inside (WITH: a materialized CTE of the person's scans)
    assert statements == ["SELECT", "WITH"]

    statements.clear()
    answer = post_scan(client, token, door, second)
    assert answer["reason"] == "already_inside"
    assert answer["message"].startswith("Already inside since ")
    # the same insert records the refusal; on PostgreSQL it also returns the open entry
    # for the answer, which SQLite reads afterwards (forum.checkin.writes._entry_statement)
    assert statements == (["SELECT", "WITH"] if ON_POSTGRES else ["SELECT", "WITH", "WITH"])


def test_an_exit_costs_two_statements(client, event, entrance, statements):
    code = badge(delegate(event, 1))
    _device, token = create_device_token("Exit phone", [entrance])
    door = entrance.id
    db.session.commit()
    post_scan(client, token, door, code)
    statements.clear()

    assert post_scan(client, token, door, code, direction="out")["status"] == "accepted"
    assert statements == ["SELECT", "INSERT"]  # an exit does not ask who is inside
