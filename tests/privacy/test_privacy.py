"""A delegate's data download, erasure on request, and the retention purge."""

import base64
import json
import uuid
from datetime import date

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.audit.services import record
from forum.auth.models import Role, User
from forum.checkin.models import Direction, Scan, ScanStatus
from forum.extensions import db
from forum.privacy.models import ErasureRequest, ErasureState
from forum.privacy.services import (
    confirm_erasure,
    is_anonymised,
    purge_before,
    request_erasure,
)
from forum.programme.models import SpeakerRole
from forum.programme.speakers import assign_speaker, remove_assignment, update_assignment
from forum.registration.models import Photo, Registration, RegistrationState
from forum.search.models import SearchTerm
from tests import factories


def full_delegate(event, **fields):
    """An accredited delegate with a photo, a sign-up, a scan and an audit entry about them."""
    user, registration = factories.create_delegate(
        event, given_name="Олена", family_name="Бондаренко", phone="+380441234567", **fields
    )
    registration.photo = Photo(data=b"\xff\xd8jpeg-bytes\xff\xd9", width=400, height=500)
    session = factories.create_session(event, title="Air and missile defence")
    factories.create_sign_up(session, registration)
    checkpoint = factories.create_checkpoint(event, name=f"Main entrance {registration.id}")
    db.session.add(
        Scan(
            nonce=uuid.uuid4().hex,
            checkpoint_id=checkpoint.id,
            registration_id=registration.id,
            direction=Direction.IN,
            status=ScanStatus.ACCEPTED,
        )
    )
    record("registration.approved", registration, actor=None, note="Олена Бондаренко approved")
    db.session.commit()
    return user, registration


def sign_in(client, user):
    assert (
        client.post(
            "/sign-in", data={"email": user.email, "password": factories.PASSWORD}
        ).status_code
        == 302
    )


def test_a_delegate_downloads_everything_held_about_them(client, event):
    user, registration = full_delegate(event)
    other_user, other = full_delegate(event)
    sign_in(client, user)
    response = client.get("/my/data.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["account"]["email"] == user.email
    [mine] = data["registrations"]
    assert mine["given_name"] == "Олена" and mine["family_name"] == "Бондаренко"
    assert mine["phone"] == "+380441234567"
    assert mine["state"] == "approved"
    assert base64.b64decode(mine["photo"]["data_base64"]) == b"\xff\xd8jpeg-bytes\xff\xd9"
    assert [s["session"] for s in mine["sign_ups"]] == ["Air and missile defence"]
    assert [s["checkpoint"] for s in mine["scans"]] == [f"Main entrance {registration.id}"]
    assert any(e["action"] == "registration.approved" for e in data["audit_entries"])
    # Nothing about the other delegate.
    assert other.email not in response.get_data(as_text=True)
    assert str(other.public_id) not in response.get_data(as_text=True)
    # The download itself is logged.
    assert db.session.scalar(
        sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "privacy.data_exported")
    )


def test_only_delegates_download_their_data(client, auth, event):
    assert client.get("/my/data.json").status_code == 302
    auth.as_role(Role.OFFICER)
    assert client.get("/my/data.json").status_code == 403


def test_erasure_needs_the_box_ticked_then_an_organiser_confirms(client, auth, event):
    user, registration = full_delegate(event)
    sign_in(client, user)
    page = client.get("/my/data")
    assert b"Ask for erasure" in page.data
    refused = client.post("/my/data/erasure", data={"reason": "No longer attending"})
    assert refused.status_code == 400
    assert b"Please tick the box" in refused.data
    assert db.session.scalar(sa.select(sa.func.count(ErasureRequest.id))) == 0

    client.post("/my/data/erasure", data={"reason": "No longer attending", "confirm": "y"})
    [request] = db.session.scalars(sa.select(ErasureRequest)).all()
    assert request.state is ErasureState.REQUESTED
    assert b"waiting for an organiser" in client.get("/my/data").data
    # Asking twice makes no second request.
    client.post("/my/data/erasure", data={"confirm": "y"})
    assert db.session.scalar(sa.select(sa.func.count(ErasureRequest.id))) == 1
    client.post("/sign-out")

    # Officers cannot decide; organisers can.
    auth.as_role(Role.OFFICER)
    assert client.post(f"/organise/erasure-requests/{request.id}/confirm").status_code == 403
    client.post("/sign-out")
    auth.as_role(Role.ORGANISER)
    listing = client.get("/organise/erasure-requests")
    assert "Бондаренко" in listing.get_data(as_text=True)
    assert client.post(f"/organise/erasure-requests/{request.id}/confirm").status_code == 302

    db.session.expire_all()
    registration = db.session.get(Registration, registration.id)
    assert is_anonymised(registration)
    assert registration.state is RegistrationState.WITHDRAWN
    assert "Бондаренко" not in json.dumps([registration.given_name, registration.family_name])
    terms = sa.select(SearchTerm.term).where(SearchTerm.registration_id == registration.id)
    assert not [term for term in db.session.scalars(terms) if term.startswith("bondarenk")]
    assert registration.phone == "" and registration.photo is None
    account = db.session.get(User, user.id)
    assert not account.active and account.email.endswith("erased.invalid")
    # Withdrawing released her seat in the working session; her door scans stay for the
    # attendance figures; the audit trail no longer names her.
    assert db.session.execute(sa.text("select count(*) from sign_ups")).scalar() == 0
    assert db.session.execute(sa.text("select count(*) from scans")).scalar() == 1
    details = db.session.execute(sa.text("select details from audit_log")).scalars().all()
    assert not any("Бондаренко" in json.dumps(d, ensure_ascii=False) for d in details if d)
    # She can no longer sign in.
    client.post("/sign-out")
    response = client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 200


