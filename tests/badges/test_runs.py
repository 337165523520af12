"""Print runs as the worker sees them: claims, take-overs, retention, where files live."""

from datetime import timedelta

import sqlalchemy as sa

from forum import files
from forum.badges import runs
from forum.badges.models import PrintRun, RunState
from forum.badges.services import BadgeFilter, printable_ids
from forum.db import utcnow
from forum.extensions import db
from forum.files.models import StoredFile
from tests.badges.conftest import accredited


def new_run(event, count: int = 2, mark: bool = True) -> PrintRun:
    for _ in range(count):
        accredited(event)
    run = runs.create_run(event, printable_ids(event), "a6", None, BadgeFilter(), mark)
    db.session.commit()
    return run


def fresh(run: PrintRun) -> PrintRun:
    db.session.expire_all()
    return db.session.get(PrintRun, run.id)


def test_only_one_worker_claims_a_waiting_run(event):
    run = new_run(event)
    token = runs.claim(run.id)
    assert token is not None
    assert runs.claim(run.id) is None  # alive in the first worker
    assert runs.watch(run.id, token) is runs.Watch.ALIVE
    assert fresh(run).state is RunState.RUNNING and fresh(run).attempts == 1


def test_a_run_whose_worker_went_silent_is_taken_over_and_the_old_worker_stores_nothing(event):
    run = new_run(event)
    old = runs.claim(run.id)
    later = utcnow() + timedelta(seconds=61)  # no heartbeat for longer than 60 s
    assert runs.watch(run.id, old, now=later) is runs.Watch.STALE
    new = runs.claim(run.id, now=later)
    assert new is not None and new != old
    assert runs.watch(run.id, old) is runs.Watch.STOP  # the new claim has its own watch

    runs.draw(run.id, old)  # the worker thought dead wakes up: it stops, stores nothing
    assert fresh(run).state is RunState.RUNNING and fresh(run).file_key is None
    runs.draw(run.id, new)
    finished = fresh(run)
    assert finished.state is RunState.DONE and finished.attempts == 2
    assert finished.done == finished.total == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == 1
    pdf = runs.open_pdf(finished).read()
    assert pdf.startswith(b"%PDF")


def test_a_run_that_kills_its_workers_is_given_up_after_the_attempts(app, event):
    app.config["BADGE_RUN_ATTEMPTS"] = 2
    run = new_run(event)
    now = utcnow()
    for attempt in range(2):
        now += timedelta(seconds=61)
        assert runs.claim(run.id, now=now) is not None, attempt
    assert runs.claim(run.id, now=now + timedelta(seconds=61)) is None
    assert fresh(run).state is RunState.FAILED


def test_finished_runs_and_their_files_are_deleted_after_the_retention(app, event):
    run = new_run(event)
    token = runs.claim(run.id)
    runs.draw(run.id, token)
    assert runs.sweep() == []
    assert fresh(run) is not None
    runs.sweep(now=utcnow() + timedelta(days=1, minutes=1))
    assert fresh(run) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == 0


def test_the_sweep_queues_runs_whose_task_was_lost(event):
    waiting = new_run(event)
    assert runs.sweep() == []  # just queued: its task is on its way
    assert runs.sweep(now=utcnow() + timedelta(minutes=2)) == [waiting.id]


def test_in_a_shared_directory_the_pdf_is_a_file_there(app, event, tmp_path):
    app.config["FILE_STORAGE_DIR"] = str(tmp_path / "shared")
    run = new_run(event)
    token = runs.claim(run.id)
    runs.draw(run.id, token)
    finished = fresh(run)
    path = tmp_path / "shared" / finished.file_key
    assert path.read_bytes().startswith(b"%PDF")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == 0
    assert files.delete_expired(utcnow()) == 0
    assert files.delete_expired(utcnow() + timedelta(days=2)) == 1
    assert not path.exists()


def test_file_keys_cannot_leave_the_storage(app, tmp_path):
    app.config["FILE_STORAGE_DIR"] = str(tmp_path)
    for key in ("../secret", "/etc/passwd", "a/../../b", ".hidden", ""):
        try:
            files.open_file(key)
        except files.FileStorageError:
            continue
        raise AssertionError(f"{key!r} was accepted")
