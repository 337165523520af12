"""Pairing a door phone with a device token by a QR code (forum.checkin.pairing): a one-time,
short-lived code exchanged for a device session; revoking signs the phone out."""

import re
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.checkin import pairing
from forum.checkin.devices import create_device_token, revoke_device_token
from forum.checkin.models import DevicePairing, DeviceToken, Scan
from forum.db import utcnow
from forum.extensions import db
from tests import factories
from tests.checkin.conftest import badge


@pytest.fixture
def device(event, entrance):
    """The entrance phone's token (a side door exists that it may not use)."""
    factories.create_checkpoint(event, name="Side door")
    device, _token = create_device_token("Entrance phone 3", [entrance])
    db.session.commit()
    return device


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def pair_phone(client, code: str):
    """What the pairing page does with a code: POST it with the page's CSRF token."""
    token = csrf_of(client.get("/scanner/pair").get_data(as_text=True))
    return client.post("/scanner/pair", data={"code": code, "csrf_token": token})


def scan_body(checkpoint, code):
    return {"code": code, "checkpoint": checkpoint.id, "direction": "in", "nonce": uuid.uuid4().hex}


def test_the_device_page_shows_a_pairing_qr_code_and_the_token_to_copy(
    client, auth, event, entrance
):
    auth.as_role(Role.ORGANISER)
    response = client.post(
        "/scanner/devices", data={"name": "Entrance phone 3", "checkpoints": [entrance.id]}
    )
    html = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    qr = re.search(r'id="pairing-qr" src="data:image/svg\+xml;base64,[^"]+"', html)
    assert qr, "the QR code is drawn on the server, as an SVG image"
    link = re.search(r'data-link="([^"]+)"', html).group(1)
    assert re.fullmatch(r"http://[^/]+/scanner/pair#fdp_[A-Za-z0-9_-]{32}", link)
    token = re.search(r'id="new-token">([^<]+)<', html).group(1)
    assert token.startswith("fdt_") and token not in link  # the QR code is not the token
    assert 'id="copy-token"' in html and "js/devices.js" in html
    # Another phone later: a new code for the same token.
    device = db.session.scalar(sa.select(DeviceToken))
    again = client.post(f"/scanner/devices/{device.id}/pair").get_data(as_text=True)
    assert re.search(r'data-link="[^"]+#fdp_', again) and token not in again


def test_a_pairing_code_signs_the_phone_in_as_the_device_at_its_doors_only(
    client, event, entrance, approved, device
):
    code = pairing.start_pairing(device, None)
    db.session.commit()
    assert client.get("/scanner/").headers["Location"] == "/scanner/pair"
    response = pair_phone(client, code)
    assert response.status_code == 302 and response.headers["Location"] == "/scanner/"
    cookie = client.get_cookie(pairing.COOKIE_NAME)
    assert cookie is not None and cookie.http_only and cookie.value != code
    page = client.get("/scanner/").get_data(as_text=True)
    assert "This phone scans as Entrance phone 3." in page
    assert "Venue entrance" in page and "Side door" not in page

    token = re.search(r'data-csrf="([^"]+)"', page).group(1)
    answer = client.post(
        "/api/v1/scans", json=scan_body(entrance, badge(approved)), headers={"X-CSRFToken": token}
    )
    assert answer.status_code == 200 and answer.get_json()["status"] == "accepted"
    db.session.rollback()
    recorded = db.session.scalar(sa.select(Scan))
    assert (recorded.device_token_id, recorded.user_id) == (device.id, None)


def test_a_paired_phone_posts_with_the_csrf_token_only(
    app, client, event, entrance, approved, device
):
    app.config["WTF_CSRF_ENABLED"] = True  # as in production
    code = pairing.start_pairing(device, None)
    db.session.commit()
    pair_phone(client, code)
    forged = client.post("/api/v1/scans", json=scan_body(entrance, badge(approved)))
    assert forged.status_code == 400  # a cookie alone: another site could send it
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Scan)) == 0


