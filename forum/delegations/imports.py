"""CSV import of delegations: every row is checked first; one bad row imports nothing.

The format is documented in docs/delegations.md.
"""

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from forum.auth.models import Role
from forum.auth.services import find_user
from forum.csvrows import ImportReport, read_rows
from forum.delegations.services import DelegationData, create_delegation, event_delegations
from forum.events.models import Event
from forum.i18n import country_choices
from forum.registration.models import BadgeCategory, OrganisationType
from forum.text import has_hidden_characters
from forum.translit import is_latin

REQUIRED = (
    "name",
    "organisation_type",
    "country",
    "quota",
    "focal_point_name",
    "focal_point_email",
)
SHARE_COLUMNS = {f"quota_{category.value}": category for category in BadgeCategory}
OPTIONAL = ("name_latin", "language", *SHARE_COLUMNS)
MAX_ROWS = 1000
MAX_PLACES = 10_000


def import_delegations(event: Event, data: bytes, actor) -> ImportReport:
    """Check every row; if all are good, create the delegations (each focal point is
    mailed). Otherwise nothing is created and the report lists each line's errors."""
    report = ImportReport()
    rows = read_rows(data, REQUIRED, report, MAX_ROWS)
    if report.errors:
        return report
    taken = {delegation.name.lower() for delegation in event_delegations(event)}
    seen: set[str] = set()
    good: list[DelegationData] = []
    for line, row in rows:
        delegation, messages = _delegation_from_row(row)
        key = row.get("name", "").lower()
        if key and (key in taken or key in seen):
            messages.append(_("a delegation with this name exists already or appears twice"))
        seen.add(key)
        report.errors.extend((line, message) for message in messages)
        if not messages:
            good.append(delegation)
    if report.errors:
        return report
    for data_row in good:
        create_delegation(event, data_row, actor)
    report.imported = len(good)
    return report


def _delegation_from_row(row: dict[str, str]) -> tuple[DelegationData | None, list[str]]:
    messages = [_("“%(column)s” is empty", column=name) for name in REQUIRED if not row.get(name)]
    for name in ("name", "name_latin", "focal_point_name"):
        value = row.get(name, "")
        if any(c in value for c in "<>") or has_hidden_characters(value):
            messages.append(_("“%(column)s” must be plain text without < or >", column=name))
        if len(value) > 200:
            messages.append(_("“%(column)s” is longer than 200 characters", column=name))
    if not is_latin(row.get("name_latin", "")):
        messages.append(_("“%(column)s” must be in Latin letters", column="name_latin"))
    org_type = _organisation_type(row.get("organisation_type", ""))
    if row.get("organisation_type") and org_type is None:
        messages.append(_("unknown organisation type “%(value)s”", value=row["organisation_type"]))
    country = row.get("country", "").upper()
    if country and country not in {code for code, _name in country_choices("en")}:
        messages.append(
            _("unknown country code “%(value)s” (use ISO codes such as UA, BE)", value=country)
        )
    quota = _places(row, "quota", messages)
    shares = []
    for column, category in SHARE_COLUMNS.items():
        if row.get(column):
            places = _places(row, column, messages)
            if places is not None and quota is not None and places > quota:
                messages.append(
                    _("“%(column)s” is more than the quota", column=column),
                )
            shares.append((category, places))
    email = row.get("focal_point_email", "")
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            messages.append(_("“%(value)s” is not a valid e-mail address", value=email))
        else:
            account = find_user(email)
            if account is not None and account.role is not Role.FOCAL_POINT:
                messages.append(_("%(email)s has an account of another kind", email=email.lower()))
    language = row.get("language", "").lower() or "en"
    if language not in ("en", "uk"):
        messages.append(_("language must be en or uk"))
    if messages:
        return None, messages
    return (
        DelegationData(
            name=row["name"],
            name_latin=row.get("name_latin", ""),
            organisation_type=org_type,
            country=country,
            quota=quota,
            focal_point_email=email,
            focal_point_name=row["focal_point_name"],
            locale=language,
            category_quotas=tuple(shares),
        ),
        [],
    )


def _places(row: dict[str, str], column: str, messages: list[str]) -> int | None:
    value = row.get(column, "")
    if not value:
        return None
    if not value.isdigit() or int(value) > MAX_PLACES:
        messages.append(
            _(
                "“%(column)s” must be a whole number from 0 to %(max)s",
                column=column,
                max=MAX_PLACES,
            )
        )
        return None
    return int(value)


def _organisation_type(value: str) -> OrganisationType | None:
    value = value.strip().lower()
    for org_type in OrganisationType:
        if value in (org_type.value, str(org_type.label).lower()):
            return org_type
    return None
