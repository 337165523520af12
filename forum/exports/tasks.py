"""The worker's tasks for export jobs: make a job's file, and sweep.

A job is queued after the commit of the request that asked for it (never before: the
worker must find its row). The sweep, every minute, queues jobs whose task was lost or
whose worker died and deletes files and jobs kept long enough.
"""

import logging

from huey import crontab

from forum.exports import jobs
from forum.tasks import periodic_task, task

log = logging.getLogger(__name__)


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
