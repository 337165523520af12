"""Factory functions that build valid objects with sensible defaults (override any field)."""

import itertools
from datetime import date
from typing import Any

from forum.auth.models import Role, User
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def create_event(**fields: Any) -> Event:
    n = next(_counter)
    values = dict(
        slug=f"event-{n}",
        name="EU-Ukraine Defence Industry Forum",
        short_name="EU-UA DIF",
        venue="Conference centre",
        city="Brussels",
        country="BE",
        organisers="EEAS, with the Belgian Presidency and ASD",
        starts_on=date(2024, 5, 6),
        ends_on=date(2024, 5, 6),
        timezone="Europe/Brussels",
        delegate_capacity=350,
    )
    values.update(fields)
    event = Event(**values)
    db.session.add(event)
    db.session.flush()
    return event


def create_user(role: Role = Role.ORGANISER, password: str = PASSWORD, **fields: Any) -> User:
    n = next(_counter)
    user = User(email=fields.pop("email", f"{role.value}{n}@example.org"), role=role, **fields)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def create_registration(event: Event, **fields: Any) -> Registration:
    n = next(_counter)
    values = dict(
        given_name="Sébastien",
        family_name=f"Dubois{n}",
        email=f"delegate{n}@example.org",
        organisation="Ardennes Munitions SA",
        organisation_type=OrganisationType.EU_INDUSTRY,
        country="BE",
        category=BadgeCategory.DELEGATE,
        state=RegistrationState.PENDING,
    )
    values.update(fields)
    registration = Registration(event_id=event.id, **values)
    registration.refresh_keys()
    db.session.add(registration)
    db.session.flush()
    return registration


def create_room(event: Event, **fields: Any):
    from forum.programme.models import Room

    n = next(_counter)
    room = Room(event_id=event.id, **{"name": f"Room {n}", "capacity": 60, **fields})
    db.session.add(room)
    db.session.flush()
    return room


def create_session(event: Event, start: str = "11:00", end: str = "12:30", **fields: Any):
    """A published working session on the event's first day; times are local (HH:MM)."""
    from datetime import datetime, time

    from forum.programme.models import WorkingSession

    n = next(_counter)

    def at(hhmm: str):
        return datetime.combine(event.starts_on, time.fromisoformat(hhmm), tzinfo=event.tz)

    values = dict(title=f"Working session {n}", theme="Air defence", published=True)
    values.update(fields)
    session = WorkingSession(event_id=event.id, starts_at=at(start), ends_at=at(end), **values)
    db.session.add(session)
    db.session.flush()
    return session


def create_delegate(event: Event, **fields: Any) -> tuple[User, Registration]:
    """An accredited delegate with a sign-in account."""
    user = create_user(role=Role.DELEGATE)
    fields.setdefault("state", RegistrationState.APPROVED)
    registration = create_registration(event, user_id=user.id, email=user.email, **fields)
    return user, registration


def create_checkpoint(event: Event, **fields: Any):
    """A door: the venue entrance unless a session_id is given."""
    from forum.checkin.models import Checkpoint

    n = next(_counter)
    checkpoint = Checkpoint(event_id=event.id, **{"name": f"Door {n}", **fields})
    db.session.add(checkpoint)
    db.session.flush()
    return checkpoint


def create_sign_up(session, registration, state: str = "confirmed"):
    from forum.programme.models import SignUp, SignUpState

    sign_up = SignUp(
        session_id=session.id, registration_id=registration.id, state=SignUpState(state)
    )
    db.session.add(sign_up)
    db.session.flush()
    return sign_up
