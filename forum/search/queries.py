"""Conditions that find people through the search terms: every word typed must start
one of the person's words, in whichever script either was written."""

from collections.abc import Iterable

import sqlalchemy as sa

from forum.search.keys import next_prefix, query_words
from forum.search.models import SearchTerm, TermField

EVERY_FIELD = tuple(TermField)


def _starts(key: str) -> sa.ColumnElement[bool]:
    bound = next_prefix(key)
    condition = SearchTerm.term >= key
    return condition if bound is None else sa.and_(condition, SearchTerm.term < bound)


def matching(
    owner: sa.ColumnElement[int],
    query: str,
    *,
    event_id: int | None,
    fields: Iterable[TermField] = EVERY_FIELD,
) -> sa.ColumnElement[bool]:
    """A WHERE condition on `owner` (Registration.id, SpeakerProfile.id or User.id):
    each word of `query` starts a term of the person in one of `fields`.

    One range lookup in ix_search_terms_event_term per word. A query with no letters
    matches nobody.
    """
    column = {
        "registrations": SearchTerm.registration_id,
        "speaker_profiles": SearchTerm.speaker_profile_id,
        "users": SearchTerm.user_id,
    }[owner.table.name]
    words = query_words(query)
    if not words:
        return sa.false()
    scope = [SearchTerm.event_id.is_(None) if event_id is None else SearchTerm.event_id == event_id]
    if set(fields) != set(EVERY_FIELD):
        scope.append(SearchTerm.field.in_(list(fields)))
    return sa.and_(*(owner.in_(sa.select(column).where(*scope, _starts(w))) for w in words))
