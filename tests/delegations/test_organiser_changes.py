"""Organisers change a delegation's focal point, and move a registration already made into it."""

from datetime import date

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role, User
from forum.delegations import members
from forum.delegations.models import DelegationMember
from forum.extensions import db
from forum.registration.models import BadgeCategory, RegistrationState
from tests import factories
from tests.delegations.conftest import create_delegation, person

S = RegistrationState


def actions(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)))


# -- the focal point ------------------------------------------------------------------------


def test_an_organiser_gives_the_delegation_a_new_focal_point(client, auth, event, mailbox):
    delegation = create_delegation(event, quota=2)
    member = members.invite_member(delegation, person(1), delegation.focal_point)
    old = delegation.focal_point
    db.session.commit()
    organiser = auth.as_role(Role.ORGANISER)
    page = client.get(f"/delegations/{delegation.id}/focal-point").data.decode()
    assert old.email in page and "loses access to the delegation as soon as you save" in page
    response = client.post(
        f"/delegations/{delegation.id}/focal-point",
        data={
            "focal_point_name": "Петро Іваненко",
            "focal_point_email": "P.Ivanenko@mspu.example.gov.ua",
            "locale": "uk",
        },
        follow_redirects=True,
    )
    assert "p.ivanenko@mspu.example.gov.ua is the focal point now" in response.data.decode()
    db.session.refresh(delegation)
    new = db.session.scalar(sa.select(User).where(User.email == "p.ivanenko@mspu.example.gov.ua"))
    assert new.role is Role.FOCAL_POINT and new.locale == "uk"
    assert delegation.focal_point_id == new.id
    assert delegation.focal_point_name == "Петро Іваненко"
    (mail,) = mailbox.to("p.ivanenko@mspu.example.gov.ua")
    assert "/delegation/welcome/" in mailbox.body(mail) and "делегації" in mailbox.body(mail)
    (told,) = mailbox.to(old.email)  # the previous focal point learns why the page is gone
    assert told["Subject"] == f"You no longer manage the delegation “{delegation.name}”"
    assert "have made Петро Іваненко the focal point" in mailbox.body(told)
    [changed] = actions("delegation.focal_point_changed")
    assert changed.actor_id == organiser.id and changed.details["user_id"] == new.id
    [removed] = actions("delegation.focal_point_removed")
    assert (removed.target_type, removed.target_id) == ("users", old.id)

    # The old focal point loses the delegation at once: every page and action is refused.
    auth.sign_out()
    assert auth.sign_in(old.email).status_code == 302
    base = f"/my/delegation/{delegation.id}"
    for path in (base, f"{base}/invite", f"{base}/register", f"{base}/members/{member.id}/replace"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"{base}/invite", data=person(2)).status_code == 404
    assert client.post(f"{base}/members/{member.id}/remove").status_code == 404
    assert delegation.name not in client.get("/my/delegation").data.decode()
    db.session.refresh(member.registration)
    assert member.registration.state is S.SUBMITTED
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 1


def test_an_existing_focal_point_account_is_told_to_sign_in(client, auth, event, mailbox):
    delegation = create_delegation(event)
    other = create_delegation(event, name="Company X")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    data = {
        "focal_point_name": "Someone",
        "focal_point_email": other.focal_point.email,
        "locale": "en",
    }
    client.post(f"/delegations/{delegation.id}/focal-point", data=data)
    db.session.refresh(delegation)
    assert delegation.focal_point_id == other.focal_point_id
    (mail,) = mailbox.to(other.focal_point.email)
    assert "/sign-in" in mailbox.body(mail) and "/delegation/welcome/" not in mailbox.body(mail)


def test_a_wrong_new_focal_point_is_refused_and_nothing_changes(client, auth, event, mailbox):
    delegation = create_delegation(event)
    officer = factories.create_user(Role.OFFICER)
    db.session.commit()
    old_id = delegation.focal_point_id
    auth.as_role(Role.ORGANISER)
    url = f"/delegations/{delegation.id}/focal-point"
    for email, message in (
        (delegation.focal_point.email, "focal point already"),
        (officer.email, "account of another kind"),
        ("not an address", "Invalid email address"),
    ):
        data = {"focal_point_name": "X", "focal_point_email": email, "locale": "en"}
        page = client.post(url, data=data)
        assert page.status_code == 200 and message in page.data.decode(), email
    db.session.refresh(delegation)
    assert delegation.focal_point_id == old_id
    assert not actions("delegation.focal_point_changed") and not mailbox.messages


