"""End to end: the real worker process (`flask --app forum worker`) makes a large export.

This test process is the web server: the officer asks, the request commits and queues the
task, the worker makes the file and stores it, the officer's page sees it done and the
download is the file the direct download of the same filter gives.
"""

import sqlalchemy as sa

from forum.auth.models import Role
from forum.exports.models import ExportJob
from forum.extensions import db
from tests.exports.conftest import add_registrations
from tests.mail.conftest import free_port, wait_for


def test_the_worker_process_makes_a_large_export_the_officer_downloads(
    app, client, auth, event, start_worker, inline_rows
):
    add_registrations(event, 30)
    db.session.commit()
    auth.as_role(Role.OFFICER)
    db.session.rollback()
    worker = start_worker(free_port())

    response = client.post("/accreditation/export", data={"format": "csv", "state": "all"})
    assert response.status_code == 303
    status_url = response.location + ".json"

    def status() -> dict:
        db.session.rollback()  # the requests share the test's session: no stale reads
        return client.get(status_url).get_json()

    wait_for(lambda: status()["state"] == "done", timeout=120, what="the export made")
    made = client.get(status()["download"])
    assert made.status_code == 200
    db.session.rollback()
    app.config["EXPORT_INLINE_ROWS"] = 1000
    assert made.data == client.get("/accreditation/export.csv?state=all").data
    assert made.data.decode("utf-8-sig").count("\n") == 31
    db.session.rollback()
    job = db.session.scalar(sa.select(ExportJob))
    db.session.rollback()
    assert (job.attempts, job.rows) == (1, 30)
    assert "Traceback" not in worker.output()
