"""Print runs: a batch of badges drawn by the worker, with its progress in the database.

The row is what every web server knows of the run (the organiser's page polls
it): its state, how many badges are drawn, and, once done, the key of its PDF in
the file storage (forum.files). `claim` and `heartbeat_at` are how a run outlives
the worker that drew it (forum/badges/runs.py). A run with a delegation is that
delegation's pile: its cover sheet, then its members' badges (forum/delegations/printing.py).
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.db import UTCDateTime, created_at, enum_column, intpk
from forum.extensions import db


class RunState(enum.StrEnum):
    QUEUED = "queued"  # waiting for a worker
    RUNNING = "running"  # a worker draws it (claim, heartbeat_at)
    DONE = "done"  # the PDF is stored under file_key
    FAILED = "failed"  # drawing raised, or workers died on it too often


class PrintRun(db.Model):
    __tablename__ = "print_runs"
    __table_args__ = (
        sa.CheckConstraint("done >= 0 AND done <= total", name="done_within_total"),
        sa.Index("ix_print_runs_state_heartbeat", "state", "heartbeat_at"),
    )

    id: so.Mapped[intpk]
    # In the job page's address: not guessable, unlike the row id.
    public_id: so.Mapped[str] = so.mapped_column(sa.String(32), unique=True)
    event_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    actor_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # A delegation's pile (cover sheet first); None for a run of the printing page or the CLI.
    delegation_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("delegations.id", ondelete="CASCADE"), index=True
    )
    layout: so.Mapped[str] = so.mapped_column(sa.String(10))
    # Fixed when the run is asked for, so that it prints what was chosen.
    registration_ids: so.Mapped[list[int]] = so.mapped_column(sa.JSON)
    filters: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    mark_printed: so.Mapped[bool] = so.mapped_column(default=True)
    state: so.Mapped[RunState] = so.mapped_column(
        enum_column(RunState, "print_run_state"), default=RunState.QUEUED
    )
    total: so.Mapped[int]
    done: so.Mapped[int] = so.mapped_column(default=0)
    # Times a worker started drawing it (a run taken over after a crash counts twice).
    attempts: so.Mapped[int] = so.mapped_column(default=0)
    # A random value per start: only the worker holding the current claim may record
    # progress or store the file, so a worker that was thought dead cannot finish too.
    claim: so.Mapped[str | None] = so.mapped_column(sa.String(32))
    heartbeat_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    created_at: so.Mapped[created_at]
    started_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    finished_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    file_key: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    file_size: so.Mapped[int | None]
    # When the run and its PDF are deleted (badge PDFs are door keys: kept a day).
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), index=True)

    delegation: so.Mapped["Delegation | None"] = so.relationship()  # noqa: F821

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)

    def __repr__(self) -> str:
        return f"<PrintRun {self.public_id} {self.state.value} {self.done}/{self.total}>"
