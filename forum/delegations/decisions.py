"""Officers decide a whole delegation at once: each member is approved or refused on its own."""

from flask_babel import lazy_gettext as _l

from forum.auth.models import User
from forum.delegations.models import Delegation
from forum.delegations.services import members_of
from forum.registration.decisions import BulkResult, RegistrationError, bulk_decide
from forum.registration.models import RegistrationState

S = RegistrationState
AWAITING = (S.PENDING, S.WAITLISTED)


def decide_delegation(
    delegation: Delegation, action: str, actor: User, reason: str = ""
) -> BulkResult:
    """Approve or reject every current member awaiting a decision.

    Members who have not confirmed their registration yet are refused with that reason;
    members already decided are left alone. The others go through the officers' bulk
    decision one by one, so each is approved or refused (the forum or a quota is full,
    security vetting has not cleared them yet...) on its own.
    """
    if action not in ("approve", "reject"):
        raise RegistrationError(_l("Unknown action."))
    if action == "reject" and not reason.strip():
        raise RegistrationError(_l("Give the delegates a reason for the rejection."))
    waiting, refused = [], []
    for member in members_of(delegation, with_replaced=False):
        registration = member.registration
        if registration.state in AWAITING:
            waiting.append(registration.id)
        elif registration.state is S.SUBMITTED:
            refused.append((registration, str(_l("has not confirmed the registration yet"))))
    result = bulk_decide(waiting, delegation.event, action, actor, reason)
    return BulkResult(done=result.done, refused=refused + result.refused)
