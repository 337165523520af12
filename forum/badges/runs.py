"""Badge print runs: asked for by an organiser, drawn by the worker, followed from any server.

1. `create_run` (in the request) writes a queued row; after the commit the task
   that draws it is queued (forum/badges/tasks.py).
2. A worker `claim`s the run: a conditional UPDATE that only one worker wins,
   which gives it a random claim and sets the heartbeat.
3. `draw` renders the badges into a temporary file of the worker and, every
   PROGRESS_SECONDS, writes how many are done and a new heartbeat, only while its
   claim is still the run's.
4. At the end, in one transaction with the run's row locked and its claim checked:
   the PDF is stored under the run's own key (forum.files, replacing any file of
   that key), the badges are marked printed, and the run is done.

A worker killed in the middle leaves the run "running" with a heartbeat that
grows old. The watch task queued with each claim (and, as a backstop, the sweep)
sees the heartbeat stale after BADGE_RUN_STALE_SECONDS and claims the run again;
drawing restarts from the first badge (a PDF cannot be resumed half-written).
The claim check in steps 3 and 4 means that a worker thought dead but only slow
stops at its next heartbeat: one file per run, badges marked once. After
BADGE_RUN_ATTEMPTS starts the run is given up (failed) rather than retried for
ever.

A run with a delegation is that delegation's pile (forum/delegations/printing.py): its
cover sheet is drawn first, then its badges in the cover sheet's order, and both are
drawn again by a worker that takes the run over.
"""

import enum
import logging
import secrets
import tempfile
import time
from datetime import datetime, timedelta
from typing import BinaryIO

import sqlalchemy as sa
from flask import current_app

from forum import files
from forum.audit.services import record
from forum.auth.models import User
from forum.badges.models import PrintRun, RunState
from forum.badges.services import BadgeFilter, iter_registrations, mark_printed, write_badges
from forum.db import utcnow
from forum.delegations import printing
from forum.delegations.models import Delegation
from forum.events.models import Event
from forum.extensions import db

log = logging.getLogger(__name__)

PROGRESS_SECONDS = 0.5  # progress and heartbeat are written at most this often
PUBLIC_ID_BYTES = 8


class LostClaim(Exception):
    """Another worker took the run over: this one stops without storing anything."""


class Watch(enum.Enum):
    STOP = "stop"  # finished, failed, gone, or claimed again (that claim has its own watch)
    ALIVE = "alive"  # its worker gave a sign of life lately: look again later
    STALE = "stale"  # its worker is gone: take the run over


def _duration(name: str) -> timedelta:
    """A timedelta setting; a number (from FORUM_* variables) counts seconds."""
    value = current_app.config[name]
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


def stale_after() -> timedelta:
    return _duration("BADGE_RUN_STALE_SECONDS")


def create_run(
    event: Event,
    ids: list[int],
    layout: str,
    actor: User | None,
    badge_filter: BadgeFilter,
    mark: bool,
    delegation: Delegation | None = None,
) -> PrintRun:
    """A queued print run of the badges of `ids` (a delegation's pile when `delegation` is
    given); the caller commits, then queues it."""
    run = PrintRun(
        public_id=secrets.token_hex(PUBLIC_ID_BYTES),
        event_id=event.id,
        delegation_id=delegation.id if delegation is not None else None,
        actor_id=actor.id if actor is not None else None,
        layout=layout,
        registration_ids=list(ids),
        filters=badge_filter.as_details(),
        mark_printed=mark,
        state=RunState.QUEUED,
        total=len(ids),
        done=0,
        attempts=0,
        expires_at=utcnow() + _duration("BADGE_RUN_KEEP"),
    )
    db.session.add(run)
    db.session.flush()
    return run


def find_run(event: Event, public_id: str) -> PrintRun | None:
    """The run of `event` with this public id, or None."""
    if len(public_id) != 2 * PUBLIC_ID_BYTES or not public_id.isalnum():
        return None
    return db.session.scalar(
        sa.select(PrintRun).where(PrintRun.public_id == public_id, PrintRun.event_id == event.id)
    )


def open_pdf(run: PrintRun) -> BinaryIO | None:
    """The finished PDF of a run, or None while it is not ready (or was deleted)."""
    if run.state is not RunState.DONE or not run.file_key:
        return None
    return files.open_file(run.file_key)


# -- the worker's side ------------------------------------------------------------------------