def test_only_organisers_change_the_focal_point(client, auth, event):
    delegation = create_delegation(event)
    db.session.commit()
    old_id = delegation.focal_point_id
    data = {"focal_point_name": "X", "focal_point_email": "x@example.org", "locale": "en"}
    for role in (Role.OFFICER, Role.FOCAL_POINT, Role.SECURITY_OFFICER, Role.DELEGATE):
        auth.as_role(role)
        url = f"/delegations/{delegation.id}/focal-point"
        assert client.get(url).status_code == 403, role
        assert client.post(url, data=data).status_code == 403, role
        auth.sign_out()
    # Not even the delegation's own focal point.
    auth.sign_in(delegation.focal_point.email)
    assert client.post(f"/delegations/{delegation.id}/focal-point", data=data).status_code == 403
    db.session.refresh(delegation)
    assert delegation.focal_point_id == old_id


# -- a registration already made joins ------------------------------------------------------


def test_an_organiser_moves_a_registration_into_the_delegation(client, auth, event):
    delegation = create_delegation(event, quota=2)
    _user, registration = factories.create_delegate(event)
    db.session.commit()
    organiser = auth.as_role(Role.ORGANISER)
    page = client.get(f"/delegations/{delegation.id}").data.decode()
    assert "Add a registration already made" in page
    response = client.post(
        f"/delegations/{delegation.id}/members/add",
        data={"email": registration.email.upper()},
        follow_redirects=True,
    )
    assert "is a member of the delegation now" in response.data.decode()
    assert "1 of 2 places taken" in response.data.decode()
    member = db.session.scalar(sa.select(DelegationMember))
    assert member.registration_id == registration.id and member.added_by_id == organiser.id
    db.session.refresh(registration)
    assert registration.state is S.APPROVED and registration.is_accredited  # badge unchanged
    [added] = actions("delegation.member_added")
    assert added.target_id == registration.id and added.actor_id == organiser.id
    # The focal point now follows them.
    auth.sign_out()
    auth.sign_in(delegation.focal_point.email)
    assert registration.family_name in client.get(f"/my/delegation/{delegation.id}").data.decode()


def test_a_full_delegation_refuses_a_registration_with_a_clear_message(client, auth, event):
    delegation = create_delegation(event, quota=1)
    members.invite_member(delegation, person(1), delegation.focal_point)
    factories.create_registration(event, email="late@example.org")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(
        f"/delegations/{delegation.id}/members/add",
        data={"email": "late@example.org"},
        follow_redirects=True,
    )
    page = response.data.decode()
    assert "The delegation is full (1 places taken): raise its quota first" in page
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 1


def test_a_full_category_share_refuses_with_its_own_message(client, auth, event):
    delegation = create_delegation(event, quota=3, shares={"vip": 1})
    members.invite_member(delegation, person(1, category="vip"), delegation.focal_point)
    factories.create_registration(event, email="vip@example.org", category=BadgeCategory.VIP)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(
        f"/delegations/{delegation.id}/members/add",
        data={"email": "vip@example.org"},
        follow_redirects=True,
    )
    assert "no VIP place left (1 in all)" in response.data.decode()
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 1


def test_registrations_that_cannot_join_are_refused(client, auth, event):
    delegation = create_delegation(event, quota=5)
    other = create_delegation(event, quota=5, name="Company X")
    elsewhere = members.invite_member(other, person(1), other.focal_point).registration
    factories.create_registration(event, email="gone@example.org", state=S.WITHDRAWN)
    foreign_event = factories.create_event(
        slug="last-year", starts_on=date(2023, 5, 8), ends_on=date(2023, 5, 8)
    )
    factories.create_registration(foreign_event, email="foreign@example.org")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    url = f"/delegations/{delegation.id}/members/add"
    for email, message in (
        (elsewhere.email, "is a member of the delegation “Company X”"),
        ("gone@example.org", "cannot take a place"),
        ("foreign@example.org", "Nobody is registered for the forum with foreign@example.org"),
        ("nobody@example.org", "Nobody is registered"),
        ("", "Give the e-mail address"),
    ):
        page = client.post(url, data={"email": email}, follow_redirects=True).data.decode()
        assert message in page, email
    client.post(url, data={"email": elsewhere.email})
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 1
    # The same person twice.
    factories.create_registration(event, email="twice@example.org")
    db.session.commit()
    client.post(url, data={"email": "twice@example.org"})
    page = client.post(url, data={"email": "twice@example.org"}, follow_redirects=True)
    assert "is a member of the delegation already" in page.data.decode()


def test_only_organisers_move_registrations_into_a_delegation(client, auth, event):
    delegation = create_delegation(event, quota=5)
    factories.create_registration(event, email="solo@example.org")
    db.session.commit()
    for role in (Role.OFFICER, Role.FOCAL_POINT, Role.SECURITY_OFFICER, Role.DELEGATE):
        auth.as_role(role)
        response = client.post(
            f"/delegations/{delegation.id}/members/add", data={"email": "solo@example.org"}
        )
        assert response.status_code == 403, role
        auth.sign_out()
    auth.as_role(Role.OFFICER)
    assert (
        "Add a registration already made"
        not in client.get(f"/delegations/{delegation.id}").data.decode()
    )
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 0
