"""The identity data a host's security service asks for: its fields, their labels, its checks."""

import enum
from datetime import date

from flask_babel import lazy_gettext as _l

from forum.i18n import country_choices
from forum.translit import is_latin

# In the order of the form, the export and the security officer's page.
IDENTITY_FIELDS = (
    "document_family_name",
    "document_given_names",
    "nationality",
    "date_of_birth",
    "place_of_birth",
    "document_type",
    "document_number",
    "document_country",
    "document_expiry",
)

FIELD_LABELS = {
    "document_family_name": _l("Family name exactly as in the document"),
    "document_given_names": _l("Given names exactly as in the document"),
    "nationality": _l("Nationality"),
    "date_of_birth": _l("Date of birth"),
    "place_of_birth": _l("Place of birth"),
    "document_type": _l("Type of identity document"),
    "document_number": _l("Document number"),
    "document_country": _l("Issuing country"),
    "document_expiry": _l("Expiry date"),
}


class DocumentType(enum.StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    DIPLOMATIC_PASSPORT = "diplomatic_passport"
    SERVICE_PASSPORT = "service_passport"

    @property
    def label(self) -> str:
        return str(DOCUMENT_LABELS[self])


DOCUMENT_LABELS = {
    DocumentType.PASSPORT: _l("Passport"),
    DocumentType.NATIONAL_ID: _l("National identity card"),
    DocumentType.DIPLOMATIC_PASSPORT: _l("Diplomatic passport"),
    DocumentType.SERVICE_PASSPORT: _l("Service passport"),
}


def problems(identity: dict, event_day: date) -> dict[str, str]:
    """What is wrong with `identity`, field by field (empty when it is right).

    Dates are ISO strings; the document must still be valid on the event's day.
    """
    found: dict[str, str] = {}
    for name in IDENTITY_FIELDS:
        if not str(identity.get(name) or "").strip():
            found[name] = str(_l("This field is required."))
    countries = {code for code, _name in country_choices("en")}
    for name in ("nationality", "document_country"):
        if identity.get(name) and identity[name] not in countries:
            found[name] = str(_l("Give the country as its ISO code, such as UA or BE."))
    for name in ("document_family_name", "document_given_names"):
        value = identity.get(name) or ""
        if value and (not is_latin(value) or any(c in value for c in "<>")):
            found[name] = str(_l("Write it in Latin letters, exactly as the document prints it."))
    if identity.get("document_type") and identity["document_type"] not in set(DocumentType):
        found["document_type"] = str(_l("Choose the type of document."))
    number = identity.get("document_number") or ""
    if number and not (number.replace(" ", "").isalnum() and len(number) <= 30):
        found["document_number"] = str(_l("Letters and digits only, as on the document."))
    born, expiry = (
        _date(identity, "date_of_birth", found),
        _date(identity, "document_expiry", found),
    )
    if born and not date(1900, 1, 1) <= born < event_day:
        found["date_of_birth"] = str(_l("This date of birth is not possible."))
    if expiry and expiry < event_day:
        found["document_expiry"] = str(
            _l("The document expires before the forum: give one valid on the day.")
        )
    return found


def _date(identity: dict, name: str, found: dict) -> date | None:
    value = identity.get(name)
    if not value or name in found:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        found[name] = str(_l("Give the date as YYYY-MM-DD."))
        return None
