"""What delegations add to the officers' registration list: a delegation filter and quota use.

The list belongs to registration, which knows nothing of delegations; this context
processor gives its template the delegations to filter by and a line per quota
(the delegation filtered, and the forum's quotas), on that page only.
"""

from dataclasses import dataclass

from flask import request, url_for
from flask_babel import gettext as _

from forum.delegations import quotas, services
from forum.delegations.models import Delegation
from forum.events.services import find_current_event
from forum.extensions import db

LIST_ENDPOINT = "registration.admin_list"


@dataclass(frozen=True)
class QuotaLine:
    text: str
    full: bool
    href: str = ""
    link: str = ""


def officers_list_context() -> dict:
    if request.endpoint != LIST_ENDPOINT:
        return {}
    event = find_current_event()
    if event is None:
        return {}
    lines = []
    chosen = request.args.get("delegation", "")
    delegation = db.session.get(Delegation, int(chosen)) if chosen.isdigit() else None
    if delegation is not None and delegation.event_id == event.id:
        used = services.places_used(delegation)
        lines.append(
            QuotaLine(
                _(
                    "%(delegation)s: %(used)s of %(quota)s places taken",
                    delegation=delegation.name,
                    used=used,
                    quota=delegation.quota,
                ),
                used >= delegation.quota,
                url_for("delegations.admin_detail", delegation_id=delegation.id),
                _("Decide the whole delegation"),
            )
        )
    for use in quotas.quota_use(event):
        lines.append(
            QuotaLine(
                _(
                    "Quota %(what)s: %(used)s of %(quota)s accredited",
                    what=quotas.describe(use.quota),
                    used=use.used,
                    quota=use.quota.places,
                ),
                use.full,
            )
        )
    return {"delegation_choices": services.event_delegations(event), "quota_lines": lines}
