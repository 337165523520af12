"""Exports in a real browser: a small one downloads at once, a large one is prepared by the
worker while its page waits, then downloads from the page and from the recent exports."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_badges import sign_in
from tests.exports.conftest import add_registrations

pytestmark = pytest.mark.browser


def test_a_large_export_is_prepared_then_downloaded(app, live_server, page, event, queued_tasks):
    app.config["EXPORT_INLINE_ROWS"] = 5
    factories.create_user(Role.OFFICER, email="officer@forum.example")
    add_registrations(event, 30)
    db.session.commit()
    sign_in(page, live_server, "officer@forum.example")

    # Few rows: the file comes at once, as before.
    page.goto(live_server + "/accreditation/?state=all&q=nobody")
    with page.expect_download() as small:
        page.get_by_role("button", name="Export CSV").click()
    rows = list(csv.reader(io.StringIO(Path(small.value.path()).read_text("utf-8-sig"))))
    assert rows[0][:2] == ["ID", "Status"] and len(rows) == 1

    page.goto(live_server + "/accreditation/?state=all")
    page.get_by_role("button", name="Export Excel").click()
    expect(page.get_by_role("heading", name="Export of registrations")).to_be_visible()
    expect(page.get_by_text("Preparing 30 rows… Waiting for the server to start.")).to_be_visible()
    expect(page.get_by_role("link", name="Download")).to_be_hidden()
    screenshot(page, "exports-job-waiting-en")

    queued_tasks.run_all()  # the worker makes the file; the page, polling, sees it ready
    download_button = page.get_by_role("link", name="Download")
    expect(download_button).to_be_visible()
    expect(page.get_by_text("Your export is ready.")).to_be_visible()
    screenshot(page, "exports-job-en")
    with page.expect_download() as large:
        download_button.click()
    assert large.value.suggested_filename == "registrations.xlsx"
    sheet = load_workbook(io.BytesIO(Path(large.value.path()).read_bytes())).active
    assert sheet.max_row == 31 and sheet["A1"].value == "ID"

    page.get_by_role("link", name="Recent exports").click()
    expect(page.get_by_role("cell", name="Ready")).to_be_visible()
    screenshot(page, "exports-recent-en")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "exports-recent-phone-en")
    page.goto(live_server + "/language/uk?next=/accreditation/exports/")
    expect(page.get_by_role("heading", name="Останні експорти")).to_be_visible()
    screenshot(page, "exports-recent-phone-uk")
    page.goto(live_server + "/accreditation/?state=all")
    screenshot(page, "exports-list-phone-uk")
    page.get_by_role("button", name="Експорт CSV").click()
    expect(page.get_by_text("Готуємо 30 рядків…")).to_be_visible()
    screenshot(page, "exports-job-waiting-phone-uk")
