"""A focal point's work: invite, register on behalf, replace, remove; the quota holds."""

import pytest
import sqlalchemy as sa

from forum.auth.models import Role
from forum.badges.services import has_badge
from forum.delegations import members, services
from forum.delegations.models import DelegationMember
from forum.extensions import db
from forum.registration import decisions
from forum.registration.models import Registration, RegistrationState
from tests import factories
from tests.delegations.conftest import create_delegation, person
from tests.registration.conftest import form_data

S = RegistrationState


def test_an_invited_member_gets_a_personal_link_with_the_delegation_filled_in(
    event, delegation, mailbox
):
    member = members.invite_member(delegation, person(), delegation.focal_point)
    db.session.commit()
    registration = member.registration
    assert registration.state is S.SUBMITTED and registration.invited
    assert registration.organisation == delegation.name
    assert registration.organisation_type is delegation.organisation_type
    assert registration.passport_family_name == "Shevchenko1"  # spelled from the Cyrillic
    (mail,) = mailbox.to("member1@mil.example.org")
    assert delegation.name in mail["Subject"]
    assert "/invitation/" in mailbox.body(mail)


def test_the_invited_member_completes_the_form_and_awaits_the_officers(
    client, event, delegation, mailbox
):
    event.invited_skip_approval = False
    members.invite_member(delegation, person(), delegation.focal_point)
    db.session.commit()
    link = mailbox.link(mailbox.to("member1@mil.example.org")[0], "/invitation/")
    page = client.get(link)
    assert page.status_code == 200 and delegation.name.encode() in page.data
    data = form_data(
        given_name="Андрій",
        family_name="Шевченко1",
        organisation=delegation.name,
        organisation_type="ua_government",
        country="UA",
        email=None,
    )
    response = client.post(link, data=data)
    assert response.status_code == 302, response.data
    registration = db.session.scalar(sa.select(Registration))
    db.session.refresh(registration)
    assert registration.state is S.PENDING and registration.user_id is not None


def test_the_quota_refuses_one_more_member_and_nothing_is_kept(event, mailbox):
    delegation = create_delegation(event, quota=2)
    members.invite_member(delegation, person(1), delegation.focal_point)
    members.invite_member(delegation, person(2), delegation.focal_point)
    db.session.commit()
    with pytest.raises(services.QuotaFullError, match="all its 2 places"):
        members.invite_member(delegation, person(3), delegation.focal_point)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 2
    assert mailbox.to("member3@mil.example.org") == []


def test_a_category_share_caps_that_category_within_the_quota(event):
    delegation = create_delegation(event, quota=5, shares={"vip": 1})
    members.invite_member(delegation, person(1, category="vip"), delegation.focal_point)
    with pytest.raises(services.QuotaFullError, match="VIP"):
        members.invite_member(delegation, person(2, category="vip"), delegation.focal_point)
    members.invite_member(delegation, person(3), delegation.focal_point)  # a delegate still fits
    # A category the delegation has no share of is not offered at all.
    with pytest.raises(services.DelegationError, match="not open"):
        members.invite_member(delegation, person(4, category="press"), delegation.focal_point)


def test_places_come_back_when_a_member_withdraws_or_is_rejected(event):
    delegation = create_delegation(event, quota=1)
    first = members.invite_member(delegation, person(1), delegation.focal_point).registration
    first.state = S.PENDING
    decisions.reject(first, factories.create_user(Role.OFFICER), "No invitation letter")
    members.invite_member(delegation, person(2), delegation.focal_point)
    assert services.places_used(delegation) == 1


def test_registering_on_behalf_keeps_every_detail_and_still_needs_the_members_confirmation(
    event, delegation, mailbox
):
    details = person(1, phone="+380 44 123 4567", job_title="Deputy Minister")
    member = members.invite_member(delegation, details, delegation.focal_point, on_behalf=True)
    db.session.commit()
    registration = member.registration
    assert member.on_behalf
    assert registration.phone == "+380 44 123 4567" and registration.job_title == "Deputy Minister"
    assert registration.state is S.SUBMITTED and registration.user_id is None
    body = mailbox.body(mailbox.to("member1@mil.example.org")[0])  # in Ukrainian, as asked
    assert "підтвердьте реєстрацію" in body and "/invitation/" in body


def test_an_address_registered_already_is_refused(event, delegation):
    factories.create_registration(event, email="member1@mil.example.org")
    with pytest.raises(services.DelegationError, match="registered for the forum already"):
        members.invite_member(delegation, person(1), delegation.focal_point)


def test_replacing_an_accredited_member_revokes_the_badge_and_passes_the_place(event, mailbox):
    delegation = create_delegation(event, quota=1)
    old = members.invite_member(delegation, person(1, category="delegate"), delegation.focal_point)
    old.registration.state = S.APPROVED
    db.session.commit()
    assert has_badge(old.registration)

    new = members.replace_member(old, person(2), delegation.focal_point)
    db.session.commit()

    assert old.registration.state is S.CANCELLED and not has_badge(old.registration)
    assert old.replaced_at is not None and old.replacement is new
    assert new.registration.state is S.SUBMITTED
    assert services.places_used(delegation) == 1
    assert mailbox.to("member1@mil.example.org")  # told of the cancellation
    assert mailbox.to("member2@mil.example.org")  # invited
    with pytest.raises(services.DelegationError, match="replaced already"):
        members.replace_member(old, person(3), delegation.focal_point)


def test_an_invitation_not_completed_yet_can_be_replaced_too(event):
    delegation = create_delegation(event, quota=1)
    old = members.invite_member(delegation, person(1), delegation.focal_point)
    members.replace_member(old, person(2), delegation.focal_point)
    assert old.registration.state is S.CANCELLED


def test_removing_a_member_gives_the_place_back(event):
    delegation = create_delegation(event, quota=1)
    member = members.invite_member(delegation, person(1), delegation.focal_point)
    members.remove_member(member, delegation.focal_point)
    assert services.places_used(delegation) == 0
    with pytest.raises(services.DelegationError, match="no place"):
        members.remove_member(member, delegation.focal_point)


def test_a_lower_quota_than_the_places_taken_is_refused(event):
    delegation = create_delegation(event, quota=3)
    members.invite_member(delegation, person(1), delegation.focal_point)
    members.invite_member(delegation, person(2), delegation.focal_point)
    data = services.DelegationData(
        name=delegation.name,
        organisation_type=delegation.organisation_type,
        country="UA",
        quota=1,
        focal_point_email=delegation.focal_point_email,
    )
    with pytest.raises(services.DelegationError, match="2 places already taken"):
        services.update_delegation(delegation, data, None)
