"""The scanner page, the dashboard, the export, device tokens (page and CLI) and offline use."""

import csv
import io
import re
import uuid
from datetime import timedelta

import pytest

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges.tokens import token_digest
from forum.checkin.devices import hash_token
from forum.checkin.models import DeviceToken, Scan
from forum.db import utcnow
from forum.extensions import db
from forum.programme.models import SpeakerAssignment, SpeakerRole
from forum.registration.models import BadgeCategory, RegistrationState
from tests import factories
from tests.checkin.conftest import badge, scan


def test_door_staff_see_the_scanner_with_their_doors_only(client, auth, event, entrance):
    factories.create_checkpoint(event, name="Side door")
    user = factories.create_user(Role.STAFF)
    user.checkpoints.append(entrance)
    db.session.commit()
    auth.sign_in(user.email)
    page = client.get("/scanner/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Venue entrance" in html and "Side door" not in html
    assert "<script>" not in html and "style=" not in html
    # A screen of its own: no site header or navigation, the door in the bar at the top.
    assert 'class="site-header"' not in html and 'class="main-nav"' not in html
    assert 'class="scanner-bar"' in html and "<h1" in html
    assert client.get("/attendance").status_code == 403
    assert client.get("/scanner/devices").status_code == 403


def test_staff_without_a_door_are_told_so(client, auth, event, entrance):
    auth.as_role(Role.STAFF)
    html = client.get("/scanner/").get_data(as_text=True)
    assert "You have no checkpoint to scan at yet" in html


@pytest.mark.parametrize("role", [Role.DELEGATE, Role.OFFICER])
def test_others_may_not_open_the_scanner(client, auth, event, role):
    auth.as_role(role)
    assert client.get("/scanner/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, event):
    assert client.get("/scanner/").status_code == 302
    assert client.get("/attendance").status_code == 302


def test_the_service_worker_and_manifest_are_served_under_the_scanner(client, auth, event):
    auth.as_role(Role.STAFF)
    worker = client.get("/scanner/sw.js")
    assert worker.status_code == 200
    assert worker.mimetype == "text/javascript"
    assert worker.headers["Service-Worker-Allowed"] == "/scanner/"
    assert '"/static/js/scanner.js"' in worker.get_data(as_text=True)
    manifest = client.get("/scanner/manifest.webmanifest").get_json()
    assert manifest["start_url"] == "/scanner/"
    assert manifest["display"] == "standalone"


def test_the_offline_list_holds_only_whom_the_door_admits_and_what_it_shows(
    client, auth, event, room_door, approved
):
    # Issue 13, finding 4: a room door's list carried every accredited delegate (and the
    # state of everyone else).
    pending = factories.create_registration(event, state=RegistrationState.PENDING)
    factories.create_sign_up(room_door.session, pending)
    signed_up = factories.create_registration(
        event, given_name="Ludivine", family_name="Dedonder", state=RegistrationState.APPROVED
    )
    factories.create_sign_up(room_door.session, signed_up)
    speaker = factories.create_registration(event, state=RegistrationState.APPROVED)
    db.session.add(
        SpeakerAssignment(
            session_id=room_door.session_id, registration_id=speaker.id, role=SpeakerRole.PANELLIST
        )
    )
    crew = factories.create_registration(
        event, state=RegistrationState.APPROVED, category=BadgeCategory.STAFF
    )
    factories.create_registration(event, state=RegistrationState.SUBMITTED)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.get(f"/api/v1/checkpoints/{room_door.id}/offline-list")
    assert response.headers["Cache-Control"] == "no-store"
    badges = response.get_json()["badges"]
    # Signed up, speaking, or of a category that passes every room: nobody else.
    assert set(badges) == {token_digest(badge(r)) for r in (signed_up, speaker, crew)}
    assert badges[token_digest(badge(signed_up))] == {
        "registration": str(signed_up.public_id),
        "name": "Ludivine Dedonder",
        "passport_name": "",
        "organisation": "Ardennes Munitions SA",
        "category": "delegate",
        "attention": None,
        "answer": None,  # no question shown at the door in this event
    }
    text = response.get_data(as_text=True)
    assert badge(signed_up) not in text and "@" not in text
    assert approved.family_name not in text and pending.family_name not in text


def test_offline_scans_keep_their_time_and_double_entries_are_flagged(
    client, auth, event, entrance, approved
):
    side = factories.create_checkpoint(event, name="Side door")
    auth.as_role(Role.ORGANISER)
    earlier = utcnow() - timedelta(minutes=20)
    for door, minutes in ((entrance, 0), (side, 5)):
        answer = client.post(
            "/api/v1/scans",
            json={
                "code": badge(approved),
                "checkpoint": door.id,
                "direction": "in",
                "nonce": uuid.uuid4().hex,
                "scanned_at": (earlier + timedelta(minutes=minutes)).isoformat(),
                "offline": True,
            },
        ).get_json()
    assert answer["reason"] == "already_inside"
    assert answer["flagged"] is True
    rows = db.session.scalars(db.select(Scan).order_by(Scan.id)).all()
    assert [(r.offline, r.flagged) for r in rows] == [(True, False), (True, True)]
    assert abs(rows[0].scanned_at - earlier) < timedelta(seconds=1)
    assert rows[0].received_at - rows[0].scanned_at > timedelta(minutes=19)
    flagged = client.get("/attendance.json").get_json()["flagged"]
    assert [f["checkpoint"] for f in flagged] == ["Side door"]


def test_an_offline_entry_followed_by_a_live_one_is_flagged(event, entrance, approved):
    from forum.checkin.models import Direction  # noqa: F401

    live = scan(event, entrance, badge(approved))
    assert live.colour == "green"
    late = scan(
        event,
        entrance,
        badge(approved),
        scanned_at=utcnow() - timedelta(minutes=10),
        offline=True,
    )
    assert late.scan.status.value == "accepted"
    assert late.scan.flagged is True


def test_the_attendance_figures(client, auth, event, entrance, room_door, approved):
    factories.create_sign_up(room_door.session, approved)
    factories.create_registration(event, state=RegistrationState.APPROVED)
    scan(event, entrance, badge(approved))
    scan(event, room_door, badge(approved))
    scan(event, entrance, "garbage")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    assert client.get("/attendance").status_code == 200
    data = client.get("/attendance.json").get_json()
    assert data["accredited"] == 2
    assert data["checked_in"] == 1
    assert data["inside_venue"] == 1
    rows = {c["name"]: c for c in data["checkpoints"]}
    assert rows["Room Spaak 11:00"]["inside"] == 1
    assert rows["Room Spaak 11:00"]["capacity"] == 40
    assert data["refusals"] == [{"reason": "malformed", "label": "Unreadable code", "count": 1}]
    assert sum(m["accepted"] for m in data["per_minute"]) == 2
    assert len(data["latest"]) == 3


def test_the_scan_log_csv_is_excel_safe(client, auth, event, entrance):
    person = factories.create_registration(
        event,
        given_name='=HYPERLINK("x")',
        family_name="Камишин",
        state=RegistrationState.APPROVED,
    )
    scan(event, entrance, badge(person))
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.get("/attendance/scans.csv")
    assert response.mimetype == "text/csv"
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Scanned at", "Received at", "Checkpoint", "Direction"]
    assert rows[1][6] == '\'=HYPERLINK("x") Камишин'
    assert rows[1][4] == "Accepted"


def test_the_scan_log_export_is_audited(client, auth, event, entrance):
    # Issue 13, finding 16: who took the whole scan log, and when, was not recorded.
    organiser = auth.as_role(Role.ORGANISER)
    assert client.get("/attendance/scans.csv").status_code == 200
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "scans.export"))
    assert entry is not None
    assert entry.actor_id == organiser.id
    assert utcnow() - entry.created_at < timedelta(minutes=1)


