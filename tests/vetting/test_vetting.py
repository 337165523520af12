"""Security vetting: nobody is accredited before clearance, identity data is encrypted,
only security officers see it, every view and export is audited, it is purged on time."""

import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet
from flask_babel import force_locale

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges.services import BadgeError, badge_of, has_badge, print_one
from forum.checkin import decide, messages
from forum.checkin.models import Direction, ScanStatus
from forum.db import utcnow
from forum.extensions import db
from forum.registration import decisions
from forum.registration.models import RegistrationState
from forum.vetting import crypto, csvio, services
from forum.vetting.models import Vetting, VettingStatus
from tests import factories
from tests.checkin.conftest import badge
from tests.vetting.conftest import identity

S, V = RegistrationState, VettingStatus


def approved_delegate(event, **fields):
    user, registration = factories.create_delegate(event, **fields)
    return user, registration


def test_switching_vetting_on_holds_everyone_not_cleared(event):
    _user, approved = approved_delegate(event)
    pending = factories.create_registration(event)
    assert approved.is_accredited
    held = services.switch(event, True)
    db.session.commit()
    assert held == 2
    db.session.refresh(approved)
    assert approved.vetting_hold and not approved.is_accredited and approved.awaiting_clearance
    assert not has_badge(approved)
    # A registration made while vetting is on is held from the start.
    newcomer = factories.create_registration(event)
    assert newcomer.vetting_hold
    services.switch(event, False)
    db.session.refresh(approved)
    assert approved.is_accredited and not pending.vetting_hold


def test_approval_and_clearance_together_accredit_in_either_order(vetted_event, mailbox):
    event = vetted_event
    officer = factories.create_user(Role.OFFICER)
    security = factories.create_user(Role.SECURITY_OFFICER)
    first = factories.create_registration(event, email="first@example.org")
    second = factories.create_registration(event, email="second@example.org")
    # First: approved, then cleared.
    decisions.approve(first, officer)
    assert first.state is S.APPROVED and not first.is_accredited
    assert "security service still has to clear you" in mailbox.body(
        mailbox.to("first@example.org")[-1]
    )
    vetting = services.submit_identity(first, identity())
    services.answer(vetting, V.CLEARED, "", security)
    assert first.is_accredited
    assert "Download your badge" in mailbox.body(mailbox.to("first@example.org")[-1])
    # Second: cleared, then approved.
    services.answer(services.submit_identity(second, identity()), V.CLEARED, "", security)
    assert not second.is_accredited
    decisions.approve(second, officer)
    assert second.is_accredited
    # Both take a place of the forum's capacity as soon as they are approved.
    assert decisions.approved_count(event) == 2


def test_badges_and_the_door_refuse_not_cleared_with_a_plain_reason(app, vetted_event):
    user, registration = approved_delegate(vetted_event)
    registration.vetting_hold = True
    entrance = factories.create_checkpoint(vetted_event)
    db.session.commit()
    with pytest.raises(BadgeError, match="security service has cleared you"):
        badge_of(user, vetted_event)
    with pytest.raises(BadgeError, match="Not cleared by security vetting"):
        print_one(registration, io.BytesIO(), "a6")
    verdict = decide.decide(
        vetted_event, entrance, Direction.IN, utcnow(), code=badge(registration)
    )
    assert (verdict.status, verdict.reason) == (ScanStatus.REJECTED, decide.NOT_CLEARED)
    english = messages.message(decide.NOT_CLEARED, "in", verdict.registration)
    assert english == "Not cleared by security vetting: no entry. Send to the accreditation desk."
    with app.test_request_context(), force_locale("uk"):
        ukrainian = messages.message(decide.NOT_CLEARED, "in", verdict.registration)
    assert "перевірк" in ukrainian and "акредитац" in ukrainian
    # Exits are still recorded: nobody is kept in.
    out = decide.decide(vetted_event, entrance, Direction.OUT, utcnow(), code=badge(registration))
    assert out.status is ScanStatus.ACCEPTED


def test_the_door_api_answers_not_cleared(client, auth, vetted_event):
    _user, registration = approved_delegate(vetted_event)
    registration.vetting_hold = True
    entrance = factories.create_checkpoint(vetted_event)
    staff = factories.create_user(Role.STAFF)
    staff.checkpoints.append(entrance)
    db.session.commit()
    auth.sign_in(staff.email)
    answer = client.post(
        "/api/v1/scans",
        json={
            "code": badge(registration),
            "checkpoint": entrance.id,
            "direction": "in",
            "nonce": "n" * 32,
        },
    ).get_json()
    assert answer["status"] == "rejected" and answer["reason"] == "not_cleared"
    assert answer["message"].startswith("Not cleared by security vetting")


