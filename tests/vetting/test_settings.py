"""The organisers' vetting page: switching on and off says what it does, asks for a
confirmation when people are affected, can delete identity data, and is audited."""

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.extensions import db
from forum.vetting import services, settings
from forum.vetting.models import Vetting, VettingStatus
from tests import factories
from tests.vetting.conftest import identity

V = VettingStatus


def audited(action: str) -> list[dict]:
    return [
        entry.details
        for entry in db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action))
    ]


def test_an_organiser_switches_vetting_on_after_confirming_who_loses_a_badge(client, auth, event):
    _user, accredited = factories.create_delegate(event)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get("/organise/vetting").data.decode()
    assert "1 accredited person loses their badge" in page

    refused = client.post("/organise/vetting", data={"vetting": "on", "retention_days": "14"})
    assert refused.status_code == 200
    assert "Tick the confirmation" in refused.data.decode()
    assert not services.is_required(event) and not audited("vetting.switched")

    response = client.post(
        "/organise/vetting", data={"vetting": "on", "retention_days": "14", "confirm": "y"}
    )
    assert response.status_code == 302
    assert "nobody is accredited before clearance" in client.get("/organise/vetting").data.decode()
    settings = services.settings_of(event)
    assert settings.required and settings.retention_days == 14
    db.session.refresh(accredited)
    assert not accredited.is_accredited and accredited.awaiting_clearance
    assert audited("vetting.switched") == [{"required": True, "retention_days": 14}]


def test_switching_on_with_nobody_accredited_needs_no_confirmation(client, auth, event):
    factories.create_registration(event)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post("/organise/vetting", data={"vetting": "on", "retention_days": "30"})
    assert response.status_code == 302 and services.is_required(event)


def test_switching_off_with_stored_data_needs_a_confirmation_and_can_delete_it(
    client, auth, vetted_event
):
    event = vetted_event
    _user, approved = factories.create_delegate(event)
    services.submit_identity(approved, identity())
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get("/organise/vetting").data.decode()
    assert "1 approved person who has not been cleared is accredited at once" in page
    assert "The identity data of 1 person stays stored" in page

    refused = client.post("/organise/vetting", data={"vetting": "off", "retention_days": "30"})
    assert "Tick the confirmation to switch vetting off" in refused.data.decode()
    assert services.is_required(event)

    response = client.post(
        "/organise/vetting",
        data={"vetting": "off", "retention_days": "30", "confirm": "y", "erase_now": "y"},
        follow_redirects=True,
    )
    assert "The identity data of 1 person is deleted." in response.data.decode()
    assert not services.is_required(event)
    db.session.refresh(approved)
    assert approved.is_accredited
    assert db.session.scalar(sa.select(sa.func.count(Vetting.id))) == 0
    assert audited("vetting.erased") == [{"event": event.slug, "count": 1}]


def test_switching_off_keeps_the_data_unless_asked(client, auth, vetted_event):
    registration = factories.create_registration(vetted_event)
    services.submit_identity(registration, identity())
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    client.post(
        "/organise/vetting", data={"vetting": "off", "retention_days": "30", "confirm": "y"}
    )
    assert not services.is_required(vetted_event)
    assert services.vetting_of(registration).identity["document_number"] == "DP123456"


def test_erasing_while_keeping_vetting_on_is_refused(client, auth, vetted_event):
    registration = factories.create_registration(vetted_event)
    services.submit_identity(registration, identity())
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.post(
        "/organise/vetting",
        data={"vetting": "on", "retention_days": "30", "confirm": "y", "erase_now": "y"},
    )
    assert "only when switching vetting off" in page.data.decode()
    assert services.vetting_of(registration).identity is not None


def test_the_retention_alone_is_changed_and_audited(client, auth, vetted_event):
    auth.as_role(Role.ORGANISER)
    response = client.post(
        "/organise/vetting", data={"vetting": "on", "retention_days": "90"}, follow_redirects=True
    )
    assert "The retention of identity data is saved." in response.data.decode()
    assert services.settings_of(vetted_event).retention_days == 90
    assert audited("vetting.retention_changed") == [{"old": 30, "new": 90}]
    response = client.post(
        "/organise/vetting", data={"vetting": "on", "retention_days": "90"}, follow_redirects=True
    )
    assert "Nothing changed." in response.data.decode()


def test_a_wrong_retention_is_refused(client, auth, event):
    auth.as_role(Role.ORGANISER)
    for days in ("-1", "99999", "many"):
        page = client.post("/organise/vetting", data={"vetting": "on", "retention_days": days})
        assert page.status_code == 200, days
    assert not services.is_required(event) and not audited("vetting.switched")


def test_switching_on_without_identity_keys_is_refused(app, monkeypatch, event):
    organiser = factories.create_user(Role.ORGANISER)
    monkeypatch.setitem(app.config, "ENV", "production")
    monkeypatch.setitem(app.config, "IDENTITY_KEYS", None)
    with pytest.raises(services.VettingError, match="FORUM_IDENTITY_KEYS"):
        settings.change_settings(event, True, 30, organiser)
    assert not services.is_required(event)


def test_only_organisers_switch_vetting(client, auth, event):
    for role in (Role.OFFICER, Role.SECURITY_OFFICER, Role.FOCAL_POINT, Role.DELEGATE):
        auth.as_role(role)
        assert client.get("/organise/vetting").status_code == 403, role
        response = client.post("/organise/vetting", data={"vetting": "on", "retention_days": "1"})
        assert response.status_code == 403, role
        auth.sign_out()
    assert not services.is_required(event)
