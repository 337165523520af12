"""Setting up the doors: checkpoints (venue doors and session rooms) and who staffs them."""

import sqlalchemy as sa

from forum.audit.services import record
from forum.auth.models import Role, User
from forum.checkin.models import Checkpoint
from forum.events.models import Event
from forum.extensions import db
from forum.programme.models import WorkingSession


def checkpoints_of(event: Event) -> list[Checkpoint]:
    """Every checkpoint of the event, venue doors first."""
    return list(
        db.session.scalars(
            sa.select(Checkpoint)
            .where(Checkpoint.event_id == event.id)
            .order_by(Checkpoint.session_id.is_not(None), Checkpoint.name)
        )
    )


def sessions_of(event: Event) -> list[WorkingSession]:
    return list(
        db.session.scalars(
            sa.select(WorkingSession)
            .where(WorkingSession.event_id == event.id)
            .order_by(WorkingSession.starts_at, WorkingSession.title)
        )
    )


def door_staff() -> list[User]:
    """The door staff accounts, by name."""
    return list(
        db.session.scalars(
            sa.select(User).where(User.role == Role.STAFF).order_by(User.full_name, User.email)
        )
    )


def create_checkpoint(
    event: Event,
    name: str,
    session: WorkingSession | None,
    categories: list[str],
    by: User | None,
) -> Checkpoint:
    """Add a door: a venue door (no session) or a session room, optionally limited by category."""
    checkpoint = Checkpoint(
        event_id=event.id,
        name=name.strip(),
        session_id=session.id if session is not None else None,
        allowed_categories=sorted(set(categories)),
    )
    db.session.add(checkpoint)
    db.session.flush()
    record(
        "checkpoint.create",
        checkpoint,
        actor=by,
        name=checkpoint.name,
        session=checkpoint.session_id,
        categories=checkpoint.allowed_categories,
    )
    return checkpoint


def set_checkpoint_active(checkpoint: Checkpoint, active: bool, by: User | None) -> bool:
    """Open or close a door for scanning; False when nothing changed."""
    if checkpoint.active == active:
        return False
    checkpoint.active = active
    record("checkpoint.open" if active else "checkpoint.close", checkpoint, actor=by)
    db.session.flush()
    return True


def set_staff_checkpoints(user: User, checkpoints: list[Checkpoint], by: User | None) -> bool:
    """Give a door staff member exactly these checkpoints; False when nothing changed."""
    if user.role is not Role.STAFF:
        raise ValueError("only door staff are given checkpoints")
    before = {c.id for c in user.checkpoints}
    after = {c.id for c in checkpoints}
    if before == after:
        return False
    user.checkpoints = list(checkpoints)
    record("staff.checkpoints", user, actor=by, before=sorted(before), after=sorted(after))
    db.session.flush()
    return True
