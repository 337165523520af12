"""An organiser composes a small mailing in Chromium, sees the preview and the count, sends it,
and finds each person's mail in the log; the mails reach a real mail server."""

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories
from tests.browser.conftest import screenshot
from tests.mail.conftest import smtp_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def test_an_organiser_composes_and_sends_a_small_mailing(
    app,
    live_server,
    page,
    event,
    smtp_server,  # noqa: F811
):
    organiser = factories.create_user(Role.ORGANISER, email="organiser@example.org")
    factories.create_registration(
        event,
        state=RegistrationState.APPROVED,
        email="olena@example.org",
        title="Dr",
        given_name="Olena",
        family_name="Kovalenko",
        locale="uk",
        country="UA",
    )
    factories.create_registration(
        event,
        state=RegistrationState.APPROVED,
        email="jan@example.org",
        given_name="Jan",
        family_name="Novak",
        country="CZ",
    )
    factories.create_registration(event, state=RegistrationState.PENDING, email="p@example.org")
    event.mail_footer = "Accreditation desk: accreditation@forum.example.org"
    db.session.commit()

    page.goto(f"{live_server}/sign-in")
    page.fill("input[name=email]", organiser.email)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Mail", exact=True).click()
    expect(page.get_by_role("heading", name="Mailings")).to_be_visible()
    page.get_by_role("link", name="New mailing").click()

    # Accredited is ticked already; write both versions with placeholders.
    expect(page.get_by_label("Accredited", exact=True)).to_be_checked()
    page.locator("#subject").fill("Your badge and the venue")
    page.locator("#body").fill(
        "Dear {title_name},\n\nYour badge is ready: {badge_link}\n\nSee you in Brussels."
    )
    page.locator("#subject_uk").fill("Ваш бейдж і місце проведення")
    page.locator("#body_uk").fill("Шановні {title_name}!\n\nВаш бейдж готовий: {badge_link}")
    screenshot(page, "mailing-compose-en")
    page.get_by_role("button", name="Save and preview").click()

    expect(page.locator("#recipient-count")).to_have_text("2 recipients")
    preview = page.frame_locator("iframe[title='Preview of the mail (EN)']")
    expect(preview.get_by_text("Your badge is ready:")).to_be_visible()
    expect(
        preview.get_by_text("Accreditation desk: accreditation@forum.example.org")
    ).to_be_visible()
    in_ukrainian = page.frame_locator("iframe[title='Preview of the mail (UK)']")
    expect(in_ukrainian.get_by_text("Шановні д-р Olena Kovalenko!")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 2100})  # frames below the fold stay blank
    screenshot(page, "mailing-preview-en")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Send now to 2 recipients").click()
    expect(page.get_by_text("2 mails are in the outbox.")).to_be_visible()
    smtp_server.wait_for_count(2, timeout=30)
    page.reload()
    log = page.get_by_role("region", name="Delivery, person by person")
    expect(log.get_by_role("row").filter(has_text="olena@example.org")).to_contain_text("Sent")
    expect(log.get_by_role("row").filter(has_text="jan@example.org")).to_contain_text("250")
    expect(in_ukrainian.get_by_text("Шановні д-р Olena Kovalenko!")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 2300})
    screenshot(page, "mailing-log-en")

    # The same pages in Ukrainian, on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/language/uk?next=/organise/mailings")
    expect(page.get_by_role("heading", name="Розсилки")).to_be_visible()
    screenshot(page, "mailing-list-uk-phone")
    page.get_by_role("link", name="Нова розсилка").click()
    expect(page.get_by_role("heading", name="Нова розсилка")).to_be_visible()
    screenshot(page, "mailing-compose-uk-phone")

    (to_olena,) = smtp_server.to("olena@example.org")
    assert to_olena["Subject"] == "Ваш бейдж і місце проведення"
    html = to_olena.get_body(preferencelist=("html",)).get_content()
    assert "Шановні д-р Olena Kovalenko!" in html and "/my/badge.pdf" in html
    (to_jan,) = smtp_server.to("jan@example.org")
    assert "Dear Jan Novak," in to_jan.get_body(preferencelist=("plain",)).get_content()