def test_erasure_leaves_her_in_no_audit_entry_even_on_other_objects(client, auth, event):
    """Issue 13, finding 9: entries on a working session (speaker assignments) kept her name."""
    organiser = factories.create_user(Role.ORGANISER)
    user, registration = full_delegate(event)
    email = registration.email
    session = factories.create_session(event, title="Counter-drone panel")
    assignment, _warnings = assign_speaker(
        event, session, SpeakerRole.PANELLIST, 1, registration_id=registration.id
    )
    update_assignment(assignment, SpeakerRole.MODERATOR, 0)
    remove_assignment(assignment)
    record("registration.edited", registration, actor=user, fields=["phone"])
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    # While she is known, the audit log names her, read from her registration.
    page = client.get("/organise/audit/").get_data(as_text=True)
    assert "Олена Бондаренко" in page

    confirm_erasure(request_erasure(registration), organiser)
    db.session.commit()

    rows = db.session.execute(sa.text("select * from audit_log")).all()
    db.session.expire_all()
    stored = json.dumps(
        [[str(value) for value in row] for row in rows]
        + [entry.details for entry in db.session.scalars(sa.select(AuditEntry))],
        ensure_ascii=False,
    )
    for trace in ("Олена", "Бондаренко", email, "+380441234567"):
        assert trace not in stored
    page = client.get("/organise/audit/").get_data(as_text=True)
    assert "Бондаренко" not in page and email not in page
    assert "erased person" in page


def test_an_organiser_declines_with_a_reason(client, auth, event):
    _user, registration = full_delegate(event)
    request = request_erasure(registration, "")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    client.post(f"/organise/erasure-requests/{request.id}/decline", data={"note": ""})
    db.session.refresh(request)
    assert request.state is ErasureState.REQUESTED
    client.post(
        f"/organise/erasure-requests/{request.id}/decline",
        data={"note": "Security vetting records must be kept for 12 months."},
    )
    db.session.refresh(request)
    assert request.state is ErasureState.DECLINED
    assert not is_anonymised(registration)


def test_a_decided_request_cannot_be_confirmed_again(event):
    organiser = factories.create_user(Role.ORGANISER)
    _user, registration = full_delegate(event)
    request = request_erasure(registration)
    confirm_erasure(request, organiser)
    db.session.commit()
    import pytest

    from forum.privacy.services import ErasureError

    with pytest.raises(ErasureError):
        confirm_erasure(request, organiser)


def test_purge_anonymises_past_events_and_keeps_the_counts(runner, app):
    past = factories.create_event(starts_on=date(2023, 5, 6), ends_on=date(2023, 5, 7))
    current = factories.create_event(starts_on=date(2024, 5, 6), ends_on=date(2024, 5, 6))
    for state in (
        RegistrationState.APPROVED,
        RegistrationState.APPROVED,
        RegistrationState.REJECTED,
    ):
        full_delegate(past, state=state)
    _u, keep = full_delegate(current)

    dry = runner.invoke(args=["purge", "--before", "2024-01-01", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would anonymise 3 registrations" in dry.output
    db.session.expire_all()
    assert not any(is_anonymised(r) for r in db.session.scalars(sa.select(Registration)))

    result = runner.invoke(args=["purge", "--before", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert "Anonymised 3 registrations" in result.output
    db.session.expire_all()
    purged = db.session.scalars(
        sa.select(Registration).where(Registration.event_id == past.id)
    ).all()
    assert len(purged) == 3 and all(is_anonymised(r) for r in purged)
    # The statistics survive: states, categories, countries, sign-ups, scans.
    assert sorted(r.state.value for r in purged) == ["approved", "approved", "rejected"]
    assert all(r.country == "BE" for r in purged)
    assert not is_anonymised(db.session.get(Registration, keep.id))
    # Again: nothing left to do.
    again = runner.invoke(args=["purge", "--before", "2024-01-01"])
    assert "Anonymised 0 registrations" in again.output
    assert purge_before(date(2024, 1, 1)).registrations == 0


def test_purge_needs_a_valid_date(runner, app):
    result = runner.invoke(args=["purge", "--before", "06/05/2024"])
    assert result.exit_code != 0
