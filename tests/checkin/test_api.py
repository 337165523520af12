"""POST /api/v1/scans and friends: status codes, payload shape, credentials and retries."""

import io
import re
import uuid
from datetime import timedelta

import pytest

from forum.auth.models import Role
from forum.checkin.devices import create_device_token, revoke_device_token
from forum.checkin.models import Scan
from forum.db import utcnow
from forum.extensions import db
from forum.ops.logging import redact
from forum.registration.models import Photo, RegistrationState
from tests import factories
from tests.checkin.conftest import badge


def body(checkpoint, code, **fields):
    return {
        "code": code,
        "checkpoint": checkpoint.id,
        "direction": "in",
        "nonce": uuid.uuid4().hex,
        **fields,
    }


def door_staff(auth, *checkpoints):
    user = factories.create_user(Role.STAFF)
    user.checkpoints.extend(checkpoints)
    db.session.commit()
    auth.sign_in(user.email)
    return user


def scan_count():
    return db.session.scalar(db.select(db.func.count()).select_from(Scan))


def test_door_staff_scan_an_accredited_badge(client, auth, event, entrance, approved):
    door_staff(auth, entrance)
    response = client.post("/api/v1/scans", json=body(entrance, badge(approved)))
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["status"] == "accepted"
    assert answer["colour"] == "green"
    assert answer["reason"] == ""
    assert answer["message"] == "Entry recorded."
    assert answer["delegate"] == {
        "name": "Олександр Камишин",
        "passport_name": "Oleksandr Kamyshyn",
        "organisation": "Ministry of Strategic Industries",
        "country": "UA",
        "country_name": "Ukraine",
        "category": "delegate",
        "category_label": "Delegate",
        "category_colour": "#1f4e9c",
        "state": "approved",
        "state_label": "Accredited",
        "photo_url": None,
        "attention": None,
        "answer": None,  # no question of the registration form is shown at the door
    }
    assert answer["checkpoint"] == {"id": entrance.id, "name": "Venue entrance"}
    assert answer["first_scan_at"].endswith("Z")
    assert scan_count() == 1


def test_refusals_are_answered_200_and_recorded(client, auth, event, entrance):
    door_staff(auth, entrance)
    answer = client.post("/api/v1/scans", json=body(entrance, "SOMETHING ELSE")).get_json()
    assert (answer["status"], answer["reason"], answer["colour"]) == (
        "rejected",
        "malformed",
        "red",
    )
    assert answer["delegate"] is None
    assert answer["message"] == "Unreadable code: this is not a forum badge."
    assert scan_count() == 1


def test_malformed_json_is_a_400_with_a_clear_error(client, auth, event, entrance):
    door_staff(auth, entrance)
    response = client.post(
        "/api/v1/scans", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "bad_request",
        "message": "The request body must be JSON.",
    }
    assert scan_count() == 0


def test_deeply_nested_json_is_a_400_not_a_crash(client, auth, event, entrance):
    # Issue 13, finding 7: 5,000 levels made the JSON parser raise RecursionError (500).
    door_staff(auth, entrance)
    nested = "[" * 5000 + "]" * 5000
    response = client.post(
        "/api/v1/scans", data=nested, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "bad_request",
        "message": "The request body must be JSON.",
    }
    assert scan_count() == 0


def test_missing_fields_are_named(client, auth, event, entrance):
    door_staff(auth, entrance)
    response = client.post("/api/v1/scans", json={"code": "X", "direction": "sideways"})
    assert response.status_code == 400
    answer = response.get_json()
    assert answer["message"] == "The scan is incomplete or invalid."
    assert set(answer["fields"]) == {"checkpoint", "direction", "nonce"}
    assert answer["fields"]["direction"] == 'The direction must be "in" or "out".'
    assert client.post("/api/v1/scans", json=[1, 2]).status_code == 400
    assert scan_count() == 0


def test_without_credentials_401(client, event, entrance, approved):
    response = client.post("/api/v1/scans", json=body(entrance, badge(approved)))
    assert response.status_code == 401
    assert response.get_json()["error"] == "unauthorized"
    assert client.get("/api/v1/checkpoints").status_code == 401
    assert scan_count() == 0


@pytest.mark.parametrize("role", [Role.DELEGATE, Role.OFFICER])
def test_delegates_and_officers_may_not_scan(client, auth, event, entrance, approved, role):
    auth.as_role(role)
    response = client.post("/api/v1/scans", json=body(entrance, badge(approved)))
    assert response.status_code == 403
    assert client.get("/api/v1/search?q=kam").status_code == 403
    assert scan_count() == 0