def _update(run_id: int, *conditions, **values) -> bool:
    """One conditional UPDATE of a run; True if it changed the row."""
    result = db.session.execute(
        sa.update(PrintRun)
        .where(PrintRun.id == run_id, *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def claim(run_id: int, now: datetime | None = None) -> str | None:
    """Take the run if it is waiting, or running with a stale heartbeat; commits.

    Returns the claim, or None when the run is not to be drawn by this worker (done,
    failed, gone, or alive in another worker). A stale run that has used up its
    attempts is marked failed instead.
    """
    now = now or utcnow()
    stale = sa.and_(PrintRun.state == RunState.RUNNING, PrintRun.heartbeat_at < now - stale_after())
    _update(
        run_id,
        stale,
        PrintRun.attempts >= int(current_app.config["BADGE_RUN_ATTEMPTS"]),
        state=RunState.FAILED,
        claim=None,
        finished_at=now,
    )
    token = secrets.token_hex(16)
    claimed = _update(
        run_id,
        sa.or_(PrintRun.state == RunState.QUEUED, stale),
        state=RunState.RUNNING,
        claim=token,
        heartbeat_at=now,
        started_at=now,
        done=0,
        attempts=PrintRun.attempts + 1,
    )
    attempts = db.session.scalar(sa.select(PrintRun.attempts).where(PrintRun.id == run_id))
    db.session.commit()
    if not claimed:
        return None
    if attempts > 1:
        log.warning(
            "print run %s taken over from a worker that stopped (start %s)", run_id, attempts
        )
    else:
        log.info("print run %s claimed", run_id)
    return token


def watch(run_id: int, token: str, now: datetime | None = None) -> Watch:
    """What the watch of a claim finds: stop watching, look again later, or take over."""
    now = now or utcnow()
    row = db.session.execute(
        sa.select(PrintRun.state, PrintRun.claim, PrintRun.heartbeat_at).where(
            PrintRun.id == run_id
        )
    ).first()
    db.session.rollback()  # hold nothing: taking over opens a session of its own
    if row is None or row.state is not RunState.RUNNING or row.claim != token:
        return Watch.STOP
    if row.heartbeat_at is not None and row.heartbeat_at >= now - stale_after():
        return Watch.ALIVE
    return Watch.STALE


def draw(run_id: int, token: str) -> None:
    """Draw a claimed run, store its PDF and mark its badges printed; commits.

    Returns quietly when another worker took the run over meanwhile; marks it
    failed when drawing raised.
    """
    # Progress is committed as the run goes: the rows being drawn must not be reloaded
    # after each commit (this session is the task's own, removed when it ends).
    session = db.session()
    session.expire_on_commit = False
    try:
        run = db.session.get(PrintRun, run_id)
        event = db.session.get(Event, run.event_id)
        ids, layout = list(run.registration_ids), run.layout
        registrations, cover = iter_registrations(ids), None
        if run.delegation_id is not None:
            delegation = db.session.get(Delegation, run.delegation_id)
            registrations, cover = printing.pile(delegation, ids)
        last = time.monotonic()

        def on_badge(done: int) -> None:
            nonlocal last
            if session.in_transaction():
                # The rows of a batch are read: end that transaction so that no lock
                # is held while drawing (on SQLite, the web could not write meanwhile).
                session.commit()
            if time.monotonic() - last >= PROGRESS_SECONDS:
                _record_progress(run_id, token, done)
                last = time.monotonic()

        with tempfile.TemporaryFile() as out:
            write_badges(event, registrations, out, layout, on_badge, cover=cover)
            _finish(run_id, token, out)
    except LostClaim:
        db.session.rollback()
        log.warning("print run %s was taken over by another worker; this one stops", run_id)
    except Exception:
        db.session.rollback()
        log.exception("print run %s failed", run_id)
        _update(
            run_id, PrintRun.claim == token, state=RunState.FAILED, claim=None, finished_at=utcnow()
        )
        db.session.commit()


def _record_progress(run_id: int, token: str, done: int) -> None:
    kept = _update(run_id, PrintRun.claim == token, done=done, heartbeat_at=utcnow())
    db.session.commit()
    if not kept:
        raise LostClaim


def _finish(run_id: int, token: str, pdf: BinaryIO) -> None:
    run = db.session.scalar(
        sa.select(PrintRun)
        .where(PrintRun.id == run_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if run is None or run.state is not RunState.RUNNING or run.claim != token:
        raise LostClaim
    now = utcnow()
    run.expires_at = now + _duration("BADGE_RUN_KEEP")
    run.file_key = f"badge-runs/{run.public_id}.pdf"
    run.file_size = files.save(run.file_key, pdf, run.expires_at)
    actor = db.session.get(User, run.actor_id) if run.actor_id else None
    if run.mark_printed and run.registration_ids:
        mark_printed(list(run.registration_ids), run.layout, actor)
    if run.delegation is not None:
        record("delegation.badges_printed", run.delegation, actor=actor, badges=run.total)
    run.state, run.done, run.claim = RunState.DONE, run.total, None
    run.finished_at = run.heartbeat_at = now
    db.session.commit()
    log.info("print run %s done: %s badges, %s bytes", run_id, run.total, run.file_size)


def sweep(now: datetime | None = None) -> list[int]:
    """Delete runs and files past their retention; give up stale runs out of attempts.

    Returns the runs to queue again: waiting ones whose task may have been lost (the
    queue was away), and running ones whose worker died and whose watch went missing.
    Commits.
    """
    now = now or utcnow()
    expired = db.session.execute(
        sa.select(PrintRun.id, PrintRun.file_key).where(PrintRun.expires_at < now)
    ).all()
    for _, key in expired:
        if key:
            files.delete(key)
    if expired:
        db.session.execute(sa.delete(PrintRun).where(PrintRun.id.in_([i for i, _ in expired])))
    files.delete_expired(now)
    stale = stale_after()
    lost = db.session.scalars(
        sa.select(PrintRun.id).where(
            sa.or_(
                sa.and_(PrintRun.state == RunState.QUEUED, PrintRun.created_at < now - stale),
                sa.and_(
                    PrintRun.state == RunState.RUNNING, PrintRun.heartbeat_at < now - 2 * stale
                ),
            )
        )
    ).all()
    db.session.commit()
    return list(lost)
