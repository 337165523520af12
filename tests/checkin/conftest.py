"""Shared pieces of the check-in tests: an entrance, a room, badges and a scan helper."""

import uuid

import pytest

from forum.badges.tokens import issue_token
from forum.checkin import services
from forum.checkin.callers import Caller
from forum.checkin.models import Direction
from forum.checkin.payloads import ScanRequest
from forum.registration.models import RegistrationState
from tests import factories


@pytest.fixture
def entrance(event):
    return factories.create_checkpoint(event, name="Venue entrance")


@pytest.fixture
def room_door(event):
    room = factories.create_room(event, name="Room Spaak", capacity=40)
    session = factories.create_session(event, room_id=room.id, title="Electronic warfare")
    return factories.create_checkpoint(event, name="Room Spaak 11:00", session_id=session.id)


@pytest.fixture
def approved(event):
    return factories.create_registration(
        event,
        given_name="Олександр",
        family_name="Камишин",
        organisation="Ministry of Strategic Industries",
        country="UA",
        state=RegistrationState.APPROVED,
    )


ORGANISER_CALLER = Caller(user_id=None, device_token_id=None, checkpoint_ids=None)


def scan(event, checkpoint, code=None, direction="in", caller=ORGANISER_CALLER, **fields):
    """Record a scan through the service, as the API does; returns the answer."""
    now = fields.pop("now", None)
    request = ScanRequest(
        checkpoint_id=checkpoint.id,
        direction=Direction(direction),
        nonce=fields.pop("nonce", uuid.uuid4().hex),
        code=code,
        **fields,
    )
    return services.record_scan(event, caller, checkpoint, request, now=now)


def badge(registration) -> str:
    return issue_token(registration)
