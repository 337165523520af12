"""A delegation's pile is a print run: asked for on the delegation's page, drawn by the
worker (cover sheet first, then the badges in its order), followed on the run's page."""

from datetime import date, timedelta

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges import runs
from forum.badges.models import PrintRun, RunState
from forum.badges.services import BadgeFilter
from forum.badges.tokens import issue_token
from forum.db import utcnow
from forum.delegations import members, printing
from forum.extensions import db
from forum.files.models import StoredFile
from forum.registration.models import RegistrationState
from tests import factories
from tests.badges.conftest import pdf_pages, pdf_text, qr_codes
from tests.delegations.conftest import create_delegation, person

S = RegistrationState
NAMES = [("Zoryana", "Yatsenko"), ("Adam", "Abbott"), ("Marta", "Kovalska"), ("Олег", "Бондар")]


def delegation_with_members(event, name: str = "Company X", first: int = 1):
    """A delegation of four: Abbott, Бондар (Bondar) and Yatsenko accredited, Kovalska not."""
    delegation = create_delegation(event, quota=6, name=name)
    people = {}
    for n, (given, family) in enumerate(NAMES, start=first):
        changes = dict(given_name=given, family_name=family)
        if family == "Бондар":
            changes.update(passport_given_name="Oleh", passport_family_name="Bondar")
        member = members.invite_member(delegation, person(n, **changes), delegation.focal_point)
        member.registration.state = S.PENDING if family == "Kovalska" else S.APPROVED
        people[family] = member.registration
    db.session.commit()
    return delegation, people


def count(query) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))


def audited(action: str) -> int:
    return count(sa.select(AuditEntry).where(AuditEntry.action == action))


def test_the_pile_is_its_cover_sheet_then_the_badges_in_the_cover_sheets_order(
    client, auth, event, tmp_path
):
    delegation, people = delegation_with_members(event)
    organiser = auth.as_role(Role.ORGANISER)
    response = client.post(f"/delegations/{delegation.id}/badges/print")
    assert response.status_code == 302 and "/badges/jobs/" in response.location

    page = client.get(response.location).data.decode()
    assert "Company X" in page and "after its cover sheet" in page  # the organiser knows it
    assert "All 3 badges are ready." in page
    assert f'href="/delegations/{delegation.id}"' in page
    status = client.get(response.location + ".json").get_json()
    assert status["state"] == "done" and status["done"] == status["total"] == 3
    pdf = client.get(status["download"])
    assert pdf.mimetype == "application/pdf"
    assert f"badges-delegation-{delegation.id}.pdf" in pdf.headers["Content-Disposition"]
    assert pdf.headers["Cache-Control"] == "private, no-store"

    assert pdf_pages(pdf.data, tmp_path)[0] == 4
    cover = pdf_text(pdf.data, tmp_path).split("\f")[0]
    order = [cover.index(name) for name in ("Abbott", "Бондар", "Kovalska", "Yatsenko")]
    assert order == sorted(order)  # in Latin letters: Bondar between Abbott and Kovalska
    expected = [people[name] for name in ("Abbott", "Бондар", "Yatsenko")]
    assert qr_codes(pdf.data, tmp_path) == [[]] + [[issue_token(r)] for r in expected]

    # Each badge marked printed once, by the organiser; the pile audited once.
    db.session.expire_all()
    assert all(r.badge_printed_version == 1 for r in expected)
    assert people["Kovalska"].badge_printed_at is None
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "badge.printed")
    ).all()
    assert sorted(e.target_id for e in entries) == sorted(r.id for r in expected)
    assert {e.actor_id for e in entries} == {organiser.id}
    pile = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "delegation.badges_printed")
    )
    assert pile.target_id == delegation.id and pile.details["badges"] == 3
    run = db.session.scalar(sa.select(PrintRun))
    assert run.delegation_id == delegation.id and run.state is RunState.DONE


