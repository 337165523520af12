"""The organisers' outgoing-mail page in Chromium: a refused mail with the server's answer,
reached from the organiser's home page, in English and Ukrainian, desktop and phone."""

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from forum.mail import queue_mail
from forum.mail.delivery import Claimed, record
from forum.mail.models import MailState, OutgoingMail
from forum.mail.transport import Outcome, Verdict
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def refuse(recipient: str, subject: str, answer: str) -> None:
    mail = queue_mail(recipient, subject, "Hello")
    db.session.flush()
    mail.state = MailState.SENDING
    db.session.commit()
    claimed = Claimed(
        mail.id, recipient, subject, "Hello", None, [], mail.message_id, 0, mail.created_at
    )
    record(claimed, Outcome(Verdict.REFUSED, answer))


def test_an_organiser_finds_a_refused_mail_and_the_servers_answer(
    app, live_server, page, event, queued_tasks
):
    organiser = factories.create_user(Role.ORGANISER, email="organiser@example.org")
    db.session.commit()
    refuse(
        "o.kovalenko@mod.gov.ua",
        "Вашу реєстрацію підтверджено",
        "550 5.1.1 <o.kovalenko@mod.gov.ua>: Recipient address rejected: User unknown",
    )
    queue_mail("waiting@example.org", "Your badge is ready", "Hello")
    db.session.commit()
    assert db.session.query(OutgoingMail).count() == 2

    page.goto(f"{live_server}/sign-in")
    page.fill("input[name=email]", organiser.email)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server}/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Mail", exact=True
    ).click()  # the mailings, then every mail
    page.get_by_role("link", name="Outgoing mail").click()
    expect(page.get_by_role("heading", name="Outgoing mail")).to_be_visible()
    refused = page.get_by_role("row").filter(has_text="o.kovalenko@mod.gov.ua")
    expect(refused).to_contain_text("Recipient address rejected: User unknown")
    expect(page.locator(".counts")).to_contain_text("Not delivered 1")
    screenshot(page, "outgoing-mail-en")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "outgoing-mail-en-phone")

    page.goto(f"{live_server}/language/uk?next=/organise/mail")
    expect(page.get_by_role("heading", name="Вихідна пошта")).to_be_visible()
    screenshot(page, "outgoing-mail-uk-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "outgoing-mail-uk")
