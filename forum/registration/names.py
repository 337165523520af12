"""Names across scripts: the Latin forms a registration keeps, and duplicates in another script.

Every registration keeps the name as the delegate writes it and the Latin form the
passport prints (forum.translit.passport_latin unless the delegate corrected it), and
the organisation the same way. A name already in Latin letters is its own Latin form.
"""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from forum.extensions import db
from forum.registration.models import LATIN_FORMS, Registration, RegistrationState
from forum.translit import is_latin, passport_latin, search_key


def latin_form(
    name: str, latin: str = "", previous_name: str = "", previous_latin: str = ""
) -> str:
    """The Latin form to keep for `name`, given what the person typed as its Latin form.

    A name in Latin letters is its own Latin form. An empty one is passport_latin(name).
    So is one left as the suggestion for the previous name while the name changed (a
    form sent without the script that follows the name): it was never a correction.
    """
    name, latin = name.strip(), latin.strip()
    if is_latin(name):
        return name
    unchanged_suggestion = (
        previous_name
        and name != previous_name.strip()
        and latin == previous_latin
        and latin == passport_latin(previous_name.strip())
    )
    if not latin or unchanged_suggestion:
        return passport_latin(name)
    return latin


def with_latin_forms(person: dict[str, Any], registration: Registration | None = None) -> dict:
    """`person` with every Latin form of a name it holds filled as latin_form() decides,
    compared with what `registration` holds now."""
    completed = dict(person)
    for latin_name, (name, length) in LATIN_FORMS.items():
        if name not in person:
            continue
        completed[latin_name] = latin_form(
            person[name] or "",
            person.get(latin_name) or "",
            getattr(registration, name, "") or "",
            getattr(registration, latin_name, "") or "",
        )[:length]
    return completed


@dataclass(frozen=True)
class PossibleDuplicate:
    registration: Registration
    reason: str  # "organisation" or "email_domain": what matched besides the name


def possible_duplicates(registration: Registration) -> list[PossibleDuplicate]:
    """Other live registrations of the event with the same name in any script (the same
    search key: Шевчишин and Shevchyshyn alike) and the same organisation, in any script,
    or the same e-mail domain.

    An index lookup on (event_id, name_key); only the few namesakes are compared further.
    """
    if not registration.name_key:
        return []
    namesakes = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == registration.event_id,
            Registration.name_key == registration.name_key,
            Registration.id != registration.id,
            Registration.state.not_in([RegistrationState.WITHDRAWN, RegistrationState.CANCELLED]),
        )
        .order_by(Registration.created_at, Registration.id)
    ).all()
    organisations = _organisation_keys(registration)
    domain = _email_domain(registration)
    found = []
    for other in namesakes:
        if organisations & _organisation_keys(other):
            found.append(PossibleDuplicate(other, "organisation"))
        elif domain and domain == _email_domain(other):
            found.append(PossibleDuplicate(other, "email_domain"))
    return found


def _organisation_keys(registration: Registration) -> set[str]:
    keys = {search_key(registration.organisation), search_key(registration.organisation_latin)}
    return keys - {""}


def _email_domain(registration: Registration) -> str:
    return registration.email_key.rpartition("@")[2]
