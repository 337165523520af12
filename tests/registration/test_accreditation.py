"""The officers' pages: list, search, filters, detail, decisions, bulk actions, settings."""

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.extensions import db
from forum.registration.models import BadgeCategory, OrganisationType, RegistrationState
from tests import factories

S = RegistrationState


def test_list_search_is_case_and_accent_insensitive(client, auth, event):
    factories.create_registration(event, given_name="Sébastien", family_name="Lefèvre")
    factories.create_registration(event, given_name="Олександр", family_name="Камишин")
    factories.create_registration(event, given_name="Anna", family_name="Kovács")
    auth.as_role(Role.OFFICER)
    page = client.get("/accreditation/?q=sebastien+LEFEVRE").get_data(as_text=True)
    assert "Sébastien Lefèvre" in page and "Kovács" not in page
    page = client.get("/accreditation/?q=камишин").get_data(as_text=True)
    assert "Олександр Камишин" in page and "Lefèvre" not in page
    page = client.get("/accreditation/?q=%25").get_data(as_text=True)
    assert "No registration matches" in page


def test_unconfirmed_registrations_never_reach_the_officers(client, auth, event):
    hidden = factories.create_registration(event, family_name="Unconfirmed", state=S.SUBMITTED)
    auth.as_role(Role.OFFICER)
    assert "Unconfirmed" not in client.get("/accreditation/").get_data(as_text=True)
    assert client.get(f"/accreditation/{hidden.id}").status_code == 404


def test_filters_counts_and_sorting(client, auth, event):
    factories.create_registration(
        event,
        family_name="Aaa",
        country="UA",
        state=S.APPROVED,
        organisation_type=OrganisationType.UA_INDUSTRY,
    )
    factories.create_registration(
        event, family_name="Zzz", country="BE", category=BadgeCategory.PRESS
    )
    factories.create_registration(event, family_name="Mmm", country="UA", state=S.REJECTED)
    auth.as_role(Role.OFFICER)
    page = client.get("/accreditation/?country=UA").get_data(as_text=True)
    assert "Aaa" in page and "Mmm" in page and "Zzz" not in page
    page = client.get("/accreditation/?country=UA&state=approved").get_data(as_text=True)
    assert "Aaa" in page and "Mmm" not in page
    page = client.get("/accreditation/?category=press").get_data(as_text=True)
    assert "Zzz" in page and "Aaa" not in page
    page = client.get("/accreditation/?organisation_type=ua_industry").get_data(as_text=True)
    assert "Aaa" in page and "Zzz" not in page
    page = client.get("/accreditation/?sort=name").get_data(as_text=True)
    assert page.index("Aaa") < page.index("Mmm") < page.index("Zzz")
    page = client.get("/accreditation/?sort=name&desc=1").get_data(as_text=True)
    assert page.index("Zzz") < page.index("Mmm") < page.index("Aaa")
    page = client.get("/accreditation/?state=bogus&sort=drop+table").get_data(as_text=True)
    assert "Aaa" in page  # nonsense filters are ignored


def test_pagination(client, auth, event):
    for i in range(55):
        factories.create_registration(event, family_name=f"Person{i:02d}")
    auth.as_role(Role.OFFICER)
    first = client.get("/accreditation/?sort=name").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Person49" in first and "Person50" not in first
    second = client.get("/accreditation/?sort=name&page=2").get_data(as_text=True)
    assert "Person50" in second and "Person49" not in second


def test_officer_approves_from_the_detail_page(client, auth, event, mailbox):
    registration = factories.create_registration(event)
    officer = auth.as_role(Role.OFFICER)
    page = client.get(f"/accreditation/{registration.id}").get_data(as_text=True)
    assert registration.email in page and "Approve" in page
    client.post(f"/accreditation/{registration.id}/decide", data={"action": "approve"})
    db.session.refresh(registration)
    assert registration.state is S.APPROVED
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "registration.approved")
    )
    assert entry.actor_id == officer.id
    history = client.get(f"/accreditation/{registration.id}").get_data(as_text=True)
    assert f"Approved by {officer.full_name or officer.email}" in history
    assert "accredited" in mailbox.to(registration.email)[-1]["Subject"]


def test_reject_without_reason_is_refused_with_a_message(client, auth, event):
    registration = factories.create_registration(event)
    auth.as_role(Role.OFFICER)
    response = client.post(
        f"/accreditation/{registration.id}/decide",
        data={"action": "reject", "reason": ""},
        follow_redirects=True,
    )
    assert "Give the delegate a reason" in response.get_data(as_text=True)
    db.session.refresh(registration)
    assert registration.state is S.PENDING


