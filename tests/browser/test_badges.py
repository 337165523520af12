"""Badge pages in a real browser: an organiser filters, prints, reissues; a run's progress."""

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from forum.registration.models import BadgeCategory, OrganisationType, RegistrationState
from tests import factories
from tests.badges.conftest import accredited
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def sign_in(page, live_server, email):
    page.goto(live_server + "/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_organiser_prints_and_reissues(live_server, page, event):
    factories.create_user(Role.ORGANISER, email="organiser@forum.example", full_name="Anna Kovács")
    olena = accredited(
        event,
        given_name="Олена",
        family_name="Коваленко",
        organisation="Укроборонпром",
        organisation_type=OrganisationType.UA_INDUSTRY,
        country="UA",
        category=BadgeCategory.SPEAKER,
    )
    accredited(event, given_name="Sébastien", family_name="Dubois-Lefèvre")
    accredited(event, given_name="Pending", state=RegistrationState.PENDING)
    db.session.commit()

    sign_in(page, live_server, "organiser@forum.example")
    page.get_by_role("link", name="Badges").first.click()
    expect(page.get_by_role("heading", name="2 badges to print")).to_be_visible()
    screenshot(page, "badges-admin-en")

    page.get_by_label("Category").select_option("speaker")
    page.get_by_label("Layout").select_option("a4-id1")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="1 badge to print")).to_be_visible()
    page.get_by_role("button", name="Print 1 badge (PDF)").click()
    expect(page.get_by_text("1 badge is ready.")).to_be_visible()  # drawn at once here
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith("-a4-id1-1.pdf")
    page.get_by_role("link", name="Badges").first.click()

    page.get_by_role("link", name="Олена Коваленко").click()
    expect(page.get_by_text("Printed version 1")).to_be_visible()
    expect(page.get_by_label("Reason")).to_have_attribute("required", "")
    page.get_by_label("Reason").fill("Lost at the registration desk")
    page.get_by_role("button", name="Reissue badge").click()
    expect(page.get_by_text("Badge reissued (version 2)")).to_be_visible()
    screenshot(page, "badges-detail-en")

    page.get_by_role("link", name="Українська").click()
    expect(page.get_by_text("Перевипуск бейджа")).to_be_visible()
    screenshot(page, "badges-detail-uk")
    page.get_by_role("link", name="Бейджі").first.click()
    screenshot(page, "badges-admin-uk")
    db.session.rollback()  # end the test's read snapshot: the server wrote since
    assert olena.badge_version == 2


def test_a_run_waits_for_the_worker_then_its_pdf_downloads_by_itself(
    app, live_server, page, event, queued_tasks
):
    factories.create_user(Role.ORGANISER, email="organiser@forum.example")
    for _ in range(30):
        accredited(event)
    db.session.commit()
    sign_in(page, live_server, "organiser@forum.example")
    page.goto(live_server + "/badges/")
    page.get_by_role("button", name="Print 30 badges (PDF)").click()
    expect(page.get_by_role("heading", name="Preparing badges")).to_be_visible()
    expect(page.get_by_text("Waiting for the server to start drawing 30 badges")).to_be_visible()
    screenshot(page, "badges-job-waiting-en")
    # The worker draws the run; the page, polling, sees it done and downloads the PDF.
    with page.expect_download(timeout=30_000) as download:
        queued_tasks.run_all()
    assert download.value.suggested_filename.endswith("-a6-30.pdf")
    expect(page.get_by_text("All 30 badges are ready.")).to_be_visible()
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    screenshot(page, "badges-job-en")


def test_pending_delegate_sees_why_there_is_no_badge(live_server, page, event):
    registration = accredited(event, state=RegistrationState.PENDING)
    db.session.commit()
    sign_in(page, live_server, registration.user.email)
    page.goto(live_server + "/my/badge.pdf")
    expect(page.get_by_role("heading", name="No badge yet")).to_be_visible()
    screenshot(page, "badges-none-en")
