"""The scan path's per-process cache of device tokens, and what is never cached."""

import uuid

import sqlalchemy as sa

from forum.checkin import devices
from forum.checkin.devices import create_device_token
from forum.checkin.models import Checkpoint, DeviceToken
from forum.db import utcnow
from forum.extensions import db
from tests.checkin.conftest import badge


def scan(client, token, checkpoint, registration):
    return client.post(
        "/api/v1/scans",
        json={
            "code": badge(registration),
            "checkpoint": checkpoint.id,
            "direction": "in",
            "nonce": uuid.uuid4().hex,
        },
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_token_revoked_by_another_process_is_refused_once_the_cache_expires(
    client, event, entrance, approved, monkeypatch
):
    _device, token = create_device_token("Door 1", [entrance])
    db.session.commit()
    assert scan(client, token, entrance, approved).status_code == 200
    # Another server process (or the CLI) revokes it: this process does not hear of it.
    db.session.execute(sa.update(DeviceToken).values(revoked_at=utcnow()))
    db.session.commit()
    monkeypatch.setattr(devices, "BEARER_CACHE_SECONDS", 0.0)  # the 5 s have passed
    refused = scan(client, token, entrance, approved)
    assert refused.status_code == 401
    assert refused.get_json()["message"] == "This device token is unknown or was revoked."


def test_a_closed_checkpoint_is_refused_at_once_even_for_a_cached_token(
    client, event, entrance, approved
):
    _device, token = create_device_token("Door 1", [entrance])
    db.session.commit()
    assert scan(client, token, entrance, approved).status_code == 200
    db.session.execute(sa.update(Checkpoint).values(active=False))
    db.session.commit()
    refused = scan(client, token, entrance, approved)
    assert refused.status_code == 403
    assert refused.get_json()["message"] == "You may not scan at this checkpoint."
