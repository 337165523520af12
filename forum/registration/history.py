"""Plain-language lines for a registration's history (from the audit log)."""

from flask_babel import gettext as _

from forum.audit.models import AuditEntry
from forum.registration.models import RegistrationState


def describe(entry: AuditEntry) -> str:
    """What happened, in words an officer reads at a glance."""
    action = entry.action
    if action == "registration.submitted":
        return _("Registered online")
    if action == "registration.edited":
        return _("Details changed")
    if action == "registration.category":
        return _("Badge category changed")
    if action == "registration.promoted":
        return _("Moved up from the waiting list")
    prefix, _dot, name = action.partition(".")
    if prefix == "registration" and name in {s.value for s in RegistrationState}:
        return _("Status: %(state)s", state=RegistrationState(name).label)
    return action
