"""The focal point is mailed, in their language, when a member confirms, is accredited or is
refused; nothing for people outside a delegation, replaced members or vetting refusals."""

import sqlalchemy as sa

from forum.auth.models import Role
from forum.delegations import members, news
from forum.extensions import db
from forum.mail.models import OutgoingMail
from forum.registration import decisions
from forum.registration.models import Registration, RegistrationState
from forum.vetting import services as vetting
from forum.vetting.models import VettingStatus
from tests import factories
from tests.delegations.conftest import create_delegation, person
from tests.registration.conftest import form_data
from tests.vetting.conftest import identity

S = RegistrationState


def news_mails() -> list[OutgoingMail]:
    return list(
        db.session.scalars(
            sa.select(OutgoingMail)
            .where(OutgoingMail.template == "delegation_member_news")
            .order_by(OutgoingMail.id)
        )
    )


def test_the_focal_point_hears_of_a_confirmation_on_behalf_then_the_accreditation(
    client, event, mailbox
):
    event.invited_skip_approval = False
    delegation = create_delegation(event, quota=2)
    delegation.focal_point.locale = "uk"
    details = {**person(1), "phone": "+380 44 123 4567", "job_title": "Adviser"}
    members.invite_member(delegation, details, delegation.focal_point, on_behalf=True)
    db.session.commit()
    assert news_mails() == []  # registering on their behalf is the focal point's own doing

    link = mailbox.link(mailbox.to("member1@mil.example.org")[0], "/invitation/")
    data = form_data(
        given_name="Андрій",
        family_name="Шевченко1",
        organisation=delegation.name,
        organisation_type="ua_government",
        country="UA",
        email=None,
        phone="+380 44 123 4567",
        job_title="Adviser",
    )
    assert client.post(link, data=data).status_code == 302
    (confirmed,) = mailbox.to(delegation.focal_point.email)
    assert confirmed["Subject"].startswith("Реєстрацію підтверджено: Андрій Шевченко1")
    body = mailbox.body(confirmed)
    assert "яку ви зробили від імені члена делегації" in body and "Андрій Шевченко1" in body
    assert f"/my/delegation/{delegation.id}" in body

    registration = db.session.scalar(sa.select(Registration))
    decisions.approve(registration, factories.create_user(Role.OFFICER))
    db.session.commit()
    confirmed, accredited = mailbox.to(delegation.focal_point.email)
    assert accredited["Subject"].startswith("Акредитовано: Андрій Шевченко1")
    assert "бейдж готовий" in mailbox.body(accredited)


def test_the_focal_point_hears_of_a_refusal_in_english(event, mailbox):
    delegation = create_delegation(event, quota=2)
    member = members.invite_member(delegation, person(1), delegation.focal_point)
    member.registration.state = S.PENDING
    db.session.commit()
    decisions.reject(member.registration, factories.create_user(Role.OFFICER), "Duplicate.")
    db.session.commit()
    (mail,) = mailbox.to(delegation.focal_point.email)
    assert mail["Subject"] == (
        f"Андрій Шевченко1 was refused accreditation (delegation “{delegation.name}”)"
    )
    body = mailbox.body(mail)
    assert "place in the delegation is free again" in body
    assert "Duplicate." not in body  # the officer's reason is for the person


def test_accreditation_by_clearance_is_mailed_once_and_a_vetting_refusal_not_at_all(event):
    vetting.switch(event, True)
    delegation = create_delegation(event, quota=3)
    security = factories.create_user(Role.SECURITY_OFFICER)
    officer = factories.create_user(Role.OFFICER)
    cleared, refused = (
        members.invite_member(delegation, person(n), delegation.focal_point).registration
        for n in (1, 2)
    )
    for registration in (cleared, refused):
        registration.state = S.PENDING
        vetting.submit_identity(registration, identity())
        decisions.approve(registration, officer)  # approved, held: not accredited yet
    assert news_mails() == []
    vetting.answer(vetting.vetting_of(cleared), VettingStatus.CLEARED, "", security)
    vetting.answer(vetting.vetting_of(refused), VettingStatus.REFUSED, "On a list.", security)
    db.session.commit()
    [mail] = news_mails()
    assert mail.recipient == delegation.focal_point.email
    assert mail.subject.startswith(f"{cleared.full_name} is accredited")


def test_no_news_outside_a_delegation_or_for_a_replaced_member(event):
    officer = factories.create_user(Role.OFFICER)
    decisions.approve(factories.create_registration(event), officer)
    delegation = create_delegation(event, quota=2)
    old = members.invite_member(delegation, person(1), delegation.focal_point)
    members.replace_member(old, person(2), delegation.focal_point)
    news.tell_focal_point(old.registration, news.ACCREDITED)
    db.session.commit()
    assert news_mails() == []
