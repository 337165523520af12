"""The list a scanner keeps for its checkpoint, to answer while the network is down.

It maps the SHA-256 of each current badge code to what the door must show,
judged by the same rule as online scans (`decide.admission`). It holds
digests, never the signing key, so a stolen phone cannot make badges; and
only approved people carry a name, organisation and category. Old (reissued)
and forged codes are simply absent: offline they are refused as unknown.
"Already inside" cannot be known offline beyond the device's own scans; the
server flags such double entries when the queued scans are uploaded.
"""

import sqlalchemy as sa

from forum.badges.tokens import issue_token, token_digest
from forum.checkin import decide as rules
from forum.checkin.models import Checkpoint
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState

# States whose badges may still be in someone's pocket.
LISTED_STATES = (
    RegistrationState.APPROVED,
    RegistrationState.PENDING,
    RegistrationState.REJECTED,
    RegistrationState.WAITLISTED,
    RegistrationState.WITHDRAWN,
    RegistrationState.CANCELLED,
)


def offline_list(event: Event, checkpoint: Checkpoint) -> dict:
    """{"checkpoint", "generated_at", "badges": {digest: {name, organisation, category, allowed,
    reason}}} for one checkpoint."""
    registrations = db.session.scalars(
        sa.select(Registration).where(
            Registration.event_id == event.id, Registration.state.in_(LISTED_STATES)
        )
    )
    people = (
        rules.session_people(checkpoint.session_id) if checkpoint.session_id is not None else None
    )
    badges = {}
    for registration in registrations:
        reason = rules.admission(checkpoint, registration, people)
        entry: dict = {"allowed": not reason, "reason": reason}
        if registration.state is RegistrationState.APPROVED:
            entry.update(
                name=registration.display_name,
                organisation=registration.organisation,
                category=registration.category.value,
            )
        badges[token_digest(issue_token(registration))] = entry
    return {
        "checkpoint": {"id": checkpoint.id, "name": checkpoint.name},
        "generated_at": utcnow().isoformat(),
        "badges": badges,
    }
