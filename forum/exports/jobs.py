"""Large exports of registrations through the task queue (the small ones stay in the request).

1. `start` (in the officer's POST) writes a queued job with the filter, format and
   language fixed; after the commit its task is queued (forum/exports/tasks.py).
2. A worker `claim`s it: a conditional UPDATE only one worker wins, giving it a claim.
3. `build` makes the file with the code of the direct download
   (forum.registration.exports.export_file), in the language of the officer who asked,
   and stores it (forum.files) and marks the job done in one transaction, only while
   its claim is still the job's: a job is done once, whoever else tried.
4. The sweep (every minute) queues again a job waiting or running longer than
   EXPORT_STALE_SECONDS (its task was lost or its worker died), gives up one that was
   started EXPORT_ATTEMPTS times, deletes files past EXPORT_KEEP and, ROW_KEEP later,
   their jobs (until then the job's page says that its file was deleted).
"""

import logging
import secrets
from datetime import datetime, timedelta
from io import BytesIO
from typing import BinaryIO

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import orm as so
from werkzeug.datastructures import MultiDict

from forum import files
from forum.audit.services import record
from forum.auth.models import Role, User
from forum.db import utcnow
from forum.events.models import Event
from forum.exports.models import ExportJob, ExportState
from forum.extensions import db
from forum.i18n import BABEL_LOCALES
from forum.registration import exports
from forum.registration.search import ListFilter

log = logging.getLogger(__name__)

PUBLIC_ID_BYTES = 8
ATTEMPTS = 3  # starts of a job before it is given up (a file that kills its worker)
ROW_KEEP = timedelta(days=7)  # after its file is deleted, the job says so this long
RECENT = 20  # jobs on the list of recent exports


def _duration(name: str) -> timedelta:
    """A timedelta setting; a number (from FORUM_* variables) counts seconds."""
    value = current_app.config[name]
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


def start(event: Event, flt: ListFilter, fmt: str, rows: int, actor: User, language: str):
    """A queued export job of `flt`'s registrations; audited. The caller commits, then
    queues it (forum.tasks.queue_after_commit)."""
    job = ExportJob(
        public_id=secrets.token_hex(PUBLIC_ID_BYTES),
        event_id=event.id,
        actor_id=actor.id,
        format=fmt,
        filters=flt.args(page=1),
        language=language,
        state=ExportState.QUEUED,
        rows=rows,
        attempts=0,
        expires_at=utcnow() + _duration("EXPORT_KEEP"),
    )
    db.session.add(job)
    db.session.flush()
    record("registrations.export_requested", job, format=fmt, count=rows, filter=job.filters)
    return job


def find_job(event: Event, public_id: str) -> ExportJob | None:
    """The job of `event` with this public id, or None."""
    if len(public_id) != 2 * PUBLIC_ID_BYTES or not public_id.isalnum():
        return None
    return db.session.scalar(
        sa.select(ExportJob).where(ExportJob.public_id == public_id, ExportJob.event_id == event.id)
    )


def may_see(job: ExportJob, user: User) -> bool:
    """The officer who asked, and the organisers, may follow and download a job."""
    return user.role == Role.ORGANISER or job.actor_id == user.id


def recent_jobs(event: Event, user: User) -> list[ExportJob]:
    """The newest jobs `user` may see: their own; an organiser's list has everyone's."""
    query = sa.select(ExportJob).where(ExportJob.event_id == event.id)
    if user.role != Role.ORGANISER:
        query = query.where(ExportJob.actor_id == user.id)
    query = query.options(so.selectinload(ExportJob.actor))
    return list(db.session.scalars(query.order_by(ExportJob.id.desc()).limit(RECENT)))


def state_of(job: ExportJob, now: datetime | None = None) -> str:
    """The job's state as its page shows it: "deleted" once its file's time has run out."""
    if job.expired(now or utcnow()) and job.state is not ExportState.FAILED:
        return "deleted"
    return job.state.value


def open_export(job: ExportJob, now: datetime | None = None) -> BinaryIO | None:
    """The finished file of a job, or None while it is not ready (or was deleted)."""
    if job.state is not ExportState.DONE or not job.file_key or job.expired(now or utcnow()):
        return None
    return files.open_file(job.file_key)


