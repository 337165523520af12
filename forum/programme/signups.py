"""Delegate sign-ups: seats, the waiting list in arrival order, promotion and the agenda.

Capacity is a "count then insert" rule, so the session row is locked
(SELECT ... FOR UPDATE) before counting: concurrent sign-ups for one session
queue up on that lock and each sees the seats the previous one took. The
delegate's registration row is locked first, so one delegate cannot slip into
two overlapping sessions at once either.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm as so

from forum.audit.services import record
from forum.bilingual import reader_language
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.programme import notifications
from forum.programme.errors import ProgrammeError
from forum.programme.models import SignUp, SignUpState, SpeakerAssignment, WorkingSession
from forum.programme.queries import confirmed_count, programme_is_public, sessions_query
from forum.registration.models import Registration
from forum.registration.queries import lock_registration


def _lock_session(event: Event, session_id: int) -> WorkingSession:
    session = db.session.scalar(
        sa.select(WorkingSession)
        .where(WorkingSession.id == session_id, WorkingSession.event_id == event.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if session is None:
        raise ProgrammeError(_l("That session does not exist."))
    return session


def overlapping_sign_up(
    registration: Registration, session: WorkingSession
) -> WorkingSession | None:
    """Another session this delegate is signed up to (or waiting for) that overlaps `session`."""
    return db.session.scalar(
        sa.select(WorkingSession)
        .join(SignUp, SignUp.session_id == WorkingSession.id)
        .where(
            SignUp.registration_id == registration.id,
            WorkingSession.id != session.id,
            WorkingSession.starts_at < session.ends_at,
            WorkingSession.ends_at > session.starts_at,
        )
        .order_by(WorkingSession.starts_at)
        .limit(1)
    )


def sign_up(event: Event, registration: Registration, session_id: int) -> SignUp:
    """Give the delegate a seat, or a place on the waiting list when the session is full."""
    if registration.event_id != event.id or not registration.is_accredited:
        raise ProgrammeError(_l("Only accredited delegates can sign up for working sessions."))
    lock_registration(registration)
    session = _lock_session(event, session_id)
    if not session.published or not programme_is_public(event):
        raise ProgrammeError(_l("This session is not open for sign-up."))
    if not session.signup_required:
        raise ProgrammeError(_l("This session is open to all delegates: no sign-up is needed."))
    existing = db.session.scalar(
        sa.select(SignUp).where(
            SignUp.session_id == session.id, SignUp.registration_id == registration.id
        )
    )
    if existing is not None:
        raise ProgrammeError(_l("You have already signed up for this session."))
    clash = overlapping_sign_up(registration, session)
    if clash is not None:
        raise ProgrammeError(
            _l(
                "You are already signed up for “%(title)s” at the same time. "
                "Cancel that sign-up first.",
                title=clash.localized("title", reader_language()),
            )
        )
    confirmed = confirmed_count(session.id)
    capacity = session.effective_capacity
    full = capacity is not None and confirmed >= capacity
    entry = SignUp(
        session_id=session.id,
        registration_id=registration.id,
        state=SignUpState.WAITLISTED if full else SignUpState.CONFIRMED,
        created_at=utcnow(),  # taken under the lock: arrival order
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def cancel_sign_up(event: Event, registration: Registration, session_id: int) -> list[SignUp]:
    """Cancel the delegate's own sign-up; returns the waitlisted delegates promoted."""
    lock_registration(registration)
    session = _lock_session(event, session_id)
    entry = db.session.scalar(
        sa.select(SignUp).where(
            SignUp.session_id == session.id, SignUp.registration_id == registration.id
        )
    )
    if entry is None:
        raise ProgrammeError(_l("You are not signed up for this session."))
    db.session.delete(entry)
    db.session.flush()
    return fill_free_seats(session)


