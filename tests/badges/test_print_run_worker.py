"""End to end: a print run survives the worker being killed in the middle.

The real worker process (`flask --app forum worker`) draws the run; this test process
is the web server the organiser polls. The worker is killed (SIGKILL: no goodbye) while
the run is half drawn, a new worker is started, the run is taken over once its
heartbeat is stale and finishes: one PDF, every badge marked printed once.
"""

import re
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges.models import PrintRun, RunState
from forum.badges.tokens import issue_token
from forum.extensions import db
from forum.files.models import StoredFile
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)
from tests.badges.conftest import zbar
from tests.mail.conftest import free_port, wait_for

# The issue's figure: a run of this size takes about 5 s of CPU to draw, minutes on a
# loaded machine with PostgreSQL, hence the test's own time limit.
BADGES = 3000
GIVEN = ["Sébastien", "Олена", "Jürgen", "Agnieszka", "Тарас", "Zoë"]


def add_accredited(event, count: int) -> list[Registration]:
    categories = list(BadgeCategory)
    registrations = []
    for n in range(count):
        registration = Registration(
            event_id=event.id,
            given_name=GIVEN[n % len(GIVEN)],
            family_name=f"Delegate {n:05d}",
            email=f"run{n}@example.org",
            organisation="Ardennes Munitions SA",
            organisation_type=OrganisationType.EU_INDUSTRY,
            country="BE",
            category=categories[n % len(categories)],
            state=RegistrationState.APPROVED,
        )
        registration.refresh_keys()
        registrations.append(registration)
    db.session.add_all(registrations)
    db.session.commit()
    return registrations


def run_row() -> PrintRun:
    db.session.rollback()  # a fresh look at what the worker wrote
    (run,) = db.session.scalars(sa.select(PrintRun)).all()
    db.session.rollback()
    return run


def page_codes(pdf: Path, page: int, folder: Path) -> list[str]:
    prefix = folder / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), pdf, prefix],
        check=True,
    )
    (image,) = folder.glob(f"page{page}-*.png")
    return zbar(image)


@pytest.mark.timeout(900)
def test_a_print_run_is_taken_over_after_its_worker_is_killed_and_finishes(
    client, auth, event, start_worker, monkeypatch, tmp_path
):
    # The worker gives a run up for dead after 3 s without a heartbeat (60 s in production).
    monkeypatch.setenv("FORUM_BADGE_RUN_STALE_SECONDS", "3")
    registrations = add_accredited(event, BADGES)
    first = min(registrations, key=lambda r: r.family_name)
    last = max(registrations, key=lambda r: r.family_name)
    expected = {"first": issue_token(first), "last": issue_token(last)}
    auth.as_role(Role.ORGANISER)
    db.session.rollback()
    worker = start_worker(free_port())

    response = client.post("/badges/print", data={"layout": "a6", "mark_printed": "y"})
    assert response.status_code == 302
    status_url = response.location + ".json"

    def status() -> dict:
        db.session.rollback()  # the requests share the test's session: no stale reads
        return client.get(status_url).get_json()

    # Killed (SIGKILL: no goodbye) as soon as its first progress is written.
    wait_for(
        lambda: (run := run_row()).state is RunState.RUNNING and 0 < run.done < BADGES,
        timeout=120,
        what="the run half drawn",
    )
    worker.process.kill()
    worker.process.wait()
    # The organiser's page (this process) shows the progress the worker wrote.
    stopped = status()
    assert stopped["state"] == "running" and 0 < stopped["done"] < BADGES
    assert run_row().attempts == 1

    # The same worker started again, on the same queue (what systemd's restart does).
    worker.start()
    wait_for(lambda: run_row().attempts == 2, timeout=60, what="the run taken over")
    wait_for(lambda: status()["state"] == "done", timeout=600, what="the run finished")
    assert "taken over from a worker that stopped" in worker.output()
    finished = status()
    assert finished["done"] == finished["total"] == BADGES and finished["percent"] == 100

    pdf = client.get(finished["download"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    path = tmp_path / "run.pdf"
    path.write_bytes(pdf.data)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == str(BADGES)
    assert page_codes(path, 1, tmp_path) == [expected["first"]]
    assert page_codes(path, BADGES, tmp_path) == [expected["last"]]

    # One file, every badge marked printed once, by the organiser who asked.
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == 1
    marks = db.session.scalar(
        sa.select(sa.func.count()).where(AuditEntry.action == "badge.printed")
    )
    printed = db.session.scalar(
        sa.select(sa.func.count()).where(Registration.badge_printed_version == 1)
    )
    db.session.rollback()
    assert marks == printed == BADGES
    assert run_row().state is RunState.DONE
    assert "Traceback" not in worker.output()
