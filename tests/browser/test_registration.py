"""The whole delegate journey in Chromium, with a real SMTP server catching the mails."""

import re
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


class Inbox:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def last_to(self, address: str):
        return [m for m in self.messages if m["To"] == address][-1]

    def link(self, address: str, contains: str) -> str:
        body = self.last_to(address).get_body(preferencelist=("plain",)).get_content()
        return next(u for u in re.findall(r"https?://\S+", body) if contains in u)


@pytest.fixture
def smtp(app):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port on the loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    yield inbox
    controller.stop()


def test_register_confirm_get_approved(live_server, page, event, smtp, browser):
    factories.create_user(Role.OFFICER, email="officer@forum.example", full_name="Ilse Virtanen")
    db.session.commit()

    page.goto(live_server + "/register")
    page.get_by_label("Title", exact=True).select_option("Dr")
    page.get_by_label("Given name", exact=True).fill("Władysław")
    page.get_by_label("Family name", exact=True).fill("Kowalczyk-Шевченко")
    expect(page.get_by_label("Given name as in your passport")).to_be_hidden()
    expect(page.get_by_label("Family name as in your passport")).to_have_value(
        "Kowalczyk-Shevchenko"
    )
    page.get_by_label("Job title", exact=True).fill("Programme Manager")
    page.get_by_label("Mobile phone").fill("+48 512 345 678")
    page.get_by_label("Organisation", exact=True).fill("Vistula Armaments S.A.")
    page.get_by_label("Type of organisation").select_option("eu_industry")
    page.get_by_label("Country").select_option("PL")
    page.get_by_label("E-mail").fill("wladyslaw@example.org")
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_label("Password again").fill("a long enough password")
    page.get_by_label("I agree to the processing").check()
    screenshot(page, "register-filled-en")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    confirm = smtp.link("wladyslaw@example.org", "/register/confirm/")
    page.goto(confirm)
    expect(page.get_by_text("your e-mail address is confirmed")).to_be_visible()
    assert "received" in smtp.last_to("wladyslaw@example.org")["Subject"]

    officer = browser.new_context().new_page()
    officer.goto(live_server + "/sign-in")
    officer.get_by_label("E-mail").fill("officer@forum.example")
    officer.get_by_label("Password").fill(factories.PASSWORD)
    officer.get_by_role("button", name="Sign in").click()
    officer.goto(live_server + "/accreditation/?q=wladyslaw")
    screenshot(officer, "accreditation-list")
    officer.get_by_role("link", name="Dr Władysław Kowalczyk-Шевченко").click()
    screenshot(officer, "accreditation-detail")
    officer.get_by_role("button", name="Approve", exact=True).click()
    expect(officer.get_by_text("Accredited").first).to_be_visible()

    page.goto(live_server + "/sign-in")
    page.get_by_label("E-mail").fill("wladyslaw@example.org")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server + "/my/registration")
    expect(page.get_by_text("You are accredited to the forum.")).to_be_visible()
    screenshot(page, "dashboard-approved")
    approval = smtp.last_to("wladyslaw@example.org")
    assert "You are accredited" in approval["Subject"]
    assert "Władysław" in approval.get_body(preferencelist=("plain",)).get_content()


def test_registration_form_in_ukrainian_on_a_phone(live_server, browser, event):
    db.session.commit()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(live_server + "/language/uk?next=/register")
    expect(phone.get_by_role("heading", name="Зареєструйтеся як делегат")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "register-uk-phone")
    context.close()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_passport_spelling_is_suggested_as_a_cyrillic_name_is_typed(
    live_server, page, event, language
):
    db.session.commit()
    page.goto(f"{live_server}/language/{language}?next=/register")
    labels = {
        "en": ("Given name", "Family name", "Organisation", "as in your passport"),
        "uk": ("Імʼя", "Прізвище", "Організація", "як у паспорті"),
    }[language]
    given, family, organisation, passport = labels
    given_latin = page.get_by_label(f"{given} {passport}")
    family_latin = page.get_by_label(f"{family} {passport}")
    expect(given_latin).to_be_hidden()

    page.get_by_label(given, exact=True).press_sequentially("Юлія")
    page.get_by_label(family, exact=True).press_sequentially("Шевчишин")
    expect(given_latin).to_have_value("Yuliia")
    expect(family_latin).to_have_value("Shevchyshyn")
    family_latin.fill("Shevchishin")  # as the passport prints it: the delegate corrects it
    page.get_by_label(family, exact=True).fill("Шевчишина")
    expect(family_latin).to_have_value("Shevchishin")  # a correction is never overwritten
    page.get_by_label(organisation, exact=True).press_sequentially("Укроборонпром")
    screenshot(page, f"register-cyrillic-name-{language}")

    page.get_by_label(given, exact=True).fill("")
    page.get_by_label(given, exact=True).press_sequentially("Claire")
    expect(given_latin).to_be_hidden()
