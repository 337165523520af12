"""Large print runs in the background, with progress, so that no request waits for minutes.

A job is a thread in the web process that draws the badges into
instance/badge-jobs/<id>.pdf and keeps its progress in <id>.json next to it;
the job page polls that file. Files (not memory) hold the state, so any
worker process can answer the polling requests.
"""

import json
import os
import secrets
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from flask import Flask, current_app

from forum.auth.models import User
from forum.badges.services import BadgeFilter, iter_registrations, mark_printed, write_badges
from forum.events.models import Event
from forum.extensions import db

JOB_DIR = "badge-jobs"
KEEP_SECONDS = 24 * 3600
PROGRESS_EVERY = 25
JOB_ID_LENGTH = 16

_threads: dict[str, threading.Thread] = {}  # running jobs of this process (tests join them)


@dataclass
class JobStatus:
    id: str
    state: str  # "running", "done" or "failed"
    total: int
    done: int = 0
    layout: str = "a6"
    started_at: float = 0.0
    finished_at: float | None = None
    filters: dict | None = None

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)


def job_dir(app: Flask | None = None) -> Path:
    path = Path((app or current_app).instance_path) / JOB_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def valid_job_id(job_id: str) -> bool:
    return len(job_id) == JOB_ID_LENGTH and job_id.isalnum()


def read_status(job_id: str) -> JobStatus | None:
    """The progress of a job, or None if there is no such job."""
    if not valid_job_id(job_id):
        return None
    try:
        data = json.loads((job_dir() / f"{job_id}.json").read_text(encoding="utf-8"))
        return JobStatus(**data)
    except (OSError, ValueError, TypeError):
        return None


def result_path(job_id: str) -> Path | None:
    """The finished PDF of a job, or None while it is not there."""
    status = read_status(job_id)
    if status is None or status.state != "done":
        return None
    path = job_dir() / f"{job_id}.pdf"
    return path if path.exists() else None


def start_job(
    event, ids: list[int], layout: str, actor_id: int | None, badge_filter: BadgeFilter, mark: bool
) -> JobStatus:
    """Start drawing the badges of `ids` in a background thread; returns its first status."""
    app = current_app._get_current_object()
    _remove_old_jobs(app)
    job_id = secrets.token_hex(JOB_ID_LENGTH // 2)
    status = JobStatus(
        id=job_id,
        state="running",
        total=len(ids),
        layout=layout,
        started_at=time.time(),
        filters=badge_filter.as_details(),
    )
    _write_status(app, status)
    thread = threading.Thread(
        target=_run,
        args=(app, status, event.id, ids, actor_id, mark),
        name=f"badge-job-{job_id}",
        daemon=True,
    )
    _threads[job_id] = thread
    thread.start()
    return status


def wait_for(job_id: str, timeout: float = 60) -> None:
    """Block until a job of this process ends (for tests and the CLI)."""
    thread = _threads.get(job_id)
    if thread is not None:
        thread.join(timeout)


def _run(app: Flask, status: JobStatus, event_id: int, ids, actor_id, mark) -> None:
    directory = job_dir(app)
    partial = directory / f"{status.id}.part"
    with app.app_context():
        try:
            event = db.session.get(Event, event_id)

            def progress(done: int) -> None:
                if done % PROGRESS_EVERY == 0 or done == status.total:
                    status.done = done
                    _write_status(app, status)

            with partial.open("wb") as out:
                write_badges(event, iter_registrations(ids), out, status.layout, progress)
            if mark and ids:
                actor = db.session.get(User, actor_id) if actor_id else None
                mark_printed(ids, status.layout, actor)
            db.session.commit()
            os.replace(partial, directory / f"{status.id}.pdf")
            status.state, status.done = "done", status.total
        except Exception:
            db.session.rollback()
            app.logger.exception("badge job %s failed", status.id)
            partial.unlink(missing_ok=True)
            status.state = "failed"
        finally:
            status.finished_at = time.time()
            _write_status(app, status)
            db.session.remove()
            _threads.pop(status.id, None)


def _write_status(app: Flask, status: JobStatus) -> None:
    """Replace the status file in one step, so a poll never reads half a file."""
    directory = job_dir(app)
    temporary = directory / f"{status.id}.json.tmp"
    temporary.write_text(json.dumps(asdict(status)), encoding="utf-8")
    os.replace(temporary, directory / f"{status.id}.json")


def _remove_old_jobs(app: Flask) -> None:
    """Badge PDFs are credentials: do not keep them in the instance folder longer than a day."""
    cutoff = time.time() - KEEP_SECONDS
    for path in job_dir(app).iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue
