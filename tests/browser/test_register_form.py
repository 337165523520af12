"""The registration form in Chromium when things go wrong: the error summary, the kept photo,
the language switch, national phone numbers and long Cyrillic values."""

import io

import pytest
import sqlalchemy as sa
from PIL import Image
from playwright.sync_api import expect

from forum.extensions import db
from forum.registration.models import Registration
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

LONG_ORGANISATION = "Державне підприємство «Харківське конструкторське бюро з машинобудування»"
LONG_JOB = "Заступник генерального директора з міжнародного співробітництва"


def photo_file(tmp_path):
    path = tmp_path / "photo.png"
    out = io.BytesIO()
    Image.new("RGB", (480, 600), (40, 90, 160)).save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


def fill_most(page) -> None:
    page.locator("#title").select_option("Dr")
    page.locator("#given_name").fill("Олександра")
    page.locator("#job_title").fill(LONG_JOB)
    page.locator("#phone").fill("044 123 4567")  # as dialled in Ukraine
    page.locator("#organisation").fill(LONG_ORGANISATION)
    page.locator("#organisation_type").select_option("ua_industry")
    page.locator("#country").select_option("UA")
    page.locator("#email").fill("oleksandra@example.org")


def fits(page, selector: str) -> bool:
    """The whole value is visible in its box: nothing cut off."""
    return page.locator(selector).evaluate("el => el.scrollWidth <= el.clientWidth")


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_failed_submit_sums_up_keeps_the_photo_and_then_succeeds(
    live_server, page, event, tmp_path, language
):
    db.session.commit()
    page.goto(f"{live_server}/language/{language}?next=/register")
    fill_most(page)
    page.locator("#photo").set_input_files(photo_file(tmp_path))
    page.locator("#password").fill("short")
    page.locator("#password_again").fill("short")
    page.locator("form.register-form button[type=submit]").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(3)  # family name, password, consent
    expect(page.locator(".held-photo img")).to_be_visible()
    assert page.locator(".held-photo img").evaluate("img => img.naturalWidth") > 0
    for field in ("#organisation", "#job_title"):
        assert fits(page, field), field
    expect(page.locator("#phone")).to_have_value("+380441234567")
    screenshot(page, f"registration-errors-{language}")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, f"registration-errors-{language}-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    summary.locator('a[data-field="family_name"]').click()
    expect(page.locator("#family_name")).to_be_focused()
    page.locator("#family_name").fill("Шевчишина")
    page.locator("#password").fill("a long enough password")
    page.locator("#password_again").fill("a long enough password")
    page.locator("#consent_data").check()
    page.locator("form.register-form button[type=submit]").click()  # no file sent again
    expect(page).to_have_url(f"{live_server}/register/check-your-email")

    db.session.rollback()
    registration = db.session.scalar(sa.select(Registration))
    assert registration.photo is not None
    assert registration.phone == "+380441234567"
    assert registration.organisation == LONG_ORGANISATION


def test_switching_the_language_keeps_what_was_typed(live_server, page, event):
    db.session.commit()
    page.goto(f"{live_server}/register")
    fill_most(page)
    page.locator("#password").fill("a long enough password")
    page.get_by_role("link", name="Українська").click()
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("#given_name")).to_have_value("Олександра")
    expect(page.locator("#organisation")).to_have_value(LONG_ORGANISATION)
    expect(page.locator("#country")).to_have_value("UA")
    expect(page.locator("#title")).to_have_value("Dr")
    expect(page.locator("#password")).to_have_value("")  # never kept in the browser's storage
    # The passport spelling follows the restored name.
    expect(page.locator("#passport_given_name")).to_have_value("Oleksandra")
