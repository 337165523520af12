"""The organisers' mailing pages: compose, refuse a bad placeholder, preview, test send to a
real mail server, send now, schedule and cancel, and nobody else gets in."""

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.extensions import db
from forum.mail.models import OutgoingMail
from forum.mailings.models import Mailing, MailingState
from forum.registration.models import RegistrationState
from tests import factories
from tests.mail.conftest import smtp_server  # noqa: F401 (a fixture)

S = RegistrationState


def compose_data(**overrides) -> dict:
    return {
        "states": ["approved"],
        "subject": "Practical information",
        "body": "Dear {title_name},\n\nYour agenda: {agenda_link}",
        "subject_uk": "Практична інформація",
        "body_uk": "Шановні {title_name}!\n\nВаш порядок денний: {agenda_link}",
        **overrides,
    }


def outbox_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(OutgoingMail))


def test_an_organiser_composes_previews_and_sends_a_mailing(client, auth, event):
    organiser = auth.as_role(Role.ORGANISER)
    factories.create_registration(event, state=S.APPROVED, title="Dr", family_name="Aalto")
    factories.create_registration(event, state=S.APPROVED, locale="uk")
    factories.create_registration(event, state=S.PENDING)
    db.session.commit()

    assert "Who receives it" in client.get("/organise/mailings/new").get_data(as_text=True)
    response = client.post("/organise/mailings/new", data=compose_data())
    assert response.status_code == 302
    mailing = db.session.scalars(sa.select(Mailing)).one()
    page = client.get(response.location).get_data(as_text=True)
    assert "2 recipients" in page
    assert "Send now to 2 recipients" in page
    # The preview in both languages, written to the first person of the group.
    assert "Dear Dr Sébastien Aalto," in page
    assert "Шановні д-р Sébastien Aalto!" in page

    response = client.post(f"/organise/mailings/{mailing.id}/send")
    assert response.status_code == 302
    db.session.rollback()
    assert outbox_count() == 2
    assert db.session.get(Mailing, mailing.id).state is MailingState.QUEUED
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.actor_id == organiser.id)
    ).all()
    assert "mailing.saved" in actions and "mailing.sent" in actions
    # Sent once: a second press changes nothing.
    client.post(f"/organise/mailings/{mailing.id}/send")
    db.session.rollback()
    assert outbox_count() == 2


def test_an_unknown_placeholder_is_refused_beside_the_field_and_nothing_is_saved(
    client, auth, event
):
    auth.as_role(Role.ORGANISER)
    factories.create_registration(event, state=S.APPROVED)
    db.session.commit()
    response = client.post(
        "/organise/mailings/new", data=compose_data(body_uk="Шановні {імʼя}, {agenda_link}")
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Unknown placeholder: {імʼя}" in page
    assert "{my_registration_link}" in page  # the known ones are named
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Mailing)) == 0
    assert outbox_count() == 0


def test_a_test_send_reaches_the_organiser_through_a_real_mail_server(
    client,
    auth,
    event,
    smtp_server,  # noqa: F811
):
    organiser = auth.as_role(Role.ORGANISER)
    factories.create_registration(event, state=S.APPROVED)
    db.session.commit()
    client.post("/organise/mailings/new", data=compose_data())
    mailing = db.session.scalars(sa.select(Mailing)).one()
    response = client.post(f"/organise/mailings/{mailing.id}/test")
    assert response.status_code == 302
    smtp_server.wait_for_count(2, timeout=30)
    subjects = sorted(m["Subject"] for m in smtp_server.to(organiser.email))
    assert subjects == ["[Test] Practical information", "[Test] Практична інформація"]
    message = smtp_server.to(organiser.email)[0]
    html = message.get_body(preferencelist=("html",)).get_content()
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "EU-Ukraine Defence Industry Forum" in html and "Dr Olena Kovalenko" in html
    assert "Questions: forum@localhost" in text
    # Nobody else got it, and the mailing is still a draft.
    assert len(smtp_server.received) == 2
    db.session.rollback()
    assert db.session.get(Mailing, mailing.id).state is MailingState.DRAFT


def test_an_organiser_schedules_and_cancels_a_mailing(client, auth, event):
    auth.as_role(Role.ORGANISER)
    factories.create_registration(event, state=S.APPROVED)
    db.session.commit()
    client.post("/organise/mailings/new", data=compose_data())
    mailing = db.session.scalars(sa.select(Mailing)).one()

    response = client.post(
        f"/organise/mailings/{mailing.id}/schedule", data={"send_at": "2099-05-06T09:30"}
    )
    assert response.status_code == 302
    db.session.rollback()
    mailing = db.session.get(Mailing, mailing.id)
    assert mailing.state is MailingState.SCHEDULED
    assert mailing.scheduled_at.isoformat() == "2099-05-06T07:30:00+00:00"  # Brussels, summer
    page = client.get(f"/organise/mailings/{mailing.id}").get_data(as_text=True)
    assert "Cancel the schedule" in page

    # In the past: refused, still scheduled as before.
    client.post(f"/organise/mailings/{mailing.id}/cancel")
    db.session.rollback()
    assert db.session.get(Mailing, mailing.id).state is MailingState.DRAFT
    response = client.post(
        f"/organise/mailings/{mailing.id}/schedule",
        data={"send_at": "2001-01-01T09:00"},
        follow_redirects=True,
    )
    assert "Choose a time in the future." in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(Mailing, mailing.id).state is MailingState.DRAFT
    assert outbox_count() == 0


def test_only_organisers_reach_mailings(client, auth, event):
    mailing = Mailing(event_id=event.id, subject="S", body="B", segment={})
    db.session.add(mailing)
    db.session.commit()
    for role in (Role.OFFICER, Role.DELEGATE, Role.STAFF):
        auth.as_role(role)
        for method, path in (
            ("get", "/organise/mailings"),
            ("get", f"/organise/mailings/{mailing.id}"),
            ("post", "/organise/mailings/new"),
            ("post", f"/organise/mailings/{mailing.id}/send"),
        ):
            response = getattr(client, method)(path, data=compose_data())
            assert response.status_code == 403, (role, path)
        auth.sign_out()
    assert outbox_count() == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Mailing)) == 1


def test_the_audit_log_tells_what_was_done_with_a_mailing_in_words(client, auth, event):
    auth.as_role(Role.ORGANISER)
    factories.create_registration(event, state=S.APPROVED)
    db.session.commit()
    client.post("/organise/mailings/new", data=compose_data())
    mailing = db.session.scalars(sa.select(Mailing)).one()
    client.post(f"/organise/mailings/{mailing.id}/send")
    page = client.get("/organise/audit/").get_data(as_text=True)
    assert "Mailing saved" in page and "Mailing sent to the outbox" in page
    assert f'href="/organise/mailings/{mailing.id}"' in page