def test_staff_not_assigned_to_the_checkpoint_get_403(client, auth, event, entrance, approved):
    other_door = factories.create_checkpoint(event, name="Side door")
    door_staff(auth, other_door)
    response = client.post("/api/v1/scans", json=body(entrance, badge(approved)))
    assert response.status_code == 403
    assert response.get_json()["message"] == "You may not scan at this checkpoint."
    listed = client.get("/api/v1/checkpoints").get_json()["checkpoints"]
    assert [c["name"] for c in listed] == ["Side door"]
    assert client.get(f"/api/v1/checkpoints/{entrance.id}/stats").status_code == 403
    assert client.get(f"/api/v1/checkpoints/{entrance.id}/offline-list").status_code == 403
    assert scan_count() == 0


def test_an_unknown_checkpoint_is_404(client, auth, event, entrance, approved):
    auth.as_role(Role.ORGANISER)
    payload = {**body(entrance, badge(approved)), "checkpoint": 99999}
    assert client.post("/api/v1/scans", json=payload).status_code == 404


def test_the_same_nonce_is_recorded_once_and_gets_the_first_answer(
    client, auth, event, entrance, approved
):
    door_staff(auth, entrance)
    payload = body(entrance, badge(approved))
    first = client.post("/api/v1/scans", json=payload).get_json()
    again = client.post("/api/v1/scans", json=payload).get_json()
    assert first["status"] == again["status"] == "accepted"
    assert again["replayed"] is True
    assert {k: v for k, v in again.items() if k != "replayed"} == {
        k: v for k, v in first.items() if k != "replayed"
    }
    assert scan_count() == 1
    # A new nonce is a new scan: the person is inside now.
    third = client.post("/api/v1/scans", json=body(entrance, badge(approved))).get_json()
    assert third["colour"] == "amber"
    assert scan_count() == 2


def test_a_nonce_reused_at_another_checkpoint_is_409(client, auth, event, entrance, approved):
    side = factories.create_checkpoint(event, name="Side door")
    door_staff(auth, entrance, side)
    payload = body(entrance, badge(approved))
    client.post("/api/v1/scans", json=payload)
    response = client.post("/api/v1/scans", json={**payload, "checkpoint": side.id})
    assert response.status_code == 409
    assert scan_count() == 1


@pytest.mark.parametrize(
    "change",
    [{"direction": "out"}, {"code": "another badge"}],
    ids=["another direction", "another badge"],
)
def test_a_used_nonce_with_another_request_is_409(client, auth, event, entrance, approved, change):
    # Issue 13, finding 14: the same nonce with another badge or direction got the first
    # scan's green answer.
    door_staff(auth, entrance)
    payload = body(entrance, badge(approved))
    assert client.post("/api/v1/scans", json=payload).get_json()["colour"] == "green"
    response = client.post("/api/v1/scans", json={**payload, **change})
    assert response.status_code == 409
    assert response.get_json() == {
        "error": "conflict",
        "message": "This nonce was already used for a different scan: send a new nonce.",
    }
    # The same request again is a retry (the offline queue): the first answer, replayed.
    again = client.post("/api/v1/scans", json=payload)
    assert again.status_code == 200
    assert again.get_json()["replayed"] is True
    assert scan_count() == 1


def test_a_used_nonce_with_another_person_picked_by_name_is_409(
    client, auth, event, entrance, approved
):
    other = factories.create_registration(event, state=RegistrationState.APPROVED)
    door_staff(auth, entrance)
    payload = {
        "registration": str(approved.public_id),
        "checkpoint": entrance.id,
        "direction": "in",
        "nonce": uuid.uuid4().hex,
    }
    assert client.post("/api/v1/scans", json=payload).status_code == 200
    swapped = {**payload, "registration": str(other.public_id)}
    assert client.post("/api/v1/scans", json=swapped).status_code == 409
    assert client.post("/api/v1/scans", json=payload).get_json()["replayed"] is True


