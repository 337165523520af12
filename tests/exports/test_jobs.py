"""Large exports go through the task queue; small ones stay a direct download."""

import csv
import io
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.db import utcnow
from forum.exports import jobs
from forum.exports.models import ExportJob, ExportState
from forum.extensions import db
from forum.files.models import StoredFile
from forum.registration import exports
from forum.registration.search import ListFilter
from tests import factories
from tests.exports.conftest import add_registrations
from tests.questions.test_officers import answered
from tests.threads import run_threads


def only_job() -> ExportJob:
    db.session.rollback()
    (job,) = db.session.scalars(sa.select(ExportJob)).all()
    return job


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def sheet_values(body: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(body)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_a_small_export_asked_from_the_list_downloads_at_once(client, auth, event):
    add_registrations(event, 2)
    db.session.commit()
    auth.as_role(Role.OFFICER)
    response = client.post("/accreditation/export", data={"format": "csv", "state": "all"})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="registrations.csv"'
    assert response.data == client.get("/accreditation/export.csv?state=all").data
    assert count(ExportJob) == 0
    assert count(AuditEntry, AuditEntry.action == "registrations.exported") == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_large_export_is_made_by_the_worker_as_the_direct_download_would_be(
    client, auth, event, questions, inline_rows, app, fmt
):
    for n in range(4):
        answered(event, questions, interpretation="French", b2b=n % 2 == 0)
    add_registrations(event, 3)
    db.session.commit()
    officer = auth.as_role(Role.OFFICER)
    client.get("/language/uk")  # the file is in the language of the officer who asked
    asked = {"format": fmt, "state": "all", "sort": "name", "desc": ""}

    response = client.post("/accreditation/export", data=asked)
    assert response.status_code == 303
    job = only_job()
    assert response.location == f"/accreditation/exports/{job.public_id}"
    assert (job.format, job.language, job.rows, job.actor_id) == (fmt, "uk", 7, officer.id)
    assert job.filters == {"state": "all", "sort": "name"}
    # The test's queue runs the task as soon as the request has committed.
    assert job.state is ExportState.DONE and job.file_key == f"exports/{job.public_id}.{fmt}"
    page = client.get(response.location).get_data(as_text=True)
    assert "Завантажити" in page  # Download
    status = client.get(response.location + ".json").get_json()
    assert status == {
        "state": "done",
        "rows": 7,
        "download": f"/accreditation/exports/{job.public_id}/download",
    }

    made = client.get(status["download"])
    assert made.status_code == 200 and made.content_type == exports.MIMETYPES[fmt]
    assert made.headers["Cache-Control"] == "private, no-store"
    app.config["EXPORT_INLINE_ROWS"] = 1000
    inline = client.get(f"/accreditation/export.{fmt}?state=all&sort=name").data
    if fmt == "csv":
        assert made.data == inline
        assert "Французька" in made.data.decode("utf-8-sig")  # the answer, in Ukrainian
    else:
        assert sheet_values(made.data) == sheet_values(inline)
        assert sheet_values(made.data)[0][0] == "ID" and len(sheet_values(made.data)) == 8

    asked_entry, downloaded = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.target_type == "export_jobs").order_by(AuditEntry.id)
    ).all()
    assert asked_entry.action == "registrations.export_requested"
    assert asked_entry.details == {"format": fmt, "count": 7, "filter": job.filters}
    assert downloaded.action == "registrations.exported"
    assert (downloaded.actor_id, downloaded.target_id) == (officer.id, job.id)
    assert downloaded.details == asked_entry.details


def test_the_job_exports_every_page_of_the_filter_asked(client, auth, event, inline_rows):
    add_registrations(event, 9)
    db.session.commit()
    auth.as_role(Role.OFFICER)
    client.post("/accreditation/export", data={"format": "csv", "state": "approved", "page": "2"})
    body = jobs.open_export(only_job()).read().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))[1:]
    assert [row[1] for row in rows] == ["Accredited"] * 3  # every page, this state only


def test_a_direct_download_link_of_a_large_export_points_to_the_buttons(
    client, auth, event, inline_rows
):
    add_registrations(event, 3)
    db.session.commit()
    auth.as_role(Role.OFFICER)
    response = client.get("/accreditation/export.csv?state=all", follow_redirects=True)
    assert "This export is large" in response.get_data(as_text=True)
    assert count(ExportJob) == 0


def test_an_unknown_format_is_refused_and_nothing_is_asked(client, auth, event, inline_rows):
    add_registrations(event, 3)
    db.session.commit()
    auth.as_role(Role.OFFICER)
    response = client.post("/accreditation/export", data={"format": "pdf"}, follow_redirects=True)
    assert "Choose CSV or Excel." in response.get_data(as_text=True)
    assert count(ExportJob) == 0


def test_only_the_officer_who_asked_and_the_organisers_may_follow_and_download(
    client, auth, event, inline_rows
):
    add_registrations(event, 3)
    db.session.commit()
    auth.as_role(Role.OFFICER)
    client.post("/accreditation/export", data={"format": "csv", "state": "all"})
    job = only_job()
    urls = [f"/accreditation/exports/{job.public_id}{end}" for end in ("", ".json", "/download")]
    assert (
        f"/accreditation/exports/{job.public_id}".encode()
        in client.get("/accreditation/exports/").data
    )

    auth.sign_out()
    auth.as_role(Role.OFFICER)  # another officer
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    assert job.public_id.encode() not in client.get("/accreditation/exports/").data

    for role in (Role.STAFF, Role.DELEGATE, Role.SECURITY_OFFICER, Role.FOCAL_POINT):
        auth.sign_out()
        auth.as_role(role)
        assert [client.get(url).status_code for url in urls] == [403, 403, 403]

    auth.sign_out()
    auth.as_role(Role.ORGANISER)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    assert job.public_id.encode() in client.get("/accreditation/exports/").data
    downloads = count(
        AuditEntry, AuditEntry.action == "registrations.exported", AuditEntry.target_id == job.id
    )
    assert downloads == 1
    log = client.get("/organise/audit/").get_data(as_text=True)
    assert "Export of registrations asked for" in log and "Registrations exported" in log


