"""The worker's tasks for export jobs: make a job's file, and sweep.

A job is queued after the commit of the request that asked for it (never before: the
worker must find its row). The sweep, every minute, queues jobs whose task was lost or
whose worker died and deletes files and jobs kept long enough.
"""

import logging

import sqlalchemy as sa
from huey import crontab
from sqlalchemy import orm as so

from forum.exports import jobs
from forum.exports.models import ExportJob
from forum.extensions import db
from forum.tasks import periodic_task, task

log = logging.getLogger(__name__)
_TO_QUEUE = "export_jobs_to_queue"


@task()
def build_export(job_id: int) -> None:
    """Claim the job (if nobody makes it) and make its file."""
    token = jobs.claim(job_id)
    if token is not None:
        jobs.build(job_id, token)


@periodic_task(crontab(minute="*"))
def sweep_exports() -> None:
    """Queue jobs whose task was lost; delete files and jobs kept long enough."""
    for job_id in jobs.sweep():
        log.warning("export job %s waited or ran too long; queued again", job_id)
        build_export(job_id)


def queue_after_commit(job: ExportJob) -> None:
    """Queue the making of `job` once the transaction that created it commits."""
    db.session.info.setdefault(_TO_QUEUE, []).append(job.id)


def _after_commit(session: so.Session) -> None:
    transaction = session.get_transaction()
    if transaction is not None and transaction.is_active:
        return  # a savepoint's: the enclosing transaction decides
    for job_id in session.info.pop(_TO_QUEUE, []):
        try:
            build_export(job_id)
        except Exception:
            log.exception("Could not queue export job %s; the sweep will", job_id)


def _after_rollback(session: so.Session) -> None:
    transaction = session.get_transaction()
    if transaction is None or not transaction.is_active:
        session.info.pop(_TO_QUEUE, None)


def listen() -> None:
    """Queue export jobs after the commits that created them (connected once)."""
    for name, receiver in (("after_commit", _after_commit), ("after_rollback", _after_rollback)):
        if not sa.event.contains(db.session, name, receiver):
            sa.event.listen(db.session, name, receiver)
