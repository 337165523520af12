"""A delegate's matchmaking data in their copy of their data (GDPR art. 15 and 20,
forum/privacy/export.py).

Their organisation's profile as it is shown, their requests (sent and received, with the
messages), their meetings and the outcomes they recorded. Others' e-mail addresses are
not in it (they are never shown), only the names the delegate saw. A delegate who is no
longer accredited (withdrawn, cancelled, rejected: erasure withdraws first) leaves
matchmaking and their participant row is deleted with their requests, messages, marks
and notices (forum.matchmaking.profiles.release_participant).
"""

from datetime import datetime

import sqlalchemy as sa

from forum.extensions import db
from forum.matchmaking.access import participant_of
from forum.matchmaking.agenda import meetings_of
from forum.matchmaking.meeting_models import MeetingRequest
from forum.matchmaking.meeting_requests import involving
from forum.matchmaking.models import TagUse
from forum.matchmaking.profiles import tag_ids_of
from forum.matchmaking.setup import tags_of
from forum.registration.models import Registration


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def matchmaking_export(registration: Registration) -> dict | None:
    """What matchmaking holds about the delegate, JSON-ready; None if they never took part."""
    participant = participant_of(registration)
    if participant is None:
        return None
    profile = participant.profile
    tags = {t.id: t.label for t in tags_of(registration.event)}
    tag_ids = tag_ids_of(profile)
    requests = db.session.scalars(
        sa.select(MeetingRequest)
        .where(involving(participant.id))
        .order_by(MeetingRequest.created_at, MeetingRequest.id)
    )
    return {
        "taking_part_since": _when(participant.opted_in_at),
        "mail_notices": participant.mail_notices,
        "manages_the_profile": profile.managed_by_id == registration.id,
        "profile": {
            "organisation": profile.organisation,
            "offers": profile.offers,
            "offers_uk": profile.offers_uk,
            "seeks": profile.seeks,
            "seeks_uk": profile.seeks_uk,
            "about": profile.about,
            "about_uk": profile.about_uk,
            "offers_tags": sorted(tags[t] for t in tag_ids[TagUse.OFFERS]),
            "seeks_tags": sorted(tags[t] for t in tag_ids[TagUse.SEEKS]),
            "cooperation": list(profile.cooperation or []),
            "audience": profile.audience.value,
        },
        "requests": [
            {
                "asked_by_me": r.requester_id == participant.id,
                "other": r.other(participant).registration.display_name,
                "message": r.message,
                "state": r.state.value,
                "reason": r.reason,
                "sent_at": _when(r.created_at),
                "answered_at": _when(r.answered_at),
            }
            for r in requests
        ],
        "meetings": [
            {
                "with": view.other.registration.display_name,
                "starts_at": _when(view.slot.starts_at),
                "ends_at": _when(view.slot.ends_at),
                "table": view.meeting.table.number,
                "my_outcome": view.seat.outcome.value if view.seat.outcome else None,
            }
            for view in meetings_of(participant)
        ],
    }