def test_signing_out_clears_what_the_browser_kept(client, auth, event, entrance):
    # Issue 13, finding 4: a door phone kept the offline lists (IndexedDB) and cached
    # answers after sign-out.
    auth.as_role(Role.STAFF)
    response = auth.sign_out()
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_organisers_make_and_revoke_device_tokens(client, auth, event, entrance):
    auth.as_role(Role.ORGANISER)
    empty = client.post("/scanner/devices", data={"name": "Phone"})
    assert "Choose at least one checkpoint." in empty.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(DeviceToken)) == 0
    response = client.post(
        "/scanner/devices", data={"name": "Entrance phone 3", "checkpoints": [entrance.id]}
    )
    assert response.headers["Cache-Control"] == "no-store"
    token = re.search(r'id="new-token">([^<]+)<', response.get_data(as_text=True)).group(1)
    device = db.session.scalar(db.select(DeviceToken))
    assert device.token_hash == hash_token(token)
    assert [c.id for c in device.checkpoints] == [entrance.id]
    listing = client.get("/scanner/devices").get_data(as_text=True)
    assert token not in listing and "Entrance phone 3" in listing

    client.post(f"/scanner/devices/{device.id}/revoke")
    assert db.session.get(DeviceToken, device.id).revoked_at is not None
    headers = {"Authorization": f"Bearer {token}"}
    auth.sign_out()
    assert client.get("/api/v1/checkpoints", headers=headers).status_code == 401


def test_the_cli_prints_a_token_once(runner, event, entrance):
    result = runner.invoke(
        args=["create-device-token", "Kiosk A", "--checkpoint", str(entrance.id)]
    )
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("fdt_")
    device = db.session.scalar(db.select(DeviceToken))
    assert device.name == "Kiosk A"
    assert device.token_hash == hash_token(token)
    assert [c.id for c in device.checkpoints] == [entrance.id]


def test_the_cli_names_an_unknown_checkpoint(runner, event, entrance):
    result = runner.invoke(args=["create-device-token", "Kiosk B", "--checkpoint", "9999"])
    assert result.exit_code != 0
    assert "No checkpoint 9999" in result.output
    assert "Venue entrance" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(DeviceToken)) == 0
