"""The people an audit entry is about: named by id when written, by name when read.

An entry never copies a person's name or e-mail into its details; it holds the id
under one of `PERSON_KEYS` (`registration_id=...`). The viewer looks the current
name up when it shows the entry, so erasure has nothing to scrub there and an
erased person simply reads as "erased person".
"""

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit import wording
from forum.audit.models import AuditEntry
from forum.auth.models import User
from forum.extensions import db
from forum.privacy.services import is_account_anonymised, is_anonymised
from forum.programme.models import SpeakerProfile
from forum.registration.models import Registration
from forum.registration.titles import titled_name

# Detail key -> the model whose id it holds.
PERSON_KEYS = {
    "registration_id": Registration,
    "speaker_profile_id": SpeakerProfile,
    "user_id": User,
}
ERASED = _l("erased person")
# Audit targets that are people: table -> the detail key naming the same model.
TARGET_KEYS = {"registrations": "registration_id", "users": "user_id"}
# What the other targets are called ("Door #4").
TARGET_LABELS = {
    "working_sessions": _l("Working session"),
    "rooms": _l("Room"),
    "checkpoints": _l("Door"),
    "device_tokens": _l("Scanning device"),
    "events": _l("Event"),
    "scans": _l("Scan"),
    "speaker_profiles": _l("Guest speaker"),
    "sign_ups": _l("Sign-up"),
    "mailings": _l("Mailing"),
    "export_jobs": _l("Export of registrations"),
}


def _name_of(person) -> str:
    if isinstance(person, Registration):
        return str(ERASED) if is_anonymised(person) else titled_name(person)
    if isinstance(person, User):
        return str(ERASED) if is_account_anonymised(person) else person.full_name or person.email
    return titled_name(person)


def names_for(entries: Iterable[AuditEntry]) -> dict[tuple[str, int], str]:
    """(detail key, id) -> the person's current name, for every person the entries name."""
    wanted: dict[str, set[int]] = {key: set() for key in PERSON_KEYS}
    for entry in entries:
        for key, value in (entry.details or {}).items():
            if key in PERSON_KEYS and isinstance(value, int):
                wanted[key].add(value)
        if entry.target_type in TARGET_KEYS and entry.target_id is not None:
            wanted[TARGET_KEYS[entry.target_type]].add(entry.target_id)
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
            shown.append((wording.label(key.removesuffix("_id")), name))
        else:
            shown.append((wording.label(key), wording.value_text(key, value)))
    return shown


def target_name(entry: AuditEntry, names: dict[tuple[str, int], str]) -> str:
    """What the entry is about, in words: a person's current name, or "Door #4"."""
    if not entry.target_type or entry.target_id is None:
        return ""
    key = TARGET_KEYS.get(entry.target_type)
    if key is not None:
        return names.get((key, entry.target_id), str(_l("deleted")))
    kind = TARGET_LABELS.get(entry.target_type)
    kind_text = str(kind) if kind else entry.target_type.replace("_", " ").capitalize()
    return f"{kind_text} #{entry.target_id}"


def actor_name(actor: User | None) -> str:
    """Who acted, as the viewer shows it; an erased account is never named."""
    if actor is None:
        return str(_l("System"))
    return _name_of(actor)