def record_download(job: ExportJob) -> None:
    """Each download is audited, as a direct download is."""
    record("registrations.exported", job, format=job.format, count=job.rows, filter=job.filters)


# -- the worker's side ------------------------------------------------------------------------


def _update(job_id: int, *conditions, **values) -> bool:
    """One conditional UPDATE of a job; True if it changed the row."""
    result = db.session.execute(
        sa.update(ExportJob)
        .where(ExportJob.id == job_id, *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def claim(job_id: int, now: datetime | None = None) -> str | None:
    """Take the job if it waits, or runs for too long (its worker died); commits.

    Returns the claim, or None when this worker is not to make it. A stale job that has
    used up its attempts is marked failed instead.
    """
    now = now or utcnow()
    stale = sa.and_(
        ExportJob.state == ExportState.RUNNING,
        ExportJob.started_at < now - _duration("EXPORT_STALE_SECONDS"),
    )
    _update(
        job_id,
        stale,
        ExportJob.attempts >= ATTEMPTS,
        state=ExportState.FAILED,
        claim=None,
        finished_at=now,
    )
    token = secrets.token_hex(16)
    claimed = _update(
        job_id,
        sa.or_(ExportJob.state == ExportState.QUEUED, stale),
        ExportJob.expires_at > now,
        state=ExportState.RUNNING,
        claim=token,
        started_at=now,
        attempts=ExportJob.attempts + 1,
    )
    db.session.commit()
    return token if claimed else None


def build(job_id: int, token: str) -> None:
    """Make a claimed job's file, store it and mark the job done; commits.

    Marks the job failed when making the file raised; stores nothing when another
    worker took the job over meanwhile.
    """
    job = db.session.get(ExportJob, job_id)
    try:
        event = db.session.get(Event, job.event_id)
        flt = ListFilter.from_args(MultiDict(job.filters))
        with force_locale(BABEL_LOCALES.get(job.language, job.language)):
            body, count = exports.export_file(event, flt, job.format)
        _finish(job_id, token, body, count)
    except Exception:
        db.session.rollback()
        log.exception("export job %s failed", job_id)
        _update(
            job_id,
            ExportJob.claim == token,
            state=ExportState.FAILED,
            claim=None,
            finished_at=utcnow(),
        )
        db.session.commit()


def _finish(job_id: int, token: str, body: bytes, count: int) -> None:
    job = db.session.scalar(
        sa.select(ExportJob)
        .where(ExportJob.id == job_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if job is None or job.state is not ExportState.RUNNING or job.claim != token:
        db.session.rollback()
        log.warning("export job %s was taken over by another worker; this one stops", job_id)
        return
    job.file_key = f"exports/{job.public_id}.{job.format}"
    job.file_size = files.save(job.file_key, BytesIO(body), job.expires_at)
    job.state, job.rows, job.claim, job.finished_at = ExportState.DONE, count, None, utcnow()
    db.session.commit()
    log.info("export job %s done: %s rows, %s bytes", job_id, count, job.file_size)


def sweep(now: datetime | None = None) -> list[int]:
    """Delete files past their retention (and their jobs ROW_KEEP later); returns the jobs
    to queue again: those waiting or running for longer than EXPORT_STALE_SECONDS.
    Commits."""
    now = now or utcnow()
    expired = db.session.execute(
        sa.select(ExportJob.id, ExportJob.file_key).where(
            ExportJob.expires_at <= now, ExportJob.file_key.is_not(None)
        )
    ).all()
    for _, key in expired:
        files.delete(key)
    if expired:
        db.session.execute(
            sa.update(ExportJob)
            .where(ExportJob.id.in_([i for i, _ in expired]))
            .values(file_key=None)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(sa.delete(ExportJob).where(ExportJob.expires_at <= now - ROW_KEEP))
    stale = now - _duration("EXPORT_STALE_SECONDS")
    lost = db.session.scalars(
        sa.select(ExportJob.id).where(
            ExportJob.expires_at > now,
            sa.or_(
                sa.and_(ExportJob.state == ExportState.QUEUED, ExportJob.created_at < stale),
                sa.and_(ExportJob.state == ExportState.RUNNING, ExportJob.started_at < stale),
            ),
        )
    ).all()
    db.session.commit()
    return list(lost)
