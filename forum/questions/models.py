"""The organisers' own questions on the registration form: sections, questions, choices.

A question belongs to an event and to a section of its form. Its texts are in
English and Ukrainian (forum.bilingual). Delegates' answers are stored against
the question's id (forum/questions/answer_models.py), never against its label:
organisers may edit a label, retire a question or retire a choice while
registration is open, and every answer given stays where it was.
"""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.bilingual import Bilingual
from forum.db import UTCDateTime, created_at, enum_column, intpk, utcnow
from forum.extensions import db


class QuestionKind(enum.StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    DATE = "date"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    COUNTRY = "country"
    FILE = "file"
    CONSENT = "consent"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


KIND_LABELS = {
    QuestionKind.SHORT_TEXT: _l("Short text"),
    QuestionKind.LONG_TEXT: _l("Long text"),
    QuestionKind.NUMBER: _l("Whole number"),
    QuestionKind.DATE: _l("Date"),
    QuestionKind.SINGLE_CHOICE: _l("One choice"),
    QuestionKind.MULTIPLE_CHOICE: _l("Several choices"),
    QuestionKind.YES_NO: _l("Yes or no"),
    QuestionKind.COUNTRY: _l("Country"),
    QuestionKind.FILE: _l("File (PDF or image)"),
    QuestionKind.CONSENT: _l("Consent checkbox"),
}

CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})
# What another question can be shown "only when" about: an answer with fixed values.
CONDITION_KINDS = frozenset({*CHOICE_KINDS, QuestionKind.YES_NO})
# Answers short enough for a line on the badge or the door's green screen.
SHORT_ANSWER_KINDS = frozenset(
    set(QuestionKind) - {QuestionKind.LONG_TEXT, QuestionKind.FILE, QuestionKind.CONSENT}
)
TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})
# The longest answer a text question takes when the organisers set no maximum.
DEFAULT_MAX_LENGTH = {QuestionKind.SHORT_TEXT: 200, QuestionKind.LONG_TEXT: 2000}
# Values of a yes/no question as a condition or a filter names them.
YES, NO = "yes", "no"


class ChoiceDisplay(enum.StrEnum):
    """How a one-choice question is shown: buttons for a few choices, a list for many."""

    RADIO = "radio"
    LIST = "list"

    @property
    def label(self) -> str:
        return str(DISPLAY_LABELS[self])


DISPLAY_LABELS = {
    ChoiceDisplay.RADIO: _l("Round buttons, one per choice"),
    ChoiceDisplay.LIST: _l("A drop-down list"),
}


class Section(Bilingual, db.Model):
    """A part of the registration form with a title ("Travel and hotel"), in its order."""

    __tablename__ = "question_sections"

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    title_uk: so.Mapped[str] = so.mapped_column(sa.String(200), default="", server_default="")
    position: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[created_at]

    questions: so.Mapped[list["Question"]] = so.relationship(
        back_populates="section", order_by="[Question.position, Question.id]"
    )