def test_approval_beyond_capacity_is_refused_with_a_clear_message(client, auth, event):
    event.delegate_capacity = 0
    registration = factories.create_registration(event)
    auth.as_role(Role.OFFICER)
    response = client.post(
        f"/accreditation/{registration.id}/decide",
        data={"action": "approve"},
        follow_redirects=True,
    )
    assert "The forum is full" in response.get_data(as_text=True)
    db.session.refresh(registration)
    assert registration.state is S.PENDING


def test_set_badge_category(client, auth, event):
    registration = factories.create_registration(event)
    auth.as_role(Role.OFFICER)
    client.post(f"/accreditation/{registration.id}/category", data={"category": "vip"})
    db.session.refresh(registration)
    assert registration.category is BadgeCategory.VIP


def test_bulk_approve_and_reject(client, auth, event, mailbox):
    regs = [factories.create_registration(event) for _ in range(3)]
    auth.as_role(Role.OFFICER)
    client.post("/accreditation/bulk", data={"action": "approve", "ids": [regs[0].id, regs[1].id]})
    client.post(
        "/accreditation/bulk",
        data={"action": "reject", "reason": "Duplicate person", "ids": [regs[2].id]},
    )
    for r in regs:
        db.session.refresh(r)
    assert [r.state for r in regs] == [S.APPROVED, S.APPROVED, S.REJECTED]
    assert "Duplicate person" in mailbox.body(mailbox.to(regs[2].email)[-1])


def test_bulk_actions_see_only_what_officers_may_see(client, auth, event):
    """Issue 13, finding 10: the bulk messages named unconfirmed registrations."""
    hidden = factories.create_registration(
        event, given_name="Hidden", family_name="Unconfirmed", state=S.SUBMITTED
    )
    shown = factories.create_registration(event, state=S.PENDING)
    auth.as_role(Role.OFFICER)
    for action in ("approve", "reject", "waitlist", "cancel"):
        response = client.post(
            "/accreditation/bulk",
            data={"action": action, "reason": "Bulk test", "ids": [hidden.id]},
            follow_redirects=True,
        )
        page = response.get_data(as_text=True)
        assert "Unconfirmed" not in page and "Hidden" not in page
    response = client.post(
        "/accreditation/bulk",
        data={"action": "approve", "ids": [hidden.id, shown.id]},
        follow_redirects=True,
    )
    assert "1 registration updated" in response.get_data(as_text=True)
    db.session.refresh(hidden)
    assert hidden.state is S.SUBMITTED


def test_bulk_without_selection_says_so(client, auth, event):
    auth.as_role(Role.OFFICER)
    response = client.post("/accreditation/bulk", data={"action": "approve"}, follow_redirects=True)
    assert "Select at least one registration" in response.get_data(as_text=True)


def test_roles(client, auth, event):
    registration = factories.create_registration(event)
    db.session.commit()
    assert client.get("/accreditation/").status_code == 302
    auth.as_role(Role.STAFF)
    assert client.get("/accreditation/").status_code == 403
    assert client.get(f"/accreditation/{registration.id}").status_code == 403
    auth.sign_out()
    auth.as_role(Role.OFFICER)
    assert client.get("/accreditation/").status_code == 200
    assert client.get("/accreditation/import").status_code == 403
    assert client.get("/accreditation/settings").status_code == 403
    auth.sign_out()
    auth.as_role(Role.ORGANISER)
    assert client.get("/accreditation/import").status_code == 200


def test_settings_in_the_event_time_zone(client, auth, event):
    auth.as_role(Role.ORGANISER)
    response = client.post(
        "/accreditation/settings",
        data={
            "delegate_capacity": "420",
            "registration_opens_at": "2024-03-01T09:00",
            "registration_closes_at": "2024-04-26T18:00",
            "auto_promote_waitlist": "y",
            "invitation_reminder_days": "7",
        },
    )
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.delegate_capacity == 420 and event.auto_promote_waitlist
    assert event.invited_skip_approval is False
    assert event.registration_opens_at.isoformat() == "2024-03-01T08:00:00+00:00"  # CET
    response = client.post(
        "/accreditation/settings",
        data={
            "delegate_capacity": "-5",
            "registration_opens_at": "2024-03-01T09:00",
            "registration_closes_at": "2024-02-01T09:00",
            "invitation_reminder_days": "7",
        },
    )
    page = response.get_data(as_text=True)
    assert "Registration must close after it opens." in page
    assert "Number must be between 0 and 100000." in page
    db.session.refresh(event)
    assert event.delegate_capacity == 420
