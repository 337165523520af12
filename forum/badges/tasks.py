"""The worker's tasks for print runs: draw a run, watch it while it is drawn, and sweep.

A run is queued after the commit of the request that asked for it (never before:
the worker must find its row). Each claim queues a watch for later; the watch
looks at the run's heartbeat and either looks again, takes a run whose worker
died over, or stops. The sweep, every minute, queues runs whose task or watch
was lost and deletes runs and files past their retention.
"""

import logging

import sqlalchemy as sa
from huey import crontab
from sqlalchemy import orm as so

from forum.badges import runs
from forum.badges.models import PrintRun
from forum.extensions import db
from forum.tasks import periodic_task, task

log = logging.getLogger(__name__)
_TO_QUEUE = "print_runs_to_queue"


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


def queue_after_commit(run: PrintRun) -> None:
    """Queue the drawing of `run` once the transaction that created it commits."""
    db.session.info.setdefault(_TO_QUEUE, []).append(run.id)


def _after_commit(session: so.Session) -> None:
    transaction = session.get_transaction()
    if transaction is not None and transaction.is_active:
        return  # a savepoint's: the enclosing transaction decides
    for run_id in session.info.pop(_TO_QUEUE, []):
        try:
            draw_print_run(run_id)
        except Exception:
            log.exception("Could not queue print run %s; the sweep will", run_id)


def _after_rollback(session: so.Session) -> None:
    transaction = session.get_transaction()
    if transaction is None or not transaction.is_active:
        session.info.pop(_TO_QUEUE, None)


def listen() -> None:
    """Queue print runs after the commits that created them (connected once)."""
    for name, receiver in (("after_commit", _after_commit), ("after_rollback", _after_rollback)):
        if not sa.event.contains(db.session, name, receiver):
            sa.event.listen(db.session, name, receiver)