def test_session_requests_need_the_csrf_header(app, client, auth, event, entrance, approved):
    door_staff(auth, entrance)
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/scanner/").get_data(as_text=True)
    token = re.search(r'data-csrf="([^"]+)"', page).group(1)
    refused = client.post("/api/v1/scans", json=body(entrance, badge(approved)))
    assert refused.status_code == 400
    assert "expired" in refused.get_json()["message"]
    assert scan_count() == 0
    accepted = client.post(
        "/api/v1/scans", json=body(entrance, badge(approved)), headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 200
    assert accepted.get_json()["status"] == "accepted"


def test_a_device_token_scans_only_at_its_checkpoints(app, client, event, entrance, approved):
    side = factories.create_checkpoint(event, name="Side door")
    device, token = create_device_token("Phone 1", [entrance])
    db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = True  # bearer requests need no CSRF token
    headers = {"Authorization": f"Bearer {token}"}
    ok = client.post("/api/v1/scans", json=body(entrance, badge(approved)), headers=headers)
    assert ok.status_code == 200
    assert ok.get_json()["status"] == "accepted"
    assert ok.headers["Cache-Control"] == "no-store"  # a name, on a shared phone
    scan = db.session.scalar(db.select(Scan))
    assert (scan.device_token_id, scan.user_id) == (device.id, None)
    other = client.post("/api/v1/scans", json=body(side, badge(approved)), headers=headers)
    assert other.status_code == 403
    listed = client.get("/api/v1/checkpoints", headers=headers).get_json()["checkpoints"]
    assert [c["id"] for c in listed] == [entrance.id]

    revoke_device_token(device)
    db.session.commit()
    revoked = client.post("/api/v1/scans", json=body(entrance, badge(approved)), headers=headers)
    assert revoked.status_code == 401
    assert revoked.get_json()["message"] == "This device token is unknown or was revoked."
    wrong = {"Authorization": "Bearer fdt_not-a-real-token"}
    assert client.get("/api/v1/checkpoints", headers=wrong).status_code == 401
    assert client.get("/api/v1/checkpoints", headers={"Authorization": "Basic x"}).status_code == (
        401
    )
    assert scan_count() == 1


def test_only_the_hash_of_a_device_token_is_stored(event, entrance):
    device, token = create_device_token("Phone 2", [entrance])
    assert token.startswith("fdt_") and len(token) > 40
    assert token not in device.token_hash
    assert len(device.token_hash) == 64


def annul(client, nonce):
    return client.post(f"/api/v1/scans/{nonce}/annul")


def test_staff_annul_their_last_accepted_scan_within_two_minutes(
    client, auth, event, entrance, approved
):
    door_staff(auth, entrance)
    first = client.post("/api/v1/scans", json=body(entrance, badge(approved))).get_json()
    response = annul(client, first["nonce"])
    assert response.status_code == 200
    assert response.get_json()["annulled_at"]
    # Annulled: the person is not inside, the next scan is green again.
    again = client.post("/api/v1/scans", json=body(entrance, badge(approved))).get_json()
    assert again["colour"] == "green"
    assert annul(client, first["nonce"]).get_json()["message"] == (
        "This scan was already annulled."
    )


def test_annulling_after_two_minutes_is_refused(client, auth, event, entrance, approved):
    door_staff(auth, entrance)
    answer = client.post("/api/v1/scans", json=body(entrance, badge(approved))).get_json()
    scan = db.session.scalar(db.select(Scan).where(Scan.nonce == answer["nonce"]))
    scan.received_at = utcnow() - timedelta(minutes=2, seconds=5)
    db.session.commit()
    response = annul(client, answer["nonce"])
    assert response.status_code == 409
    assert response.get_json()["message"] == (
        "Too late: a scan can only be annulled within two minutes."
    )
    assert db.session.get(Scan, scan.id).annulled_at is None


def test_only_the_last_own_accepted_scan_can_be_annulled(client, auth, event, entrance):
    door_staff(auth, entrance)
    first_person = factories.create_registration(event, state=RegistrationState.APPROVED)
    second_person = factories.create_registration(event, state=RegistrationState.APPROVED)
    first = client.post("/api/v1/scans", json=body(entrance, badge(first_person))).get_json()
    client.post("/api/v1/scans", json=body(entrance, badge(second_person)))
    assert annul(client, first["nonce"]).status_code == 409
    refused = client.post("/api/v1/scans", json=body(entrance, "garbage")).get_json()
    assert annul(client, refused["nonce"]).get_json()["message"] == (
        "Only an accepted scan can be annulled."
    )
    # Someone else's scan is not yours to annul.
    auth.sign_out()
    door_staff(auth, entrance)
    assert annul(client, first["nonce"]).get_json()["message"] == (
        "You can only annul your own scans."
    )


def test_search_by_name_is_accent_insensitive_and_minimal(client, auth, event, entrance):
    door_staff(auth, entrance)
    factories.create_registration(
        event,
        given_name="Sébastien",
        family_name="Lecornu",
        organisation="Ministère des Armées",
        country="FR",
        state=RegistrationState.APPROVED,
    )
    factories.create_registration(event, given_name="Seb", family_name="Hidden", state="submitted")
    db.session.commit()
    short = client.get(f"/api/v1/search?q=se&checkpoint={entrance.id}")
    assert short.status_code == 400
    assert short.get_json()["message"] == "Type at least 3 letters of the name."
    results = client.get(f"/api/v1/search?q=SEBAST&checkpoint={entrance.id}").get_json()["results"]
    assert len(results) == 1
    found = results[0]
    assert found["name"] == "Sébastien Lecornu"
    assert found["allowed"] is True
    assert set(found) == {
        "name",
        "passport_name",
        "organisation",
        "country",
        "country_name",
        "category",
        "category_label",
        "category_colour",
        "state",
        "state_label",
        "photo_url",
        "attention",
        "registration",
        "allowed",
        "reason",
        "message",
    }
    # A confirmed search result is scanned by its reference, through the same rule.
    answer = client.post(
        "/api/v1/scans",
        json={
            "registration": found["registration"],
            "checkpoint": entrance.id,
            "direction": "in",
            "nonce": uuid.uuid4().hex,
        },
    ).get_json()
    assert answer["colour"] == "green"


NOT_ADMITTED = "Not admitted here: send to the accreditation desk."


def search(client, q, checkpoint=None, **headers):
    url = f"/api/v1/search?q={q}" + (f"&checkpoint={checkpoint.id}" if checkpoint else "")
    return client.get(url, headers=headers)


def test_door_search_needs_a_checkpoint_of_the_caller(client, auth, event, entrance, room_door):
    # Issue 13, finding 4: the search worked without a checkpoint, for staff with no
    # doors and for a device limited to one room.
    factories.create_registration(
        event, given_name="Sébastien", family_name="Lecornu", state=RegistrationState.APPROVED
    )
    _device, token = create_device_token("Room phone", [room_door])
    db.session.commit()
    bearer = {"Authorization": f"Bearer {token}"}
    missing = search(client, "lecornu", **bearer)
    assert missing.status_code == 400
    assert missing.get_json()["message"] == "Choose the checkpoint to search at."
    assert search(client, "lecornu", entrance, **bearer).status_code == 403
    assert search(client, "lecornu", room_door, **bearer).status_code == 200
    auth.as_role(Role.STAFF)  # no doors
    assert search(client, "lecornu").status_code == 400
    assert search(client, "lecornu", entrance).status_code == 403


def test_door_search_matches_names_and_organisation_never_email(client, auth, event, entrance):
    factories.create_registration(
        event,
        given_name="Ludivine",
        family_name="Dedonder",
        email="zelensky.office@example.org",
        organisation="Ministry of Defence",
        state=RegistrationState.APPROVED,
    )
    db.session.commit()
    door_staff(auth, entrance)
    assert search(client, "zelensky", entrance).get_json()["results"] == []
    assert search(client, "example.org", entrance).get_json()["results"] == []
    for q in ("dedonder", "ludivine", "ministry defence"):
        names = [r["name"] for r in search(client, q, entrance).get_json()["results"]]
        assert names == ["Ludivine Dedonder"], q


@pytest.mark.parametrize(
    "state",
    [RegistrationState.PENDING, RegistrationState.WITHDRAWN, RegistrationState.WAITLISTED],
)
def test_someone_who_may_not_pass_is_only_sent_to_the_desk(client, auth, event, entrance, state):
    person = factories.create_registration(
        event, given_name="Ihor", family_name="Pendyk", organisation="Secret Works", state=state
    )
    db.session.add(Photo(registration_id=person.id, data=b"\xff\xd8jpeg", width=1, height=1))
    db.session.commit()
    door_staff(auth, entrance)
    results = search(client, "pendyk", entrance).get_json()["results"]
    assert results == [{"name": "Ihor Pendyk", "allowed": False, "message": NOT_ADMITTED}]
    # Nor by the organisation alone: that would list who is pending in it.
    assert search(client, "secret works", entrance).get_json()["results"] == []


def test_at_a_room_door_those_not_signed_up_are_sent_to_the_desk(
    client, auth, event, room_door, approved
):
    door_staff(auth, room_door)
    results = search(client, "камишин", room_door).get_json()["results"]
    assert results == [{"name": approved.display_name, "allowed": False, "message": NOT_ADMITTED}]
    factories.create_sign_up(room_door.session, approved)
    db.session.commit()
    (found,) = search(client, "камишин", room_door).get_json()["results"]
    assert found["allowed"] is True
    assert found["organisation"] == "Ministry of Strategic Industries"


def test_photos_only_of_people_admitted_at_the_callers_doors(
    client, event, entrance, room_door, approved
):
    signed_up = factories.create_registration(event, state=RegistrationState.APPROVED)
    factories.create_sign_up(room_door.session, signed_up)
    pending = factories.create_registration(event, state=RegistrationState.PENDING)
    for person in (approved, signed_up, pending):
        db.session.add(Photo(registration_id=person.id, data=b"\xff\xd8jpeg", width=1, height=1))
    _room, room_token = create_device_token("Room phone", [room_door])
    _door, entrance_token = create_device_token("Entrance phone", [entrance])
    db.session.commit()

    def photo(person, token):
        url = f"/api/v1/registrations/{person.public_id}/photo"
        return client.get(url, headers={"Authorization": f"Bearer {token}"})

    shown = photo(signed_up, room_token)
    assert shown.status_code == 200
    assert shown.headers["Cache-Control"] == "no-store"  # finding 16
    assert photo(approved, room_token).status_code in (403, 404)  # not signed up
    assert photo(approved, entrance_token).status_code == 200
    assert photo(pending, entrance_token).status_code in (403, 404)


def test_door_search_queries_are_not_written_to_the_log(app, client, auth, event, entrance):
    # Issue 13, finding 16: the access log kept every name typed into the door search.
    [handler] = [h for h in app.logger.handlers if getattr(h, "forum_handler", False)]
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        door_staff(auth, entrance)
        assert search(client, "Lecornu", entrance).status_code == 200
    finally:
        handler.setStream(old)
    written = stream.getvalue()
    assert "GET /api/v1/search?[redacted] 200" in written
    assert "Lecornu" not in written
    # gunicorn's access line (the request line) goes through the same filter
    line = '10.0.0.1 "GET /api/v1/search?q=Lecornu&checkpoint=1 HTTP/1.1" 200'
    assert redact(line) == '10.0.0.1 "GET /api/v1/search?[redacted] HTTP/1.1" 200'
    raw = '10.0.0.1 "GET /api/v1/search?q=O\'Brien&checkpoint=1 HTTP/1.1" 200'
    assert redact(raw) == '10.0.0.1 "GET /api/v1/search?[redacted] HTTP/1.1" 200'


def test_the_photo_is_shown_to_door_staff_only(client, auth, event, entrance, approved):
    db.session.add(Photo(registration_id=approved.id, data=b"\xff\xd8jpeg", width=1, height=1))
    db.session.commit()
    url = f"/api/v1/registrations/{approved.public_id}/photo"
    assert client.get(url).status_code == 401
    door_staff(auth, entrance)
    answer = client.post("/api/v1/scans", json=body(entrance, badge(approved))).get_json()
    assert answer["delegate"]["photo_url"] == url
    photo = client.get(url)
    assert photo.status_code == 200
    assert photo.mimetype == "image/jpeg"
    auth.sign_out()
    auth.as_role(Role.DELEGATE)
    assert client.get(url).status_code == 403


def test_checkpoint_stats(client, auth, event, entrance, approved):
    door_staff(auth, entrance)
    client.post("/api/v1/scans", json=body(entrance, badge(approved)))
    client.post("/api/v1/scans", json=body(entrance, "garbage"))
    stats = client.get(f"/api/v1/checkpoints/{entrance.id}/stats").get_json()
    assert stats["inside"] == 1
    assert stats["capacity"] == event.delegate_capacity
    assert stats["accepted"] == 1
    assert stats["rejected"] == 1
    assert stats["scans_last_minute"] == 2
    assert stats["refusals"] == [{"reason": "malformed", "label": "Unreadable code", "count": 1}]


def test_the_openapi_document_describes_every_checkin_route(client, app):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) >= {
        "/scans",
        "/scans/{nonce}/annul",
        "/checkpoints",
        "/checkpoints/{checkpoint_id}/stats",
        "/checkpoints/{checkpoint_id}/offline-list",
        "/search",
        "/registrations/{public_id}/photo",
    }
    scan_post = document["paths"]["/scans"]["post"]
    assert set(scan_post["responses"]) == {"200", "400", "401", "403", "404", "409", "429"}


def test_out_of_range_ids_are_refused_cleanly(client, auth, event, entrance, approved):
    auth.as_role(Role.ORGANISER)
    huge = {**body(entrance, badge(approved)), "checkpoint": 10**25}
    assert client.post("/api/v1/scans", json=huge).status_code == 400
    assert client.get(f"/api/v1/checkpoints/{10**25}/stats").status_code == 404
    assert client.get(f"/api/v1/search?q=abc&checkpoint={10**25}").status_code == 404
    assert client.get("/api/v1/search?q=abc&checkpoint=").status_code == 400
    # JSON does not tell 1 from 1.0.
    as_float = {**body(entrance, badge(approved)), "checkpoint": float(entrance.id)}
    assert client.post("/api/v1/scans", json=as_float).get_json()["status"] == "accepted"