def release_sign_ups(registration: Registration) -> list[SignUp]:
    """Free every seat of a delegate who is no longer accredited (withdrawn, cancelled,
    rejected) and give the seats to the waiting lists; returns the delegates promoted.

    The receiver of `forum.signals.registration_left` (connected in forum/programme/__init__.py).
    """
    entries = db.session.scalars(
        sa.select(SignUp).where(SignUp.registration_id == registration.id)
    ).all()
    sessions = [entry.session for entry in entries]
    for entry in entries:
        db.session.delete(entry)
    db.session.flush()
    promoted = []
    for session in sessions:
        promoted += fill_free_seats(session)
    return promoted


def fill_free_seats(session: WorkingSession) -> list[SignUp]:
    """Promote waitlisted delegates, first come first served, while seats are free."""
    event = db.session.get(Event, session.event_id)
    _lock_session(event, session.id)
    capacity = session.effective_capacity
    free = None if capacity is None else capacity - confirmed_count(session.id)
    if free is not None and free <= 0:
        return []
    query = (
        sa.select(SignUp)
        .where(SignUp.session_id == session.id, SignUp.state == SignUpState.WAITLISTED)
        .order_by(SignUp.created_at, SignUp.id)
        .options(so.joinedload(SignUp.registration))
    )
    if free is not None:
        query = query.limit(free)
    promoted = list(db.session.scalars(query))
    for entry in promoted:
        entry.state = SignUpState.CONFIRMED
        entry.promoted_at = utcnow()
        record("sign_up.promoted", entry, session_id=session.id)
        notifications.queue_promoted(event, entry)
    db.session.flush()
    return promoted


def waitlist_position(entry: SignUp) -> int | None:
    """1 for the first in the queue; None for a confirmed seat."""
    if entry.state is not SignUpState.WAITLISTED:
        return None
    ahead = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(SignUp)
        .where(
            SignUp.session_id == entry.session_id,
            SignUp.state == SignUpState.WAITLISTED,
            sa.or_(
                SignUp.created_at < entry.created_at,
                sa.and_(SignUp.created_at == entry.created_at, SignUp.id < entry.id),
            ),
        )
    )
    return ahead + 1


def sign_ups_of(registration: Registration) -> dict[int, SignUp]:
    """The delegate's sign-ups by session id."""
    return {
        s.session_id: s
        for s in db.session.scalars(
            sa.select(SignUp).where(SignUp.registration_id == registration.id)
        )
    }


@dataclass
class AgendaItem:
    session: WorkingSession
    kind: str  # "confirmed", "waitlisted", "speaker" or "open" (open to all)
    position: int | None = None  # place on the waiting list
    sign_up: SignUp | None = None


def agenda_of(event: Event, registration: Registration, *, include_open: bool = True):
    """The delegate's day(s) in time order: sign-ups, sessions they speak in, open sessions."""
    if not programme_is_public(event):
        return []
    mine = sign_ups_of(registration)
    speaking = set(
        db.session.scalars(
            sa.select(SpeakerAssignment.session_id).where(
                SpeakerAssignment.registration_id == registration.id
            )
        )
    )
    query = sessions_query(event, public=True)
    conditions = [WorkingSession.id.in_(list(mine) + list(speaking) or [-1])]
    if include_open:
        conditions.append(WorkingSession.signup_required.is_(False))
    items = []
    for session in db.session.scalars(query.where(sa.or_(*conditions))):
        entry = mine.get(session.id)
        if session.id in speaking:
            items.append(AgendaItem(session, "speaker", sign_up=entry))
        elif entry is not None:
            items.append(
                AgendaItem(session, entry.state.value, waitlist_position(entry), sign_up=entry)
            )
        else:
            items.append(AgendaItem(session, "open"))
    return items


def sign_up_list(session: WorkingSession) -> list[SignUp]:
    """Everyone signed up for a session: confirmed first, then the queue, in arrival order."""
    return list(
        db.session.scalars(
            sa.select(SignUp)
            .where(SignUp.session_id == session.id)
            .options(so.joinedload(SignUp.registration))
            .order_by(
                sa.case((SignUp.state == SignUpState.CONFIRMED, 0), else_=1),
                SignUp.created_at,
                SignUp.id,
            )
        )
    )