def test_a_pairing_code_works_once_and_not_after_ten_minutes(client, event, device):
    code = pairing.start_pairing(device, None)
    db.session.commit()
    assert pair_phone(client, code).headers["Location"] == "/scanner/"
    other = client.application.test_client()
    again = pair_phone(other, code)
    assert again.headers["Location"] == "/scanner/pair"
    message = "This pairing code is not valid: it was used already, has expired or was mistyped."
    assert message in other.get("/scanner/pair").get_data(as_text=True)
    assert other.get_cookie(pairing.COOKIE_NAME) is None

    stale = pairing.start_pairing(device, None, now=utcnow() - timedelta(minutes=11))
    db.session.commit()
    with pytest.raises(pairing.PairingError):
        pairing.redeem(stale)
    db.session.rollback()
    with pytest.raises(pairing.PairingError):
        pairing.redeem("fdp_" + "x" * 32)


def test_revoking_the_token_signs_the_phone_out_on_its_next_request(
    client, event, entrance, approved, device
):
    code = pairing.start_pairing(device, None)
    db.session.commit()
    pair_phone(client, code)
    page = client.get("/scanner/").get_data(as_text=True)
    token = re.search(r'data-csrf="([^"]+)"', page).group(1)

    revoke_device_token(db.session.get(DeviceToken, device.id))
    db.session.commit()
    refused = client.post(
        "/api/v1/scans", json=scan_body(entrance, badge(approved)), headers={"X-CSRFToken": token}
    )
    assert refused.status_code == 401
    assert refused.get_json()["message"] == (
        "This phone was signed out: its device token was revoked or its session ended."
    )
    assert refused.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get_cookie(pairing.COOKIE_NAME) is None  # the answer deleted it
    assert client.get("/scanner/").headers["Location"] == "/scanner/pair"
    with pytest.raises(pairing.PairingError):
        pairing.start_pairing(db.session.get(DeviceToken, device.id), None)


def test_the_scanner_page_of_a_revoked_phone_says_why(client, event, device):
    code = pairing.start_pairing(device, None)
    db.session.commit()
    pair_phone(client, code)
    revoke_device_token(db.session.get(DeviceToken, device.id))
    db.session.commit()
    response = client.get("/scanner/")
    assert response.headers["Location"] == "/scanner/pair"
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    page = client.get("/scanner/pair").get_data(as_text=True)
    assert "This phone was signed out: its device token was revoked" in page


def test_a_phone_signs_itself_out(client, event, device):
    code = pairing.start_pairing(device, None)
    db.session.commit()
    pair_phone(client, code)
    page = client.get("/scanner/").get_data(as_text=True)
    response = client.post("/scanner/device/sign-out", data={"csrf_token": csrf_of(page)})
    assert response.headers["Location"] == "/scanner/pair"
    assert client.get_cookie(pairing.COOKIE_NAME) is None
    db.session.rollback()
    assert db.session.scalar(sa.select(DevicePairing.ended_at)) is not None


def test_the_token_itself_pairs_too_and_every_pairing_is_audited(client, event, device):
    _other, token = create_device_token("Kiosk", device.checkpoints)
    db.session.commit()
    assert pair_phone(client, token).headers["Location"] == "/scanner/"
    assert "This phone scans as Kiosk." in client.get("/scanner/").get_data(as_text=True)
    db.session.rollback()
    actions = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert "device_token.paired" in actions


def test_pairing_signs_a_staff_member_out_of_this_browser(client, auth, event, device):
    auth.as_role(Role.STAFF)
    code = pairing.start_pairing(device, None)
    db.session.commit()
    html = client.get("/scanner/pair").get_data(as_text=True)
    assert "pairing signs you out" in html
    client.post("/scanner/pair", data={"code": code, "csrf_token": csrf_of(html)})
    assert "This phone scans as Entrance phone 3." in client.get("/scanner/").get_data(as_text=True)
    assert client.get("/attendance").status_code == 302  # no longer signed in as staff


def test_only_organisers_make_pairing_codes(client, auth, event, device):
    auth.as_role(Role.STAFF)
    assert client.post(f"/scanner/devices/{device.id}/pair").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DevicePairing)) == 0
