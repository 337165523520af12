"""Erasure requests: a delegate asks, an organiser confirms, the registration is anonymised."""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.db import UTCDateTime, created_at, enum_column, intpk
from forum.extensions import db


class ErasureState(enum.StrEnum):
    REQUESTED = "requested"
    COMPLETED = "completed"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return str(ERASURE_STATE_LABELS[self])


ERASURE_STATE_LABELS = {
    ErasureState.REQUESTED: _l("Awaiting confirmation"),
    ErasureState.COMPLETED: _l("Erased"),
    ErasureState.DECLINED: _l("Declined"),
}


class ErasureRequest(db.Model):
    """A delegate's request to erase their personal data, and the organiser's answer."""

    __tablename__ = "erasure_requests"

    id: so.Mapped[intpk]
    registration_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    requested_at: so.Mapped[created_at]
    reason: so.Mapped[str] = so.mapped_column(sa.String(1000), default="")
    state: so.Mapped[ErasureState] = so.mapped_column(
        enum_column(ErasureState, "erasure_state"), default=ErasureState.REQUESTED
    )
    decided_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    decided_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    decision_note: so.Mapped[str] = so.mapped_column(sa.String(1000), default="")

    registration: so.Mapped["Registration"] = so.relationship()  # noqa: F821
    decided_by: so.Mapped["User | None"] = so.relationship()  # noqa: F821
