"""CSV import of invited delegates: every row is checked first; one bad row imports nothing."""

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from forum.audit.services import record
from forum.csvrows import ImportReport, read_rows
from forum.events.models import Event
from forum.extensions import db
from forum.i18n import country_choices
from forum.registration import notifications
from forum.registration.models import (
    LATIN_FORMS,
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)
from forum.registration.validators import normalise_phone
from forum.text import has_hidden_characters
from forum.translit import is_latin

REQUIRED = ("email", "given_name", "family_name", "organisation", "organisation_type", "country")
OPTIONAL = ("title", "job_title", "phone", "category", "language") + tuple(LATIN_FORMS)
MAX_ROWS = 5000


def import_invitations(event: Event, data: bytes) -> ImportReport:
    """Validate every row of the CSV; if all are good, create invited registrations and
    send each an invitation with a personal link. Otherwise nothing is saved."""
    report = ImportReport()
    rows = read_rows(data, REQUIRED, report, MAX_ROWS, _("The file has no delegates."))
    if report.errors:
        return report
    registrations = []
    seen: set[str] = set()
    existing = set(
        db.session.scalars(
            sa.select(Registration.email_key).where(Registration.event_id == event.id)
        )
    )
    for line, row in rows:
        registration, messages = _registration_from_row(event, row)
        key = registration.email_key if registration else ""
        if key and (key in seen or key in existing):
            messages.append(_("this e-mail is already registered or appears twice"))
        seen.add(key)
        for message in messages:
            report.errors.append((line, message))
        if not messages:
            registrations.append(registration)
    if report.errors:
        return report
    db.session.add_all(registrations)
    db.session.flush()
    for registration in registrations:
        notifications.send_invitation(registration)
    record("registrations.imported", None, count=len(registrations))
    report.imported = len(registrations)
    return report


def _registration_from_row(event: Event, row: dict[str, str]):
    messages = []
    for name in REQUIRED:
        if not row.get(name):
            messages.append(_("“%(column)s” is empty", column=name))
    email = row.get("email", "")
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            messages.append(_("“%(value)s” is not a valid e-mail address", value=email))
    org_type = _organisation_type(row.get("organisation_type", ""))
    if row.get("organisation_type") and org_type is None:
        messages.append(_("unknown organisation type “%(value)s”", value=row["organisation_type"]))
    country = row.get("country", "").upper()
    if country and country not in {code for code, _name in country_choices("en")}:
        messages.append(
            _(
                "unknown country code “%(value)s” (use ISO codes such as UA, BE)",
                value=row["country"],
            )
        )
    phone = row.get("phone", "")
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValueError:
            messages.append(_("“%(value)s” is not a valid international phone number", value=phone))
    category = row.get("category", "").lower() or BadgeCategory.DELEGATE.value
    if category not in {c.value for c in BadgeCategory}:
        messages.append(_("unknown category “%(value)s”", value=row["category"]))
    for name in LATIN_FORMS:
        if not is_latin(row.get(name, "")):
            messages.append(_("“%(column)s” must be in Latin letters", column=name))
    for name in ("title", "given_name", "family_name", "job_title", "organisation", *LATIN_FORMS):
        if any(c in row.get(name, "") for c in "<>"):
            messages.append(_("“%(column)s” contains < or >", column=name))
        if has_hidden_characters(row.get(name) or ""):
            messages.append(_("“%(column)s” contains invisible formatting characters", column=name))
    if messages:
        return None, messages
    registration = Registration(
        event_id=event.id,
        email=email,
        title=row.get("title", "")[:40],
        given_name=row["given_name"][:100],
        family_name=row["family_name"][:100],
        job_title=row.get("job_title", "")[:150],
        phone=phone,
        organisation=row["organisation"][:200],
        # Empty ones are passport_latin() of the names (refresh_keys below).
        **{name: row.get(name, "")[:length] for name, (_of, length) in LATIN_FORMS.items()},
        organisation_type=org_type,
        country=country,
        category=BadgeCategory(category),
        requested_category=BadgeCategory(category),
        locale="uk" if row.get("language", "").lower() in ("uk", "ua") else "en",
        state=RegistrationState.SUBMITTED,
        invited=True,
    )
    registration.refresh_keys()
    return registration, []


def _organisation_type(value: str) -> OrganisationType | None:
    value = value.strip().lower()
    for org_type in OrganisationType:
        if value in (org_type.value, str(org_type.label).lower()):
            return org_type
    return None
