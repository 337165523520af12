"""A person's identity data in their own data download, and gone with their erasure."""

import json
from datetime import date

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.extensions import db
from forum.privacy.services import confirm_erasure, purge_before, request_erasure
from forum.vetting import services
from forum.vetting.models import Vetting, VettingStatus
from tests import factories
from tests.vetting.conftest import identity


def download(client, user) -> dict:
    client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    response = client.get("/my/data.json")
    assert response.status_code == 200
    client.post("/sign-out")
    return json.loads(response.data)


def test_the_download_holds_the_persons_own_identity_data_decrypted(client, vetted_event):
    user, registration = factories.create_delegate(vetted_event)
    other_user, other = factories.create_delegate(vetted_event)
    services.submit_identity(registration, identity())
    services.submit_identity(other, identity(document_number="ZZ998877"))
    security = factories.create_user(Role.SECURITY_OFFICER)
    services.answer(
        services.vetting_of(registration), VettingStatus.CLEARED, "Seen by MI", security
    )
    db.session.commit()

    [mine] = download(client, user)["registrations"]
    vetting = mine["security_vetting"]
    assert vetting["status"] == "cleared"
    assert vetting["identity"] == identity()
    assert vetting["submitted_at"] and vetting["answered_at"]
    text = json.dumps(mine, ensure_ascii=False)
    assert "Seen by MI" not in text  # the security service's note is not the person's
    assert "ZZ998877" not in text  # nor anyone else's data
    exported = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "vetting.identity_exported")
    ).all()
    assert [(e.actor_id, e.target_id) for e in exported] == [(user.id, registration.id)]


def test_a_person_who_gave_no_identity_data_reads_none(client, vetted_event):
    user, _registration = factories.create_delegate(vetted_event)
    db.session.commit()
    [mine] = download(client, user)["registrations"]
    assert mine["security_vetting"] is None


def test_the_my_data_page_says_the_identity_data_is_in_the_download(client, vetted_event):
    user, registration = factories.create_delegate(vetted_event)
    db.session.commit()
    client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    sentence = "It includes the identity data you gave for security vetting"
    assert sentence not in client.get("/my/data").get_data(as_text=True)
    services.submit_identity(registration, identity())
    db.session.commit()
    assert sentence in client.get("/my/data").get_data(as_text=True)


def test_erasure_deletes_the_identity_data(vetted_event):
    user, registration = factories.create_delegate(vetted_event)
    services.submit_identity(registration, identity())
    organiser = factories.create_user(Role.ORGANISER)
    request = request_erasure(registration)
    db.session.commit()
    confirm_erasure(request, organiser)
    db.session.commit()
    assert services.vetting_of(registration) is None
    raw = db.session.execute(sa.text("select identity from vettings")).scalars().all()
    assert raw == []
    details = db.session.execute(sa.text("select details from audit_log")).scalars().all()
    assert not any("DP123456" in json.dumps(d) for d in details if d)


def test_the_retention_purge_of_registrations_deletes_identity_data_too(vetted_event):
    _user, registration = factories.create_delegate(vetted_event)
    services.submit_identity(registration, identity())
    db.session.commit()
    purge_before(date(2100, 1, 1))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Vetting.id))) == 0
