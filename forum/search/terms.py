"""Keeping the search terms current: one listener on the session, after every flush.

Registrations are written by self-registration, officers' edits, CSV imports,
invitations, the demo seed and erasure; guest speakers and accounts by their own
pages. A listener that runs after each flush sees every one of them, so no code
path can forget to update the terms, and they are written in the same transaction
as the change. It runs after the flush (not before) because new rows have their
ids only then; it writes with Core statements, so the session's state is untouched.
"""

from collections.abc import Iterable
from functools import cache

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.auth.models import User
from forum.extensions import db
from forum.privacy.services import is_account_anonymised, is_anonymised
from forum.programme.models import SpeakerProfile
from forum.registration.models import Registration
from forum.search.keys import words_of
from forum.search.models import SearchTerm, TermField

# The attributes whose words each kind of person is found by. Passport and Latin forms
# are used where the model has them.
SOURCES: dict[type, dict[TermField, tuple[str, ...]]] = {
    Registration: {
        TermField.NAME: (
            "given_name",
            "family_name",
            "passport_given_name",
            "passport_family_name",
        ),
        TermField.ORGANISATION: ("organisation", "organisation_latin"),
        TermField.EMAIL: ("email",),
    },
    SpeakerProfile: {
        TermField.NAME: ("full_name", "full_name_latin"),
        TermField.ORGANISATION: ("organisation", "organisation_uk"),
    },
    User: {TermField.NAME: ("full_name", "full_name_latin"), TermField.EMAIL: ("email",)},
}
OWNER_COLUMN = {
    Registration: SearchTerm.registration_id,
    SpeakerProfile: SearchTerm.speaker_profile_id,
    User: SearchTerm.user_id,
}


@cache  # the mapping of a class does not change; this runs for every flushed person
def _attributes(kind: type) -> dict[TermField, list[str]]:
    mapped = sa.inspect(kind).attrs.keys()
    return {
        field: [name for name in names if name in mapped] for field, names in SOURCES[kind].items()
    }


def _erased(person) -> bool:
    if isinstance(person, Registration):
        return is_anonymised(person)
    if isinstance(person, User):
        return is_account_anonymised(person)
    return False


def terms_of(person) -> dict[TermField, set[str]]:
    """The search keys a person is found by, per field; none once the person is erased."""
    if _erased(person):
        return {}
    return {
        field: words_of(*(getattr(person, name) or "" for name in names))
        for field, names in _attributes(type(person)).items()
    }


def _rows(person) -> list[dict]:
    # Every row names all three owners (two of them None): one INSERT takes them all.
    owners = {column.key: None for column in OWNER_COLUMN.values()}
    owners[OWNER_COLUMN[type(person)].key] = person.id
    event_id = getattr(person, "event_id", None)
    return [
        {**owners, "event_id": event_id, "field": field, "term": term}
        for field, words in terms_of(person).items()
        for term in sorted(words)
    ]


def _changed(person) -> bool:
    state = sa.inspect(person)
    names = [name for names in _attributes(type(person)).values() for name in names]
    return any(state.attrs[name].history.has_changes() for name in names)


def refresh(connection: sa.Connection, people: Iterable, *, new: Iterable = ()) -> None:
    """Replace the terms of these (flushed) people by the ones their data gives now;
    `new` people have no terms yet."""
    people, new = list(people), list(new)
    for kind, column in OWNER_COLUMN.items():
        ids = [p.id for p in people if type(p) is kind]
        if ids:
            connection.execute(sa.delete(SearchTerm).where(column.in_(ids)))
    rows = [row for person in people + new for row in _rows(person)]
    if rows:
        connection.execute(sa.insert(SearchTerm), rows)


def _after_flush(session: so.Session, _flush_context) -> None:
    # After a flush the session still lists what it held before: new and changed rows.
    new = [p for p in session.new if type(p) in SOURCES]
    changed = [
        p for p in session.dirty if type(p) in SOURCES and p not in session.deleted and _changed(p)
    ]
    if new or changed:
        refresh(session.connection(), changed, new=new)


def listen() -> None:
    """Keep the terms current whenever a registration, speaker or account is flushed
    (connected once, however many apps are made)."""
    if not sa.event.contains(db.session, "after_flush", _after_flush):
        sa.event.listen(db.session, "after_flush", _after_flush)
