"""How much database work one scan costs: the opening rush sends hundreds a second.

Budgets, not copies of the SQL: a refactor may change which statements run, not how many.
"""

import uuid

import pytest
import sqlalchemy as sa

from forum.checkin.devices import create_device_token
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories
from tests.checkin.conftest import badge
from tests.conftest import ON_POSTGRES

TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}


@pytest.fixture
def statements(app):
    """The SQL statements sent while the test runs (after the fixture starts), without
    transaction control (SQLite's BEGIN IMMEDIATE is a statement of its own)."""
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        verb = statement.split(None, 1)[0].upper()
        if verb not in TRANSACTION_CONTROL:
            sent.append(verb)

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
    # asks who is inside
    assert len(statements) <= 2, statements

    statements.clear()
    answer = post_scan(client, token, door, second)
    assert answer["reason"] == "already_inside"
    assert answer["message"].startswith("Already inside since ")
    # the same insert records the refusal; on PostgreSQL it also returns the open entry
    # for the answer, which SQLite reads afterwards (forum.checkin.writes._entry_statement)
    assert len(statements) <= (2 if ON_POSTGRES else 3), statements


def test_an_exit_costs_two_statements(client, event, entrance, statements):
    code = badge(delegate(event, 1))
    _device, token = create_device_token("Exit phone", [entrance])
    door = entrance.id
    db.session.commit()
    post_scan(client, token, door, code)
    statements.clear()

    assert post_scan(client, token, door, code, direction="out")["status"] == "accepted"
    assert len(statements) <= 2, statements
