"""File answers held between two tries of a form, so a failed submit never loses the file.

A browser cannot put a chosen file back into a form, so when a form with the
organisers' questions comes back with an error (another field, another answer),
each file that came with it is checked (forum/questions/files.py) and held here,
under a random key kept in the visitor's signed session cookie: only that browser
finds it again. The page says "File kept: letter.pdf" and the next submit uses it
unless a new file is chosen or "keep" is unticked. Held files are deleted when
the form succeeds, when the same browser opens a fresh form (an officer's next
walk-in sees nothing of the last), and after HOLD_FOR.
"""

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.db import UTCDateTime, intpk, utcnow
from forum.extensions import db
from forum.questions.files import CheckedFile

HOLD_FOR = timedelta(hours=2)
SESSION_KEY = "held_answer_files"  # the Flask session's entry holding the visitor's key


class HeldAnswerFile(db.Model):
    """A checked file answer waiting for the form it came with to succeed."""

    __tablename__ = "held_answer_files"
    __table_args__ = (sa.UniqueConstraint("key", "question_id"),)

    id: so.Mapped[intpk]
    key: so.Mapped[str] = so.mapped_column(sa.String(64))
    question_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    filename: so.Mapped[str] = so.mapped_column(sa.String(200))
    content_type: so.Mapped[str] = so.mapped_column(sa.String(40))
    data: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary)
    held_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow, index=True)

    def as_checked(self) -> CheckedFile:
        return CheckedFile(self.filename, self.content_type, self.data)


def new_key() -> str:
    return secrets.token_urlsafe(32)


def hold(key: str, question_id: int, checked: CheckedFile) -> HeldAnswerFile:
    """Hold a checked file for `question_id` under `key`, replacing the one held before;
    forgets files held longer than HOLD_FOR."""
    forget_stale()
    db.session.execute(
        sa.delete(HeldAnswerFile).where(
            HeldAnswerFile.key == key, HeldAnswerFile.question_id == question_id
        )
    )
    held = HeldAnswerFile(
        key=key,
        question_id=question_id,
        filename=checked.filename,
        content_type=checked.content_type,
        data=checked.data,
        held_at=utcnow(),
    )
    db.session.add(held)
    db.session.flush()
    return held


def forget_stale() -> int:
    """Delete the files held longer than HOLD_FOR (also every hour by the worker:
    forum/questions/tasks.py); returns how many."""
    result = db.session.execute(
        sa.delete(HeldAnswerFile).where(HeldAnswerFile.held_at < utcnow() - HOLD_FOR)
    )
    return result.rowcount or 0


def held_files(key: str | None) -> dict[int, HeldAnswerFile]:
    """The fresh files held under `key`, by question id."""
    if not key:
        return {}
    rows = db.session.scalars(
        sa.select(HeldAnswerFile).where(
            HeldAnswerFile.key == key, HeldAnswerFile.held_at >= utcnow() - HOLD_FOR
        )
    )
    return {row.question_id: row for row in rows}


def release(key: str | None, question_id: int | None = None) -> None:
    """Forget the files held under `key` (used, or not wanted): one question's, or all."""
    if not key:
        return
    query = sa.delete(HeldAnswerFile).where(HeldAnswerFile.key == key)
    if question_id is not None:
        query = query.where(HeldAnswerFile.question_id == question_id)
    db.session.execute(query)
