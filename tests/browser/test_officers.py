"""The accreditation officer's day in Chromium: the pending queue, bulk decisions, "and next"."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.audit.services import record
from forum.auth.models import Role
from forum.db import utcnow
from forum.extensions import db
from forum.registration.models import OrganisationType, Registration, RegistrationState
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
S = RegistrationState


def sign_in(page, live_server: str, email: str, password: str = factories.PASSWORD) -> None:
    """Sign in through the form, in whatever language the page is in.

    The page shown before must have finished its requests first: a late answer to one of
    them (a static file, the favicon) brings the session cookie as it was before the
    sign-in page added its CSRF token, and the form would then be refused.
    """
    page.wait_for_load_state("networkidle")
    page.goto(live_server + "/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()


def queue_of(event, *names: str) -> list[Registration]:
    """Pending registrations registered in this order, an hour apart."""
    start = utcnow() - timedelta(days=1)
    return [
        factories.create_registration(
            event, given_name=given, family_name=family, created_at=start + timedelta(hours=n)
        )
        for n, (given, family) in enumerate(name.split(" ", 1) for name in names)
    ]


def states() -> dict[str, S]:
    db.session.rollback()  # see what the server committed
    return {r.family_name: r.state for r in db.session.scalars(sa.select(Registration))}


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ("3 selected", "Approve 3 registrations?", "Go back", "Approve", "accredited")),
        ("uk", ("Вибрано: 3", "Схвалити 3 реєстрації?", "Повернутися", "Схвалити", "акредитацію")),
    ],
)
def test_bulk_approval_asks_with_the_count_and_the_mail(live_server, page, event, language, texts):
    selected, question, back, approve, mailed = texts
    queue_of(event, "Anna Aalto", "Jonas Berg", "Олена Коваль", "Marta Nowak")
    factories.create_registration(event, family_name="Approved", state=S.APPROVED)
    officer = factories.create_user(Role.OFFICER, full_name="Ilse Virtanen")
    db.session.commit()

    page.goto(f"{live_server}/language/{language}")
    sign_in(page, live_server, officer.email)
    # The officer lands on the pending queue, oldest first.
    expect(page).to_have_url(live_server + "/accreditation/")
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.first).to_contain_text("Anna Aalto")
    expect(page.locator(".counts [aria-current=page]")).to_contain_text(
        S.PENDING.label if language == "en" else "Очікує на акредитацію"
    )

    for row in range(3):
        rows.nth(row).get_by_role("checkbox").check()
    expect(page.locator("#selected-count")).to_have_text(selected)
    page.locator("#bulk").get_by_role("button", name=approve, exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text(question)
    expect(dialog).to_contain_text(mailed)
    screenshot(page, f"officers-bulk-confirm-{language}")
    dialog.get_by_role("button", name=back).click()
    expect(dialog).to_be_hidden()
    assert list(states().values()).count(S.PENDING) == 4  # nothing happened

    page.locator("#bulk").get_by_role("button", name=approve, exact=True).click()
    dialog.get_by_role("button", name=approve, exact=True).click()
    expect(page.locator(".flash").first).to_be_visible()
    expect(rows).to_have_count(1)  # only the fourth still awaits a decision
    assert states() == {
        "Aalto": S.APPROVED,
        "Berg": S.APPROVED,
        "Коваль": S.APPROVED,
        "Nowak": S.PENDING,
        "Approved": S.APPROVED,
    }


def test_rejecting_in_bulk_needs_the_reason_first(live_server, page, event):
    queue_of(event, "Anna Aalto", "Jonas Berg")
    officer = factories.create_user(Role.OFFICER)
    db.session.commit()
    sign_in(page, live_server, officer.email)
    page.get_by_role("checkbox", name="Select all on this page").check()
    expect(page.locator("#selected-count")).to_have_text("2 selected")
    page.locator("#bulk").get_by_role("button", name="Reject").click()
    expect(page.locator("#selected-count")).to_contain_text("Write the reason")
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.get_by_placeholder("Reason for rejection").fill("Not a defence-industry organisation")
    page.locator("#bulk").get_by_role("button", name="Reject").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Reject 2 registrations?")
    expect(dialog).to_contain_text("Not a defence-industry organisation")
    dialog.get_by_role("button", name="Reject").click()
    expect(page.get_by_text("2 registrations updated.")).to_be_visible()
    assert set(states().values()) == {S.REJECTED}


@pytest.mark.parametrize("language", ["en", "uk"])
def test_approve_and_next_walks_the_pending_queue(live_server, page, event, language):
    first, second, third = queue_of(event, "Anna Aalto", "Олександра Шевчишина", "Marta Nowak")
    second.title, second.job_title, second.phone = "Dr", "Головна інженерка", "+380441234567"
    second.organisation = "ДП «Харківське конструкторське бюро з машинобудування»"
    second.organisation_latin = "DP Kharkivske konstruktorske biuro z mashynobuduvannia"
    second.organisation_type, second.country = OrganisationType.UA_INDUSTRY, "UA"
    delegate = factories.create_user(Role.DELEGATE, full_name="Олександра Шевчишина")
    second.user_id = delegate.id
    officer = factories.create_user(Role.OFFICER, full_name="Ilse Virtanen")
    record("registration.submitted", second, actor=delegate)
    record("registration.pending", second, actor=delegate, old="submitted", reason="")
    record("registration.edited", second, actor=delegate, fields=["job_title", "phone"])
    record("registration.category", second, actor=officer, old="delegate", new="speaker")
    db.session.commit()
    words = {
        "en": ("Approve and next", "Reject and next", "Reason (sent to the delegate)"),
        "uk": ("Схвалити й до наступної", "Відхилити й до наступної", "Причина"),
    }[language]
    approve_next, reject_next, reason = words

    page.goto(f"{live_server}/language/{language}")
    sign_in(page, live_server, officer.email)
    page.goto(f"{live_server}/accreditation/{first.id}")
    page.get_by_role("button", name=approve_next).click()
    expect(page).to_have_url(f"{live_server}/accreditation/{second.id}")
    history = page.locator(".history")
    if language == "en":
        expect(history).to_contain_text("Badge category changed from Delegate to Speaker")
        expect(history).to_contain_text("by Ilse Virtanen")
        expect(history).to_contain_text("Changed: Job title, Mobile phone")
        expect(history).to_contain_text("E-mail address confirmed; awaiting accreditation")
    else:
        expect(history).to_contain_text("Категорію бейджа змінено з «Делегат» на «Доповідач»")
        expect(history).to_contain_text("Змінено: Посада")
    expect(history).not_to_contain_text("job_title")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, f"officer-detail-{language}")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"officer-detail-{language}-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label(reason).fill("Duplicate of another registration")
    page.get_by_role("button", name=reject_next).click()
    expect(page).to_have_url(f"{live_server}/accreditation/{third.id}")
    page.get_by_role("button", name=approve_next).click()
    expect(page).to_have_url(f"{live_server}/accreditation/")  # the queue is empty
    assert states() == {"Aalto": S.APPROVED, "Шевчишина": S.REJECTED, "Nowak": S.APPROVED}


def test_the_sorted_column_alone_says_how_it_is_sorted(live_server, page, event):
    queue_of(event, "Anna Aalto", "Jonas Berg")
    officer = factories.create_user(Role.OFFICER)
    db.session.commit()
    sign_in(page, live_server, officer.email)
    sorted_by = page.locator("table.data th[aria-sort]")
    expect(sorted_by).to_have_count(1)  # the queue: oldest first
    expect(sorted_by).to_have_attribute("aria-sort", "ascending")
    expect(sorted_by).to_contain_text("Registered")
    page.get_by_role("link", name="Name").click()
    expect(sorted_by).to_have_count(1)
    expect(sorted_by).to_contain_text("Name")
    expect(sorted_by).to_have_attribute("aria-sort", "ascending")
