"""The AuditEntry model."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.db import UTCDateTime, intpk, utcnow
from forum.extensions import db


class AuditEntry(db.Model):
    """A privileged action: decisions, edits by staff, badge reissues, role and token changes."""

    __tablename__ = "audit_log"
    __table_args__ = (sa.Index("ix_audit_log_target", "target_type", "target_id"),)

    id: so.Mapped[intpk]
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: so.Mapped[str] = so.mapped_column(sa.String(60), index=True)
    target_type: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    target_id: so.Mapped[int | None]
    details: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)

    actor: so.Mapped["User | None"] = so.relationship()  # noqa: F821
