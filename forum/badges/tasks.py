"""The worker's tasks for print runs: draw a run, watch it while it is drawn, and sweep.

A run is queued after the commit of the request that asked for it (never before:
the worker must find its row). Each claim queues a watch for later; the watch
looks at the run's heartbeat and either looks again, takes a run whose worker
died over, or stops. The sweep, every minute, queues runs whose task or watch
was lost and deletes runs and files past their retention.
"""

import logging

from huey import crontab

from forum.badges import runs
from forum.tasks import periodic_task, task

log = logging.getLogger(__name__)


@task()
def draw_print_run(run_id: int) -> None:
    """Claim the run (if nobody draws it) and draw it."""
    token = runs.claim(run_id)
    if token is None:
        return
    _watch_later(run_id, token)
    runs.draw(run_id, token)


@task()
def watch_print_run(run_id: int, token: str) -> None:
    """Look at a claimed run: again later while its worker lives, take it over when not."""
    verdict = runs.watch(run_id, token)
    if verdict is runs.Watch.ALIVE:
        _watch_later(run_id, token)
    elif verdict is runs.Watch.STALE:
        log.warning("print run %s: its worker stopped giving signs of life; taking it over", run_id)
        draw_print_run.call_local(run_id)


@periodic_task(crontab(minute="*"))
def sweep_print_runs() -> None:
    """Queue runs whose task or watch went missing; delete runs and files kept long enough."""
    for run_id in runs.sweep():
        draw_print_run(run_id)


def _watch_later(run_id: int, token: str) -> None:
    delay = runs.stale_after().total_seconds() + 1
    watch_print_run.schedule((run_id, token), delay=delay)
