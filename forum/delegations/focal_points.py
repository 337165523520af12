"""Organisers hand a delegation to another focal point.

The new address gets the focal point's account (made if need be, as when the
delegation was created) and the welcome mail; the old focal point loses the
delegation at once: their pages check the delegation's focal point on every
request, so their next click is refused. Their account stays (it may be the focal
point of another delegation, or become one again).
"""

from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import User
from forum.delegations.mails import send_focal_point_removed, send_focal_point_welcome
from forum.delegations.models import Delegation
from forum.delegations.services import DelegationError, focal_point_account, lock_delegation
from forum.extensions import db
from forum.text import normalise_email


def change_focal_point(
    delegation: Delegation, email: str, name: str, locale: str, actor: User
) -> User:
    """Make `email` the delegation's focal point instead of the present one; returns the
    new focal point's account. The same address again is refused, as is an address of
    another kind of account (one address, one role)."""
    lock_delegation(delegation)
    previous = delegation.focal_point
    if previous is not None and normalise_email(email) == previous.email:
        raise DelegationError(_l("This is the delegation's focal point already."))
    user, new_account = focal_point_account(email, name, locale)
    delegation.focal_point = user
    delegation.focal_point_email = user.email
    delegation.focal_point_name = name.strip() or user.full_name
    db.session.flush()
    record(
        "delegation.focal_point_changed",
        delegation,
        actor=actor,
        delegation=delegation.name,
        user_id=user.id,
    )
    if previous is not None:
        record(
            "delegation.focal_point_removed",
            previous,
            actor=actor,
            delegation=delegation.name,
        )
        send_focal_point_removed(delegation, previous)
    send_focal_point_welcome(delegation, user, new_account)
    return user
