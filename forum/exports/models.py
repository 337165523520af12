"""Export jobs: a large export of registrations, made by the worker and downloaded later.

The row is what every web server knows of the job (the officer's page polls it): what
was asked (format, filter, language, fixed when asked), its state, and once done the
key of its file in the file storage (forum.files). `claim` makes sure that one worker
finishes it, once (forum/exports/jobs.py).
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.auth.models import User
from forum.db import UTCDateTime, created_at, enum_column, intpk
from forum.extensions import db


class ExportState(enum.StrEnum):
    QUEUED = "queued"  # waiting for a worker
    RUNNING = "running"  # a worker makes the file (claim)
    DONE = "done"  # the file is stored under file_key
    FAILED = "failed"  # making it raised, or workers died on it too often


class ExportJob(db.Model):
    __tablename__ = "export_jobs"
    __table_args__ = (sa.Index("ix_export_jobs_event_actor", "event_id", "actor_id"),)

    id: so.Mapped[intpk]
    # In the job page's address: not guessable, unlike the row id.
    public_id: so.Mapped[str] = so.mapped_column(sa.String(32), unique=True)
    event_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    actor_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    actor: so.Mapped[User | None] = so.relationship()
    format: so.Mapped[str] = so.mapped_column(sa.String(4))  # "csv" or "xlsx"
    # The list's filter (ListFilter.args()) and the reader's language, as when asked.
    filters: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    language: so.Mapped[str] = so.mapped_column(sa.String(2))
    state: so.Mapped[ExportState] = so.mapped_column(
        enum_column(ExportState, "export_job_state"), default=ExportState.QUEUED
    )
    # Rows when asked for; the rows written once done (registrations may come meanwhile).
    rows: so.Mapped[int]
    attempts: so.Mapped[int] = so.mapped_column(default=0)
    claim: so.Mapped[str | None] = so.mapped_column(sa.String(32))
    created_at: so.Mapped[created_at]
    started_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    finished_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    file_key: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    file_size: so.Mapped[int | None]
    # When its file is deleted (personal data); the row is kept a little longer so that
    # its page says the file was deleted (jobs.ROW_KEEP).
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), index=True)

    def expired(self, now: datetime) -> bool:
        return self.expires_at <= now

    def __repr__(self) -> str:
        return f"<ExportJob {self.public_id} {self.format} {self.state.value} {self.rows}>"
