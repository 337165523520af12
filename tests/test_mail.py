"""Links in mails: always on the configured BASE_URL, never on the request's Host header.

A mail leaves when the transaction that queued it commits (tests deliver at once)."""

import pytest

from forum.auth.models import Role
from forum.extensions import db
from forum.registration.models import Registration
from forum.registration.notifications import send_invitation
from tests import factories
from tests.registration.conftest import form_data

BASE = "https://forum.example.org"


@pytest.fixture
def configured(app):
    app.config["BASE_URL"] = BASE
    return app


def links_in(mailbox, message) -> list[str]:
    import re

    return re.findall(r"https?://\S+", mailbox.body(message))


def test_a_reset_asked_for_with_a_forged_host_mails_a_link_on_the_base_url(
    configured, client, event, mailbox
):
    factories.create_user(Role.STAFF, email="door@example.org")
    db.session.commit()
    client.post(
        "/password/reset", data={"email": "door@example.org"}, headers={"Host": "evil.example"}
    )
    (message,) = mailbox.to("door@example.org")
    links = links_in(mailbox, message)
    assert links and all(link.startswith(BASE + "/") for link in links), links
    assert "evil.example" not in mailbox.body(message)


def test_registration_mails_with_a_forged_host_link_to_the_base_url(
    configured, client, event, mailbox
):
    db.session.commit()
    headers = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    client.post("/register", data=form_data(), headers=headers)
    client.post("/register", data=form_data(), headers=headers)  # already registered
    client.post("/register/resend", data={"email": form_data()["email"]}, headers=headers)
    messages = mailbox.to(form_data()["email"])
    assert len(messages) == 3
    for message in messages:
        links = links_in(mailbox, message)
        assert links and all(link.startswith(BASE + "/") for link in links), links


def test_an_invitation_sent_during_a_request_links_to_the_base_url(configured, event, mailbox):
    registration = factories.create_registration(event, invited=True, state="submitted")
    with configured.test_request_context("/", base_url="http://evil.example"):
        send_invitation(registration)
    db.session.commit()
    (message,) = mailbox.to(registration.email)
    assert links_in(mailbox, message)[0].startswith(BASE + "/invitation/")


def test_approval_mail_links_to_the_base_url(configured, event, mailbox):
    from forum.registration.decisions import approve

    registration = factories.create_registration(event)
    with configured.test_request_context("/", base_url="http://evil.example"):
        approve(registration, actor=None)
    db.session.commit()
    (message,) = mailbox.to(registration.email)
    links = links_in(mailbox, message)
    assert links and all(link.startswith(BASE + "/") for link in links), links


def test_a_base_url_with_a_path_keeps_it(configured, event, mailbox):
    configured.config["BASE_URL"] = "https://example.org/forum/"
    registration = factories.create_registration(event, invited=True, state="submitted")
    send_invitation(registration)
    db.session.commit()
    assert db.session.get(Registration, registration.id)
    (message,) = mailbox.to(registration.email)
    assert links_in(mailbox, message)[0].startswith("https://example.org/forum/invitation/")
