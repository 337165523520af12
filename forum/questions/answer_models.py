"""Delegates' answers to the organisers' questions: one row per registration and question.

An answer keeps its value in the column of its type (text, number, date, flag),
its choices in `answer_choices` (indexed by choice, for the officers' filter and
the count of places) and an uploaded file in `answer_files`, apart, so that lists
and exports never load file contents. Answers go with their registration
(ON DELETE CASCADE); a question that has answers cannot be deleted, only retired.
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.db import UTCDateTime, created_at, intpk, utcnow
from forum.extensions import db
from forum.questions.models import Choice, Question

answer_choices = sa.Table(
    "answer_choices",
    db.metadata,
    sa.Column(
        "answer_id",
        sa.ForeignKey("answers.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("choice_id", sa.ForeignKey("question_choices.id"), primary_key=True, index=True),
)


class Answer(db.Model):
    """A registration's answer to one question."""

    __tablename__ = "answers"
    __table_args__ = (
        sa.UniqueConstraint("registration_id", "question_id", name="uq_answers_registration"),
    )

    id: so.Mapped[intpk]
    registration_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE")
    )
    question_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("questions.id"), index=True)
    # Short and long text, and a country's ISO code.
    text: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    number: so.Mapped[int | None]
    date_value: so.Mapped[date | None]
    # Yes/no, and a consent given.
    flag: so.Mapped[bool | None]
    # The version of the consent text that was agreed to.
    consent_version: so.Mapped[str] = so.mapped_column(sa.String(20), default="", server_default="")
    created_at: so.Mapped[created_at]
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)

    question: so.Mapped[Question] = so.relationship()
    chosen: so.Mapped[list[Choice]] = so.relationship(
        secondary=answer_choices, order_by=[Choice.position, Choice.id]
    )
    file: so.Mapped["AnswerFile | None"] = so.relationship(
        back_populates="answer", cascade="all, delete-orphan", uselist=False
    )


class AnswerFile(db.Model):
    """A file a delegate uploaded as an answer: a checked PDF, or an image re-encoded as JPEG."""

    __tablename__ = "answer_files"

    id: so.Mapped[intpk]
    answer_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("answers.id", ondelete="CASCADE"), unique=True
    )
    filename: so.Mapped[str] = so.mapped_column(sa.String(200))
    content_type: so.Mapped[str] = so.mapped_column(sa.String(40))
    size: so.Mapped[int]
    data: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary, deferred=True)
    created_at: so.Mapped[created_at]

    answer: so.Mapped[Answer] = so.relationship(back_populates="file")
