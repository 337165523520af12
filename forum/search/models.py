"""One row per word of a person's names, organisation or e-mail address, as its search key."""

import enum

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.db import enum_column, intpk
from forum.extensions import db
from forum.search.keys import TERM_LENGTH


class TermField(enum.StrEnum):
    """Where a word comes from: the door may match names only (and organisations of
    people it admits), never e-mail addresses."""

    NAME = "name"
    ORGANISATION = "organisation"
    EMAIL = "email"


class SearchTerm(db.Model):
    """A search key of one word of one person: a registration, a guest speaker or an account.

    The owner is one of three foreign keys so that the database removes the terms with
    the person (ON DELETE CASCADE), whoever deletes the row.
    """

    __tablename__ = "search_terms"
    __table_args__ = (
        sa.CheckConstraint(
            "CASE WHEN registration_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN speaker_profile_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN user_id IS NULL THEN 0 ELSE 1 END = 1",
            name="one_owner",
        ),
        # The lookup: one event's terms, by range of key.
        sa.Index("ix_search_terms_event_term", "event_id", "term"),
    )

    id: so.Mapped[intpk]
    registration_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    speaker_profile_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("speaker_profiles.id", ondelete="CASCADE"), index=True
    )
    user_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # None for accounts, which belong to no event.
    event_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE")
    )
    field: so.Mapped[TermField] = so.mapped_column(enum_column(TermField, "term_field"))
    term: so.Mapped[str] = so.mapped_column(sa.String(TERM_LENGTH))

    def __repr__(self) -> str:
        return f"<SearchTerm {self.field} {self.term!r}>"
