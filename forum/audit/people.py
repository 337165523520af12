"""The people an audit entry is about: named by id when written, by name when read.

An entry never copies a person's name or e-mail into its details; it holds the id
under one of `PERSON_KEYS` (`registration_id=...`). The viewer looks the current
name up when it shows the entry, so erasure has nothing to scrub there and an
erased person simply reads as "erased person".
"""

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.models import AuditEntry
from forum.auth.models import User
from forum.extensions import db
from forum.privacy.services import is_account_anonymised, is_anonymised
from forum.programme.models import SpeakerProfile
from forum.registration.models import Registration

# Detail key -> the model whose id it holds.
PERSON_KEYS = {
    "registration_id": Registration,
    "speaker_profile_id": SpeakerProfile,
    "user_id": User,
}
ERASED = _l("erased person")


def _name_of(person) -> str:
    if isinstance(person, Registration):
        return str(ERASED) if is_anonymised(person) else person.display_name
    if isinstance(person, User):
        return str(ERASED) if is_account_anonymised(person) else person.full_name or person.email
    return f"{person.title} {person.full_name}".strip()


def names_for(entries: Iterable[AuditEntry]) -> dict[tuple[str, int], str]:
    """(detail key, id) -> the person's current name, for every person the entries name."""
    wanted: dict[str, set[int]] = {key: set() for key in PERSON_KEYS}
    for entry in entries:
        for key, value in (entry.details or {}).items():
            if key in PERSON_KEYS and isinstance(value, int):
                wanted[key].add(value)
    names = {}
    for key, ids in wanted.items():
        if ids:
            model = PERSON_KEYS[key]
            for person in db.session.scalars(sa.select(model).where(model.id.in_(ids))):
                names[(key, person.id)] = _name_of(person)
    return names


def readable_details(entry: AuditEntry, names: dict[tuple[str, int], str]) -> list[tuple[str, str]]:
    """The entry's details as (label, text), people shown by their current name."""
    shown = []
    for key, value in (entry.details or {}).items():
        if key in PERSON_KEYS and isinstance(value, int):
            name = names.get((key, value), str(_l("deleted")))
            shown.append((key.removesuffix("_id"), f"{name} (#{value})"))
        else:
            shown.append((key, str(value)))
    return shown


def actor_name(actor: User | None) -> str:
    """Who acted, as the viewer shows it; an erased account is never named."""
    if actor is None:
        return str(_l("System"))
    return _name_of(actor)
