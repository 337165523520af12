"""The audit log viewer: organisers only, filters by action, actor and dates, CSV export."""

import csv
import io
import re
from datetime import UTC, datetime

from forum.audit.models import AuditEntry
from forum.audit.services import record
from forum.auth.models import Role
from forum.extensions import db
from tests import factories


def entry_at(action, actor, when, **details):
    entry = record(action, actor=actor, **details)
    entry.created_at = when
    return entry


def some_entries(event):
    officer = factories.create_user(
        Role.OFFICER, email="olena.officer@example.org", full_name="Олена Коваль"
    )
    organiser = factories.create_user(Role.ORGANISER, email="anna@example.org")
    entry_at("registration.approved", officer, datetime(2024, 5, 1, 9, 0, tzinfo=UTC), note="ok")
    entry_at(
        "registration.rejected",
        officer,
        datetime(2024, 5, 2, 21, 30, tzinfo=UTC),
        reason='=HYPERLINK("http://evil")',
    )
    entry_at("badge.reissued", organiser, datetime(2024, 5, 6, 7, 0, tzinfo=UTC))
    db.session.commit()
    return officer, organiser


def test_only_organisers_read_the_audit_log(client, auth, event):
    assert client.get("/organise/audit/").status_code == 302
    auth.as_role(Role.OFFICER)
    assert client.get("/organise/audit/").status_code == 403
    assert client.get("/organise/audit/export.csv").status_code == 403


def test_filters_by_action_actor_and_dates(client, auth, event):
    some_entries(event)
    auth.as_role(Role.ORGANISER)

    def shown(page: str) -> set[str]:
        return set(re.findall(r'data-action="([a-z_.]+)"', page))

    page = client.get("/organise/audit/").get_data(as_text=True)
    assert shown(page) == {"registration.approved", "registration.rejected", "badge.reissued"}

    page = client.get("/organise/audit/?action=registration.rejected").get_data(as_text=True)
    assert shown(page) == {"registration.rejected"}

    page = client.get("/organise/audit/?actor=олена").get_data(as_text=True)  # any case
    assert shown(page) == {"registration.approved", "registration.rejected"}
    page = client.get("/organise/audit/?actor=olena+koval").get_data(as_text=True)  # any script
    assert shown(page) == {"registration.approved", "registration.rejected"}

    # Days are the event's (Brussels, UTC+2 in May): 21:30 UTC on 2 May is still 2 May.
    page = client.get("/organise/audit/?date_from=2024-05-02&date_to=2024-05-02").get_data(
        as_text=True
    )
    assert shown(page) == {"registration.rejected"}
    page = client.get("/organise/audit/?date_from=2024-05-03").get_data(as_text=True)
    assert shown(page) == {"badge.reissued"}

    bad = client.get("/organise/audit/?date_from=2024-05-06&date_to=2024-05-01")
    assert b"The end date is before the start date." in bad.data


def test_csv_export_follows_the_filters_is_formula_safe_and_is_logged(client, auth, event):
    some_entries(event)
    auth.as_role(Role.ORGANISER)
    response = client.get("/organise/audit/export.csv?actor=olena")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["time_utc", "actor_email", "actor_role", "action"]
    assert [r[3] for r in rows[1:]] == ["registration.rejected", "registration.approved"]
    assert all(r[1] == "olena.officer@example.org" for r in rows[1:])
    # A value starting with = is neutralised for spreadsheets.
    assert not any(cell.startswith("=") for row in rows for cell in row)
    assert db.session.query(AuditEntry).filter_by(action="audit.exported").count() == 1


def test_pages_of_fifty(client, auth, event):
    organiser = auth.as_role(Role.ORGANISER)
    for n in range(120):
        record("test.bulk", actor=organiser, n=n)
    db.session.commit()
    first = client.get("/organise/audit/?action=test.bulk").get_data(as_text=True)
    assert "Page 1 of 3" in first
    third = client.get("/organise/audit/?action=test.bulk&page=3").get_data(as_text=True)
    assert third.count('data-action="test.bulk"') == 20


def test_entries_link_to_the_registration_they_are_about(client, auth, event):
    registration = factories.create_registration(event)
    record("registration.approved", registration, actor=None)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get("/organise/audit/").get_data(as_text=True)
    assert f'href="/accreditation/{registration.id}"' in page


def test_creating_a_staff_account_on_the_command_line_is_audited(runner, app):
    result = runner.invoke(
        args=["create-user", "door2@example.org", "--role", "staff"],
        input=f"{factories.PASSWORD}\n{factories.PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    entry = db.session.query(AuditEntry).filter_by(action="account.created").one()
    assert entry.details == {"role": "staff", "via": "cli"} and entry.actor_id is None


def test_entries_read_in_plain_words_with_labels_in_both_languages(client, auth, event):
    registration = factories.create_registration(
        event, given_name="Олена", family_name="Бондаренко"
    )
    officer = factories.create_user(Role.OFFICER, full_name="Ilse Virtanen")
    record("registration.category", registration, actor=officer, old="delegate", new="speaker")
    record("registration.edited", registration, actor=None, fields=["job_title", "phone"])
    record("event.settings", event, fields=["delegate_capacity"])
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get("/organise/audit/").get_data(as_text=True)
    assert "Badge category changed from Delegate to Speaker" in page
    assert "Job title, Mobile phone" in page and "Delegate capacity" in page
    assert "Олена Бондаренко" in page  # what the entry is about, by name
    for raw in ("job_title", "registrations #", "'speaker'", "[", "True", "None"):
        assert raw not in page.split("<main")[1], raw
    options = page.split('id="action"')[1].split("</select>")[0]
    assert ">Badge category changed</option>" in options and ">registration." not in options

    client.get("/language/uk")
    page = client.get("/organise/audit/").get_data(as_text=True)
    assert "Категорію бейджа змінено з «Делегат» на «Доповідач»" in page
