"""End to end: a delegation's pile survives its worker being killed in the middle.

As tests/badges/test_print_run_worker.py does for the printing page's runs: the real
worker draws the pile, is killed (SIGKILL) half-way, is started again, takes the run
over once its heartbeat is stale, and draws the cover sheet and every badge again:
one PDF, cover sheet first, each badge marked printed once, the pile audited once.
"""

import subprocess

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges.models import RunState
from forum.badges.tokens import issue_token
from forum.delegations.models import DelegationMember
from forum.extensions import db
from forum.files.models import StoredFile
from forum.registration.models import Registration
from tests.badges.test_print_run_worker import add_accredited, page_codes, run_row
from tests.delegations.conftest import create_delegation
from tests.mail.conftest import free_port, wait_for

MEMBERS = 1000  # long enough to be killed in the middle, as the printing page's test


def page_text(pdf, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", pdf, "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def audited(action: str) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == action))


def test_a_pile_is_taken_over_after_its_worker_is_killed_and_finishes_with_its_cover(
    client, auth, event, start_worker, monkeypatch, tmp_path
):
    monkeypatch.setenv("FORUM_BADGE_RUN_STALE_SECONDS", "3")  # 60 s in production
    delegation = create_delegation(event, quota=MEMBERS, name="Ardennes Munitions SA")
    registrations = add_accredited(event, MEMBERS)
    db.session.add_all(
        DelegationMember(delegation_id=delegation.id, registration_id=r.id) for r in registrations
    )
    db.session.commit()
    first = min(registrations, key=lambda r: r.family_name)
    last = max(registrations, key=lambda r: r.family_name)
    expected = {"first": issue_token(first), "last": issue_token(last)}
    auth.as_role(Role.ORGANISER)
    db.session.rollback()
    worker = start_worker(free_port())

    response = client.post(f"/delegations/{delegation.id}/badges/print")
    assert response.status_code == 302 and "/badges/jobs/" in response.location
    status_url = response.location + ".json"

    def status() -> dict:
        db.session.rollback()
        return client.get(status_url).get_json()

    wait_for(
        lambda: (run := run_row()).state is RunState.RUNNING and 0 < run.done < MEMBERS,
        timeout=120,
        what="the pile half drawn",
    )
    worker.process.kill()
    worker.process.wait()
    assert status()["state"] == "running" and run_row().attempts == 1
    assert audited("badge.printed") == 0  # nothing marked by the worker that died
    db.session.rollback()

    worker.start()
    wait_for(lambda: run_row().attempts == 2, timeout=60, what="the pile taken over")
    wait_for(lambda: status()["state"] == "done", timeout=300, what="the pile finished")
    assert "taken over from a worker that stopped" in worker.output()

    pdf = client.get(status()["download"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    path = tmp_path / "pile.pdf"
    path.write_bytes(pdf.data)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    cover_pages = pages - MEMBERS  # a thousand names take several cover pages
    assert cover_pages >= 1
    assert "Ardennes Munitions SA" in page_text(path, 1)
    assert "Collected by" in page_text(path, cover_pages)
    assert page_codes(path, cover_pages, tmp_path) == []  # the cover carries no badge
    assert page_codes(path, cover_pages + 1, tmp_path) == [expected["first"]]
    assert page_codes(path, pages, tmp_path) == [expected["last"]]

    db.session.rollback()
    files = db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile))
    marks, piles = audited("badge.printed"), audited("delegation.badges_printed")
    printed = db.session.scalar(
        sa.select(sa.func.count()).where(Registration.badge_printed_version == 1)
    )
    db.session.rollback()
    assert files == 1 and piles == 1
    assert marks == printed == MEMBERS
    assert "Traceback" not in worker.output()