class Question(Bilingual, db.Model):
    """One question of the registration form, its rules and its texts in both languages."""

    __tablename__ = "questions"
    __table_args__ = (
        sa.CheckConstraint("max_length IS NULL OR max_length > 0", name="max_length_positive"),
        sa.CheckConstraint(
            "min_number IS NULL OR max_number IS NULL OR min_number <= max_number",
            name="number_range_in_order",
        ),
        sa.CheckConstraint(
            "min_date IS NULL OR max_date IS NULL OR min_date <= max_date",
            name="date_range_in_order",
        ),
        # One question prints on the badge and one shows at the door, per event.
        sa.Index(
            "uq_questions_event_on_badge",
            "event_id",
            unique=True,
            sqlite_where=sa.text("on_badge"),
            postgresql_where=sa.text("on_badge"),
        ),
        sa.Index(
            "uq_questions_event_at_door",
            "event_id",
            unique=True,
            sqlite_where=sa.text("at_door"),
            postgresql_where=sa.text("at_door"),
        ),
    )

    id: so.Mapped[intpk]
    event_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    section_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("question_sections.id"), index=True)
    kind: so.Mapped[QuestionKind] = so.mapped_column(enum_column(QuestionKind, "question_kind"))
    label: so.Mapped[str] = so.mapped_column(sa.String(300))
    label_uk: so.Mapped[str] = so.mapped_column(sa.String(300), default="", server_default="")
    # A few words for the badge, the door, export headers and the officers' filter.
    short_label: so.Mapped[str] = so.mapped_column(sa.String(60), default="", server_default="")
    short_label_uk: so.Mapped[str] = so.mapped_column(sa.String(60), default="", server_default="")
    help: so.Mapped[str] = so.mapped_column(sa.String(1000), default="", server_default="")
    help_uk: so.Mapped[str] = so.mapped_column(sa.String(1000), default="", server_default="")
    required: so.Mapped[bool] = so.mapped_column(default=False)
    position: so.Mapped[int] = so.mapped_column(default=0)
    display: so.Mapped[ChoiceDisplay] = so.mapped_column(
        enum_column(ChoiceDisplay, "choice_display"), default=ChoiceDisplay.RADIO
    )
    # The requested categories (BadgeCategory values) that see the question; [] = everyone.
    categories: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list, server_default="[]")
    # Shown only when that question's answer has this value (a choice id, "yes" or "no").
    # One level: a question that is a condition has none itself (forum/questions/rules.py).
    condition_question_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("questions.id"))
    condition_value: so.Mapped[str] = so.mapped_column(sa.String(40), default="", server_default="")
    max_length: so.Mapped[int | None]
    min_number: so.Mapped[int | None]
    max_number: so.Mapped[int | None]
    min_date: so.Mapped[date | None]
    max_date: so.Mapped[date | None]
    # A consent question's version: a new wording gets a new version, kept with each consent.
    consent_version: so.Mapped[str] = so.mapped_column(sa.String(20), default="", server_default="")
    editable_after_approval: so.Mapped[bool] = so.mapped_column(default=False)
    # A changed answer sends an accredited registration back to the officers.
    needs_review: so.Mapped[bool] = so.mapped_column(default=False)
    on_badge: so.Mapped[bool] = so.mapped_column(default=False)
    at_door: so.Mapped[bool] = so.mapped_column(default=False)
    # Retired: no longer asked; its answers stay for the officers and the exports.
    retired_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    created_at: so.Mapped[created_at]
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)

    section: so.Mapped[Section] = so.relationship(back_populates="questions")
    choices: so.Mapped[list["Choice"]] = so.relationship(
        back_populates="question",
        order_by="[Choice.position, Choice.id]",
        cascade="all, delete-orphan",
    )
    condition_question: so.Mapped["Question | None"] = so.relationship(remote_side="Question.id")

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS

    def title_in(self, language: str) -> str:
        """The short label in `language` (else the other language's), else the label."""
        return self.localized("short_label", language) or self.localized("label", language)

    def live_choices(self) -> list["Choice"]:
        return [choice for choice in self.choices if not choice.is_retired]

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.kind}>"


class Choice(Bilingual, db.Model):
    """A choice of a choice question, with an optional number of places ("40 places")."""

    __tablename__ = "question_choices"
    __table_args__ = (sa.CheckConstraint("places IS NULL OR places >= 0", name="places_positive"),)

    id: so.Mapped[intpk]
    question_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    label: so.Mapped[str] = so.mapped_column(sa.String(200))
    label_uk: so.Mapped[str] = so.mapped_column(sa.String(200), default="", server_default="")
    position: so.Mapped[int] = so.mapped_column(default=0)
    # How many registrations may choose it (None: no limit); counted in forum/questions/places.py.
    places: so.Mapped[int | None]
    retired_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    question: so.Mapped[Question] = so.relationship(back_populates="choices")

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None