def test_officers_and_organisers_print_a_pile_and_nobody_else(client, auth, event):
    delegation, _people = delegation_with_members(event)
    url = f"/delegations/{delegation.id}/badges/print"
    for role in (Role.FOCAL_POINT, Role.DELEGATE, Role.STAFF, Role.SECURITY_OFFICER):
        auth.sign_out()
        auth.as_role(role)
        assert client.post(url).status_code == 403, role
    assert count(sa.select(PrintRun)) == 0

    # An officer at the desk prints the pile and follows its run to the PDF.
    auth.sign_out()
    auth.as_role(Role.OFFICER)
    assert url in client.get(f"/delegations/{delegation.id}").data.decode()
    job = client.post(url).location
    assert client.get(job).status_code == 200
    status = client.get(job + ".json").get_json()
    assert status["state"] == "done" and status["total"] == 3
    pdf = client.get(status["download"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert client.get(url).status_code == 405  # asked for by a form, never by a link


def test_an_officer_cannot_follow_a_print_run_that_is_not_a_pile(client, auth, event):
    delegation_with_members(event)
    auth.as_role(Role.ORGANISER)
    job = client.post("/badges/print", data={"layout": "a6"}).location
    auth.sign_out()
    auth.as_role(Role.OFFICER)
    for address in (job, job + ".json", job + ".pdf"):
        assert client.get(address).status_code == 403, address


def test_a_pile_of_another_events_delegation_is_not_found(client, auth, event):
    other_event = factories.create_event(
        slug="last-year", starts_on=date(2023, 5, 8), ends_on=date(2023, 5, 8)
    )
    foreign, _people = delegation_with_members(other_event, name="Last year's company")
    auth.as_role(Role.ORGANISER)
    assert client.post(f"/delegations/{foreign.id}/badges/print").status_code == 404
    assert count(sa.select(PrintRun)) == 0


def test_a_pile_with_no_badge_says_so_and_starts_nothing(client, auth, event):
    delegation = create_delegation(event, quota=3, name="Company Y")
    members.invite_member(delegation, person(1), delegation.focal_point)  # not accredited
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(
        f"/delegations/{delegation.id}/badges/print",
        headers={"Referer": f"http://localhost/delegations/{delegation.id}"},
        follow_redirects=True,
    )
    assert "No member of this delegation has a badge yet" in response.data.decode()
    assert count(sa.select(PrintRun)) == 0


def test_a_pile_whose_worker_went_silent_is_taken_over_and_drawn_again_with_its_cover(
    event, tmp_path
):
    delegation, people = delegation_with_members(event)
    organiser = factories.create_user(Role.ORGANISER)
    ids = printing.pile_ids(delegation)
    run = runs.create_run(event, ids, "a6", organiser, BadgeFilter(), True, delegation=delegation)
    db.session.commit()
    old = runs.claim(run.id)
    # Kovalska is accredited while the pile is on its way: not in it, and the cover says so.
    people["Kovalska"].state = S.APPROVED
    db.session.commit()
    later = utcnow() + timedelta(seconds=61)  # no heartbeat for longer than 60 s
    assert runs.watch(run.id, old, now=later) is runs.Watch.STALE
    new = runs.claim(run.id, now=later)
    assert new is not None and new != old

    runs.draw(run.id, old)  # the worker thought dead wakes up: it stores and marks nothing
    assert audited("badge.printed") == 0 and audited("delegation.badges_printed") == 0
    runs.draw(run.id, new)
    db.session.expire_all()
    finished = db.session.get(PrintRun, run.id)
    assert finished.state is RunState.DONE and finished.attempts == 2
    assert count(sa.select(StoredFile)) == 1
    pdf = runs.open_pdf(finished).read()
    cover = pdf_text(pdf, tmp_path).split("\f")[0]
    assert "Company X" in cover and "accredited after this pile was asked for" in cover
    expected = [people[name] for name in ("Abbott", "Бондар", "Yatsenko")]
    assert qr_codes(pdf, tmp_path) == [[]] + [[issue_token(r)] for r in expected]
    assert audited("badge.printed") == 3 and audited("delegation.badges_printed") == 1
    assert people["Kovalska"].badge_printed_at is None