def test_identity_data_is_unreadable_in_the_database(vetted_event):
    registration = factories.create_registration(vetted_event)
    services.submit_identity(registration, identity())
    services.answer(services.vetting_of(registration), V.REFUSED, "Listed by Interpol", None)
    db.session.commit()
    raw = db.session.execute(sa.text("SELECT identity, note FROM vettings")).one()
    for secret in ("DP123456", "KAMYSHYN", "1984-06-12", "Kyiv", "Interpol"):
        assert secret not in raw.identity and secret not in raw.note
    assert crypto.decrypt(raw.identity)["document_number"] == "DP123456"


def test_keys_rotate_without_losing_data(app, runner, vetted_event):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    app.config["IDENTITY_KEYS"] = [old]
    registration = factories.create_registration(vetted_event)
    services.submit_identity(registration, identity())
    db.session.commit()
    app.config["IDENTITY_KEYS"] = f"{new},{old}"  # the new key first, the old one still read
    result = runner.invoke(args=["vetting", "rotate-keys"])
    assert "1 people" in result.output, result.output
    app.config["IDENTITY_KEYS"] = [new]  # the old key dropped
    db.session.expire_all()
    assert services.vetting_of(registration).identity["document_number"] == "DP123456"
    app.config["IDENTITY_KEYS"] = [old]
    db.session.expire_all()
    with pytest.raises(crypto.IdentityKeyError):
        services.vetting_of(registration)  # rows are decrypted as they load


def test_production_refuses_identity_data_without_keys(app):
    app.config.update(ENV="production", IDENTITY_KEYS=None)
    with pytest.raises(crypto.IdentityKeyError, match="FORUM_IDENTITY_KEYS"):
        crypto.encrypt({"a": 1})


def test_wrong_identity_data_is_refused_field_by_field(vetted_event):
    registration = factories.create_registration(vetted_event)
    bad = identity(
        document_family_name="КАМИШИН",
        nationality="XX",
        document_expiry="2024-01-01",
        date_of_birth="31/12/1980",
    )
    with pytest.raises(services.IdentityProblems) as refused:
        services.submit_identity(registration, bad)
    assert set(refused.value.fields) == {
        "document_family_name",
        "nationality",
        "document_expiry",
        "date_of_birth",
    }
    assert services.vetting_of(registration) is None


def test_a_change_after_clearance_sends_the_person_back_to_vetting(vetted_event):
    _user, registration = approved_delegate(vetted_event)
    services.answer(services.submit_identity(registration, identity()), V.CLEARED, "", None)
    assert registration.is_accredited
    services.submit_identity(registration, identity())  # the same data: nothing changes
    assert registration.is_accredited
    services.submit_identity(registration, identity(document_number="DP999999"))
    assert services.status_of(registration) is V.AWAITING and not registration.is_accredited


def test_identity_data_is_asked_only_when_vetting_is_on(client, auth, event):
    user, registration = approved_delegate(event)
    db.session.commit()
    auth.sign_in(user.email)
    assert client.get("/my/identity").status_code == 404
    assert b"Security vetting" not in client.get("/my/registration").data
    with pytest.raises(services.VettingError):
        services.submit_identity(registration, identity())


def test_a_delegate_gives_identity_data_on_their_page(client, auth, vetted_event):
    user, registration = approved_delegate(vetted_event)
    registration.vetting_hold = True
    db.session.commit()
    auth.sign_in(user.email)
    dashboard = client.get("/my/registration").data.decode()
    assert "Give my identity data" in dashboard and "awaiting security clearance" in dashboard
    page = client.post("/my/identity", data=identity(document_expiry="2020-01-01"))
    assert page.status_code == 200 and b"expires before the forum" in page.data
    response = client.post("/my/identity", data=identity())
    assert response.status_code == 302
    assert services.status_of(registration) is V.AWAITING
    assert client.get("/my/badge.pdf").status_code == 403


