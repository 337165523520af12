"""Need to know: who takes part, and whose profile each participant may see.

A person takes part while they are accredited and opted in. A profile is seen only
by people who take part, and only when one of its people takes part too; an
organisation may keep its profile to the EU side or to the Ukrainian side. Whoever
has a request or meeting with someone sees that person's profile, whatever its
audience: they were contacted. Nothing here ever shows an e-mail address or phone.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import MeetingRequest
from forum.matchmaking.models import Audience, MatchProfile, Participant
from forum.matchmaking.sides import may_see
from forum.registration.models import Registration

OPT_IN_FIRST = _l("Take part in matchmaking first: then you see the other participants.")


def participant_of(registration: Registration | None) -> Participant | None:
    """The delegate's place in matchmaking (opted in or only added by a colleague), if any."""
    if registration is None:
        return None
    return db.session.scalar(
        sa.select(Participant)
        .where(Participant.registration_id == registration.id)
        .options(so.joinedload(Participant.profile), so.joinedload(Participant.registration))
    )


def takes_part(participant: Participant | None) -> bool:
    return (
        participant is not None and participant.opted_in and participant.registration.is_accredited
    )


def active_participant(event: Event, registration: Registration | None) -> Participant | None:
    """The delegate's participant while they take part (opted in and accredited), else None."""
    participant = participant_of(registration)
    if registration is None or registration.event_id != event.id or not takes_part(participant):
        return None
    return participant


def require_active(event: Event, registration: Registration | None) -> Participant:
    participant = active_participant(event, registration)
    if participant is None:
        raise MatchmakingError(OPT_IN_FIRST, status=403)
    return participant


def active_people() -> sa.ColumnElement[bool]:
    """Condition on Participant (joined to Registration): takes part now."""
    return sa.and_(Participant.opted_in_at.is_not(None), Registration.is_accredited)


def visible_profiles(viewer: Participant) -> sa.ColumnElement[bool]:
    """Condition on MatchProfile: the profiles `viewer` may find in the directory."""
    side = viewer.profile.side
    # A semi-join computed once, not a subquery per profile: the directory reads thousands.
    with_someone_taking_part = (
        sa.select(Participant.profile_id)
        .join(Registration, Registration.id == Participant.registration_id)
        .where(Participant.event_id == viewer.event_id, active_people())
    )
    audiences = [a for a in Audience if may_see(a, side)]
    return sa.and_(
        MatchProfile.event_id == viewer.event_id,
        MatchProfile.id != viewer.profile_id,
        MatchProfile.audience.in_(audiences),
        MatchProfile.id.in_(with_someone_taking_part),
    )


def in_contact(viewer: Participant, profile: MatchProfile) -> bool:
    """Has the viewer a request (in any state) with someone of `profile`?"""
    people = sa.select(Participant.id).where(Participant.profile_id == profile.id)
    return (
        db.session.scalar(
            sa.select(MeetingRequest.id)
            .where(
                sa.or_(
                    sa.and_(
                        MeetingRequest.requester_id == viewer.id,
                        MeetingRequest.recipient_id.in_(people),
                    ),
                    sa.and_(
                        MeetingRequest.recipient_id == viewer.id,
                        MeetingRequest.requester_id.in_(people),
                    ),
                )
            )
            .limit(1)
        )
        is not None
    )


def can_see(viewer: Participant, profile: MatchProfile) -> bool:
    """May `viewer` open `profile`? Their own, a visible one, or one they are in contact with."""
    if profile.id == viewer.profile_id:
        return True
    if profile.event_id != viewer.event_id:
        return False
    visible = db.session.scalar(
        sa.select(MatchProfile.id).where(MatchProfile.id == profile.id, visible_profiles(viewer))
    )
    return visible is not None or in_contact(viewer, profile)


def visible_profile(viewer: Participant, profile_id: int) -> MatchProfile:
    """The profile, if the viewer may see it; the same refusal whether it exists or not."""
    profile = db.session.get(MatchProfile, profile_id)
    if profile is None or not can_see(viewer, profile):
        raise MatchmakingError(_l("That profile does not exist."), status=404)
    return profile


def people_of(profile: MatchProfile) -> list[Participant]:
    """The profile's people who take part now (those one can ask for a meeting)."""
    return [p for p in profile.participants if takes_part(p)]