def test_another_events_job_is_not_found(client, auth, event):
    earlier = factories.create_event(starts_on=event.starts_on - timedelta(days=400))
    officer = factories.create_user(role=Role.ORGANISER)
    job = jobs.start(earlier, ListFilter(), "csv", 5000, officer, "en")
    db.session.commit()
    client.post("/sign-in", data={"email": officer.email, "password": factories.PASSWORD})
    for end in ("", ".json", "/download"):
        assert client.get(f"/accreditation/exports/{job.public_id}{end}").status_code == 404
    assert client.get("/accreditation/exports/not-a-job").status_code == 404


def test_an_expired_job_says_its_file_was_deleted_and_the_sweep_deletes_both(
    client, auth, event, inline_rows
):
    add_registrations(event, 3)
    db.session.commit()
    auth.as_role(Role.OFFICER)
    client.post("/accreditation/export", data={"format": "xlsx", "state": "all"})
    job = only_job()
    url = f"/accreditation/exports/{job.public_id}"
    assert count(StoredFile) == 1

    job.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "This export was deleted" in client.get(url).get_data(as_text=True)
    assert client.get(url + ".json").get_json()["state"] == "deleted"
    refused = client.get(url + "/download")
    assert refused.status_code == 410 and "This export was deleted" in refused.get_data(
        as_text=True
    )

    assert jobs.sweep() == []
    assert count(StoredFile) == 0 and only_job().file_key is None
    assert "This export was deleted" in client.get(url).get_data(as_text=True)
    jobs.sweep(now=utcnow() + jobs.ROW_KEEP)
    assert count(ExportJob) == 0
    assert client.get(url).status_code == 404


def test_jobs_whose_task_was_lost_are_queued_again_and_done_once(app, event):
    officer = factories.create_user(role=Role.OFFICER)
    add_registrations(event, 3)
    job = jobs.start(event, ListFilter(state="approved"), "csv", 1, officer, "en")
    db.session.commit()
    later = utcnow() + timedelta(seconds=app.config["EXPORT_STALE_SECONDS"] + 1)
    assert jobs.sweep() == []  # just asked for: its task is on its way
    assert jobs.sweep(now=later) == [job.id]  # waiting too long: its task was lost

    first = jobs.claim(job.id)
    assert jobs.claim(job.id) is None  # a second task for it does nothing
    assert jobs.sweep(now=later) == [job.id]  # running too long: its worker died
    second = jobs.claim(job.id, now=later)
    assert second not in (None, first)
    jobs.build(job.id, first)  # the worker thought dead stores nothing
    assert only_job().state is ExportState.RUNNING and count(StoredFile) == 0
    jobs.build(job.id, second)
    done = only_job()
    assert (done.state, done.attempts, done.rows) == (ExportState.DONE, 2, 1)
    assert count(StoredFile) == 1
    assert jobs.claim(job.id, now=later + timedelta(days=1)) is None  # done is done
    assert jobs.sweep(now=later) == []


def test_a_job_given_up_after_its_attempts_and_one_that_raises_fail(app, event, monkeypatch):
    officer = factories.create_user(role=Role.OFFICER)
    stuck = jobs.start(event, ListFilter(), "csv", 1, officer, "en")
    broken = jobs.start(event, ListFilter(), "csv", 1, officer, "en")
    db.session.commit()
    now = utcnow()
    for attempt in range(jobs.ATTEMPTS):
        now += timedelta(seconds=app.config["EXPORT_STALE_SECONDS"] + 1)
        assert jobs.claim(stuck.id, now=now) is not None, attempt
    now += timedelta(seconds=app.config["EXPORT_STALE_SECONDS"] + 1)
    assert jobs.claim(stuck.id, now=now) is None
    db.session.refresh(stuck)
    assert stuck.state is ExportState.FAILED

    def explode(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "export_file", explode)
    jobs.build(broken.id, jobs.claim(broken.id))
    db.session.refresh(broken)
    assert broken.state is ExportState.FAILED and broken.file_key is None


def test_asking_for_an_export_needs_the_forms_csrf_token(client, auth, event, inline_rows, app):
    add_registrations(event, 3)
    db.session.commit()
    auth.as_role(Role.OFFICER)
    app.config["WTF_CSRF_ENABLED"] = True  # as in production
    response = client.post("/accreditation/export", data={"format": "csv", "state": "all"})
    assert response.status_code == 400
    assert count(ExportJob) == 0
    assert count(AuditEntry, AuditEntry.action.like("registrations.export%")) == 0


def test_two_workers_at_once_make_a_job_once(app, event):
    officer = factories.create_user(role=Role.OFFICER)
    add_registrations(event, 3)
    job_id = jobs.start(event, ListFilter(), "csv", 3, officer, "en").id
    db.session.commit()
    barrier = threading.Barrier(3)
    claims: list[str | None] = []

    def work() -> None:
        with app.app_context():
            try:
                barrier.wait()
                token = jobs.claim(job_id)
                claims.append(token)
                if token is not None:
                    jobs.build(job_id, token)
            finally:
                db.session.remove()

    run_threads(work, [(), (), ()])
    assert len([c for c in claims if c is not None]) == 1
    done = only_job()
    assert (done.state, done.attempts) == (ExportState.DONE, 1)
    assert count(StoredFile) == 1
