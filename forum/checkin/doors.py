"""Setting up the doors: checkpoints (venue doors and session rooms), their opening hours
and answer time, and who staffs them."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import Role, User
from forum.checkin import hours
from forum.checkin.models import Checkpoint
from forum.errors import ForumError
from forum.events.models import Event
from forum.extensions import db
from forum.programme.models import WorkingSession
from forum.text import name_key


class CheckpointError(ForumError):
    """A checkpoint cannot be set up as asked."""

    status = 409


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
    """The door staff accounts that may sign in, by name."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.role == Role.STAFF, User.active.is_(True))
            .order_by(User.full_name, User.email)
        )
    )


def checkpoint_name_taken(
    event: Event, name: str, *, language: str = "en", checkpoint: Checkpoint | None = None
) -> bool:
    """Does a checkpoint of the event (other than `checkpoint`) have this name in
    `language`, whatever its case?

    Compared with name_key(), like the unique index on lower(name) (which SQLite
    applies to ASCII letters only); the Ukrainian names by this check alone.
    """
    key = name_key(name)
    column = Checkpoint.name_uk if language == "uk" else Checkpoint.name
    names = db.session.scalars(
        sa.select(column).where(
            Checkpoint.event_id == event.id,
            Checkpoint.id != (checkpoint.id if checkpoint is not None else -1),
        )
    )
    return any(other and name_key(other) == key for other in names)


def name_clash_message(name: str):
    """What an organiser is told when another door of the event has this name already."""
    return _l("Another door is already called “%(name)s”: choose another name.", name=name)


def create_checkpoint(
    event: Event,
    name: str,
    session: WorkingSession | None,
    categories: list[str],
    by: User | None,
    name_uk: str = "",
) -> Checkpoint:
    """Add a door: a venue door (no session) or a session room, optionally limited by category.

    The name (English, and Ukrainian when given) is unique within the event, whatever
    its case (CheckpointError).
    """
    duplicate = CheckpointError(name_clash_message(name.strip()))
    if checkpoint_name_taken(event, name):
        raise duplicate
    if name_uk.strip() and checkpoint_name_taken(event, name_uk, language="uk"):
        raise CheckpointError(name_clash_message(name_uk.strip()))
    checkpoint = Checkpoint(
        event_id=event.id,
        name=name.strip(),
        name_uk=name_uk.strip(),
        session_id=session.id if session is not None else None,
        allowed_categories=sorted(set(categories)),
    )
    try:
        with db.session.begin_nested():
            db.session.add(checkpoint)
            db.session.flush()
    except sa.exc.IntegrityError:  # the same name added a moment ago by someone else
        raise duplicate from None
    record(
        "checkpoint.create",
        checkpoint,
        actor=by,
        name=checkpoint.name,
        name_uk=checkpoint.name_uk,
        session=checkpoint.session_id,
        categories=checkpoint.allowed_categories,
    )
    return checkpoint


def rename_checkpoint(
    event: Event, checkpoint: Checkpoint, name: str, name_uk: str, by: User | None
) -> bool:
    """Name a door anew in English (required) and Ukrainian; False when nothing changed.

    Refused (CheckpointError, nothing changed) for an empty English name, or a name
    another door of the event has in the same language whatever its case; the unique
    index on the English name turns a rename racing another into the same refusal.
    """
    name, name_uk = name.strip(), name_uk.strip()
    if not name:
        raise CheckpointError(_l("Enter the name of the checkpoint in English."))
    if checkpoint_name_taken(event, name, checkpoint=checkpoint):
        raise CheckpointError(name_clash_message(name))
    if name_uk and checkpoint_name_taken(event, name_uk, language="uk", checkpoint=checkpoint):
        raise CheckpointError(name_clash_message(name_uk))
    before = {"name": checkpoint.name, "name_uk": checkpoint.name_uk}
    after = {"name": name, "name_uk": name_uk}
    if before == after:
        return False
    try:
        with db.session.begin_nested():
            checkpoint.name, checkpoint.name_uk = name, name_uk
            db.session.flush()
    except sa.exc.IntegrityError:
        raise CheckpointError(name_clash_message(name)) from None
    record("checkpoint.rename", checkpoint, actor=by, before=before, after=after)
    return True


def set_checkpoint_active(checkpoint: Checkpoint, active: bool, by: User | None) -> bool:
    """Open or close a door for scanning; False when nothing changed."""
    if checkpoint.active == active:
        return False
    checkpoint.active = active
    record("checkpoint.open" if active else "checkpoint.close", checkpoint, actor=by)
    db.session.flush()
    return True


ANSWER_SECONDS_MAX = 120


def set_door_settings(
    checkpoint: Checkpoint,
    event: Event,
    answer_seconds: int | None,
    windows: list[hours.Window],
    by: User | None,
) -> bool:
    """Set how long the scanner's answer stays (None: until the next scan or a tap) and
    the door's opening hours (none: whenever it is open); False when nothing changed.

    Raises CheckpointError or hours.HoursError with the reason.
    """
    if answer_seconds is not None and not 1 <= answer_seconds <= ANSWER_SECONDS_MAX:
        raise CheckpointError(
            _l("The answer can stay between 1 and %(num)s seconds.", num=ANSWER_SECONDS_MAX)
        )
    stored = hours.checked(windows, event.starts_on, event.ends_on)
    before = {
        "answer_seconds": checkpoint.answer_seconds,
        "entry_windows": list(checkpoint.entry_windows or []),
    }
    after = {"answer_seconds": answer_seconds, "entry_windows": stored}
    if before == after:
        return False
    checkpoint.answer_seconds = answer_seconds
    checkpoint.entry_windows = stored
    record("checkpoint.settings", checkpoint, actor=by, before=before, after=after)
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
