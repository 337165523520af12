"""Meeting requests: asking, declining, withdrawing, and the organisers' answer deadline.

"Count, then insert" rules (requests pending per person, one open request per pair)
run under row locks on both people's participant rows, taken in id order as every
booking step takes them, so two requests racing each other queue up.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking import notices
from forum.matchmaking.access import can_see, takes_part
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.locks import lock_participants, lock_request
from forum.matchmaking.meeting_models import (
    MeetingRequest,
    MeetingSeat,
    MeetingSlot,
    RequestState,
)
from forum.matchmaking.models import Participant
from forum.matchmaking.setup import settings_of

MESSAGE_LENGTH = 1000
OPEN_STATES = (RequestState.PENDING, RequestState.ACCEPTED)


def expire_overdue(event: Event, now: datetime) -> int:
    """Requests past their answer deadline expire; returns how many did."""
    result = db.session.execute(
        sa.update(MeetingRequest)
        .where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.state == RequestState.PENDING,
            MeetingRequest.expires_at <= now,
        )
        .values(state=RequestState.EXPIRED, closed_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def involving(participant_id: int) -> sa.ColumnElement[bool]:
    """Condition on MeetingRequest: the person asked or was asked."""
    return sa.or_(
        MeetingRequest.requester_id == participant_id,
        MeetingRequest.recipient_id == participant_id,
    )


def between(first_id: int, second_id: int) -> sa.ColumnElement[bool]:
    """Condition on MeetingRequest: between these two people, whoever asked."""
    return sa.or_(
        sa.and_(MeetingRequest.requester_id == first_id, MeetingRequest.recipient_id == second_id),
        sa.and_(MeetingRequest.requester_id == second_id, MeetingRequest.recipient_id == first_id),
    )


def open_request_between(first_id: int, second_id: int) -> MeetingRequest | None:
    """A pending or accepted request between two people, whoever asked."""
    return db.session.scalar(
        sa.select(MeetingRequest).where(
            MeetingRequest.state.in_(OPEN_STATES), between(first_id, second_id)
        )
    )


def pending_sent(participant: Participant) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(MeetingRequest)
        .where(
            MeetingRequest.requester_id == participant.id,
            MeetingRequest.state == RequestState.PENDING,
        )
    )


def meeting_count(participant: Participant) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(MeetingSeat)
        .where(MeetingSeat.participant_id == participant.id)
    )


def last_slot_start(event: Event) -> datetime | None:
    return db.session.scalar(
        sa.select(sa.func.max(MeetingSlot.starts_at)).where(MeetingSlot.event_id == event.id)
    )


def send_request(
    event: Event, requester: Participant, recipient_id: int, message: str, now: datetime
) -> MeetingRequest:
    """A asks B for a meeting, with a message; B is told."""
    settings = settings_of(event)
    if not settings.open:
        raise MatchmakingError(_l("Matchmaking is closed: no new requests."))
    message = (message or "").strip()
    if not message:
        raise MatchmakingError(_l("Write a short message: what would you like to discuss?"))
    if len(message) > MESSAGE_LENGTH:
        raise MatchmakingError(
            _l("The message is too long (at most %(max)s characters).", max=MESSAGE_LENGTH)
        )
    recipient = db.session.get(Participant, recipient_id)
    if recipient is None or recipient.event_id != event.id:
        raise MatchmakingError(_l("That person does not take part in matchmaking."))
    lock_participants([requester.id, recipient.id])
    if not takes_part(requester):
        raise MatchmakingError(_l("Take part in matchmaking first."))
    if not takes_part(recipient) or not can_see(requester, recipient.profile):
        raise MatchmakingError(_l("That person does not take part in matchmaking."))
    if recipient.profile_id == requester.profile_id:
        raise MatchmakingError(_l("You cannot ask a colleague of your own organisation."))
    if open_request_between(requester.id, recipient.id) is not None:
        raise MatchmakingError(
            _l("There is already an open request or a meeting between you and this person.")
        )
    if pending_sent(requester) >= settings.max_pending:
        raise MatchmakingError(
            _l(
                "You have reached the most requests waiting for an answer (%(count)s): "
                "wait for answers or withdraw one.",
                count=settings.max_pending,
            )
        )
    if meeting_count(requester) >= settings.max_meetings:
        raise MatchmakingError(
            _l(
                "You have reached the most meetings allowed (%(count)s).",
                count=settings.max_meetings,
            )
        )
    last = last_slot_start(event)
    if last is None or last <= now:
        raise MatchmakingError(_l("There are no meeting slots left."))
    request = MeetingRequest(
        event_id=event.id,
        requester=requester,
        recipient=recipient,
        message=message,
        state=RequestState.PENDING,
        created_at=now,
        expires_at=min(now + timedelta(hours=settings.answer_hours), last),
    )
    db.session.add(request)
    db.session.flush()
    person = requester.registration
    notices.tell(
        recipient,
        "request",
        name=person.display_name,
        organisation=requester.profile.organisation,
    )
    return request


def _own_pending(event: Event, request_id: int, participant: Participant, role: str, now):
    found = db.session.get(MeetingRequest, request_id)
    if found is None or found.event_id != event.id:
        raise MatchmakingError(_l("That request does not exist."), status=404)
    lock_participants([found.requester_id, found.recipient_id])
    request = lock_request(event, request_id)
    mine = request.recipient_id if role == "recipient" else request.requester_id
    if mine != participant.id:
        raise MatchmakingError(_l("That request does not exist."), status=404)
    if request.state is RequestState.PENDING and request.expires_at <= now:
        request.state, request.closed_at = RequestState.EXPIRED, now
        db.session.flush()
    if request.state is not RequestState.PENDING:
        raise MatchmakingError(
            _l("This request is no longer open (%(state)s).", state=request.state.label)
        )
    return request


def decline(
    event: Event, request_id: int, participant: Participant, reason: str, now: datetime
) -> MeetingRequest:
    """B declines, with an optional reason the other side reads."""
    request = _own_pending(event, request_id, participant, "recipient", now)
    request.state = RequestState.DECLINED
    request.reason = (reason or "").strip()[:MESSAGE_LENGTH]
    request.closed_by_id = participant.id
    request.answered_at = request.closed_at = now
    db.session.flush()
    notices.tell(
        request.requester,
        "declined",
        name=participant.registration.display_name,
        reason=request.reason,
    )
    return request


def withdraw(
    event: Event, request_id: int, participant: Participant, now: datetime
) -> MeetingRequest:
    """A takes back a request that was not answered yet."""
    request = _own_pending(event, request_id, participant, "requester", now)
    request.state = RequestState.WITHDRAWN
    request.closed_by_id = participant.id
    request.closed_at = now
    db.session.flush()
    notices.tell(request.recipient, "withdrawn", name=participant.registration.display_name)
    return request


@dataclass
class Inbox:
    """A participant's requests and meetings, as their meetings page lists them."""

    received: list[MeetingRequest] = field(default_factory=list)  # waiting for their answer
    sent: list[MeetingRequest] = field(default_factory=list)  # waiting for the other's
    closed: list[MeetingRequest] = field(default_factory=list)  # declined, expired, ...
    # (accepted requests are meetings: forum.matchmaking.agenda.meetings_of)


def inbox_of(participant: Participant) -> Inbox:
    requests = db.session.scalars(
        sa.select(MeetingRequest)
        .where(involving(participant.id))
        .options(
            so.joinedload(MeetingRequest.requester).joinedload(Participant.registration),
            so.joinedload(MeetingRequest.recipient).joinedload(Participant.registration),
            so.joinedload(MeetingRequest.requester).joinedload(Participant.profile),
            so.joinedload(MeetingRequest.recipient).joinedload(Participant.profile),
        )
        .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
    ).unique()
    inbox = Inbox()
    for request in requests:
        if request.state is RequestState.PENDING:
            mine = request.recipient_id == participant.id
            (inbox.received if mine else inbox.sent).append(request)
        elif request.state is not RequestState.ACCEPTED:
            inbox.closed.append(request)
    return inbox