def test_only_security_officers_see_identity_data(client, auth, vetted_event):
    registration = factories.create_registration(vetted_event)
    services.submit_identity(registration, identity())
    db.session.commit()
    for role in (Role.OFFICER, Role.ORGANISER, Role.STAFF):
        auth.as_role(role)
        assert client.get(f"/vetting/{registration.public_id}").status_code == 403
        assert client.get("/vetting/awaiting.csv").status_code == 403
        auth.sign_out()
    auth.as_role(Role.OFFICER)
    detail = client.get(f"/accreditation/{registration.id}").data.decode()
    assert "Vetting: Awaiting vetting" in detail and "DP123456" not in detail
    auth.sign_out()
    security = auth.as_role(Role.SECURITY_OFFICER)
    page = client.get(f"/vetting/{registration.public_id}").data.decode()
    assert "DP123456" in page and "KAMYSHYN" in page
    viewed = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "vetting.identity_viewed")
    ).all()
    assert [(e.actor_id, e.target_id) for e in viewed] == [(security.id, registration.id)]
    # Nothing else of the forum is theirs.
    for path in ("/accreditation/", "/delegations/", "/badges/", "/my/registration"):
        assert client.get(path).status_code == 403, path


def test_export_and_import_of_answers(client, auth, vetted_event, mailbox):
    officer = factories.create_user(Role.OFFICER)
    people = [
        factories.create_registration(vetted_event, email=f"p{n}@example.org") for n in range(3)
    ]
    for person in people:
        services.submit_identity(person, identity(document_number=f"DP00{person.id}"))
    decisions.approve(people[0], officer)
    db.session.commit()
    auth.as_role(Role.SECURITY_OFFICER)
    export = client.get("/vetting/awaiting.csv")
    assert export.status_code == 200 and export.headers["Cache-Control"] == "no-store"
    lines = export.data.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(csvio.EXPORT_COLUMNS) and len(lines) == 4
    assert db.session.scalar(
        sa.select(AuditEntry.details).where(AuditEntry.action == "vetting.exported")
    ) == {"count": 3}

    refs = [str(p.public_id) for p in people]
    bad = (
        "reference,decision,note\n"
        f"{refs[0]},cleared,\n"
        f"{refs[1]},maybe,\n"
        "not-a-reference,refused,\n"
        f"{refs[0]},refused,\n"
    )
    page = client.post(
        "/vetting/import",
        data={"file": (io.BytesIO(bad.encode()), "answers.csv")},
        content_type="multipart/form-data",
    ).data.decode()
    assert "Nothing was imported" in page
    assert "Line 3:" in page and "Line 4:" in page and "Line 5:" in page and "Line 2:" not in page
    assert services.status_of(people[0]) is V.AWAITING

    good = (
        "reference,decision,note\n"
        f"{refs[0]},cleared,\n"
        f"{refs[1]},Refused,Document reported stolen\n"
        f"{refs[2]},more information,Place of birth missing\n"
    )
    response = client.post(
        "/vetting/import",
        data={"file": (io.BytesIO(good.encode()), "answers.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [services.status_of(p) for p in people] == [V.CLEARED, V.REFUSED, V.MORE_INFORMATION]
    assert people[0].is_accredited  # approved before, cleared now: mailed the badge
    assert "Download your badge" in mailbox.body(mailbox.to("p0@example.org")[-1])


def test_identity_data_is_purged_after_the_retention(runner, event):
    event.starts_on = event.ends_on = date.today() - timedelta(days=31)
    services.switch(event, True, retention_days=30)
    registration = factories.create_registration(event)
    services.submit_identity(registration, identity(document_expiry="2099-01-01"))
    db.session.commit()
    assert services.purge_due(date.today() - timedelta(days=1)) == 0  # not due yet the day before
    result = runner.invoke(args=["purge", "--before", "2000-01-01"])
    assert "identity data of 1 people" in result.output, result.output
    db.session.expire_all()
    vetting = db.session.scalar(sa.select(Vetting))
    assert vetting.identity is None and vetting.purged_at is not None
    raw = db.session.execute(sa.text("SELECT identity FROM vettings")).scalar()
    assert raw is None


def test_officers_read_approved_but_not_cleared(client, auth, vetted_event):
    registration = factories.create_registration(vetted_event, state=S.APPROVED)
    registration.vetting_hold = True
    db.session.commit()
    auth.as_role(Role.OFFICER)
    listed = client.get("/accreditation/?state=approved").get_data(as_text=True)
    detail = client.get(f"/accreditation/{registration.id}").get_data(as_text=True)
    for page in (listed, detail):
        assert "Approved: awaiting security clearance" in page
