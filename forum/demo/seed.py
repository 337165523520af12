"""Loading the demo forum: event, rooms, programme, speakers, delegates and staff accounts.

The programme is the real forum's (6 May 2024), held on another day: by default four
weeks from today, so that a newcomer sees a forum to come with registration open. Every
date of the demo follows that day: registration opens and closes before it, and the
invented delegates registered, confirmed and were decided on before it (and never after
today).
"""

import random
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from forum.auth.models import Role
from forum.auth.services import create_user
from forum.checkin.models import Checkpoint
from forum.db import utcnow
from forum.delegations.demo import seed_delegations
from forum.demo import data
from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking.demo import seed_matchmaking
from forum.programme.models import (
    Room,
    SessionFormat,
    SignUp,
    SignUpState,
    SpeakerAssignment,
    SpeakerProfile,
    SpeakerRole,
    WorkingSession,
)
from forum.questions.demo import add_demo_answers, add_demo_questions
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)

# How the invented delegates spread over states (weights).
STATE_WEIGHTS = {
    RegistrationState.APPROVED: 62,
    RegistrationState.PENDING: 14,
    RegistrationState.WAITLISTED: 5,
    RegistrationState.REJECTED: 5,
    RegistrationState.SUBMITTED: 6,
    RegistrationState.WITHDRAWN: 4,
    RegistrationState.CANCELLED: 4,
}
TYPE_WEIGHTS = {
    OrganisationType.EU_INSTITUTION: 10,
    OrganisationType.EU_GOVERNMENT: 16,
    OrganisationType.UA_GOVERNMENT: 10,
    OrganisationType.EU_INDUSTRY: 26,
    OrganisationType.UA_INDUSTRY: 20,
    OrganisationType.ASSOCIATION: 6,
    OrganisationType.PARTNER: 7,
    OrganisationType.PRESS: 5,
}
STAFF_ACCOUNTS = [
    (Role.ORGANISER, "organiser@forum.example", "Demo Organiser"),
    (Role.OFFICER, "officer@forum.example", "Demo Accreditation Officer"),
    (Role.STAFF, "door@forum.example", "Demo Door Staff"),
    (Role.SECURITY_OFFICER, "security@forum.example", "Demo Security Officer"),
]
DEMO_DELEGATE_EMAIL = "delegate@forum.example"
# The demo forum's day unless --date says otherwise: this far from today.
DAYS_AHEAD = 28
REGISTRATION_OPEN_DAYS = 75


class AlreadySeeded(RuntimeError):
    """The demo event exists already; nothing was changed."""


@dataclass
class SeedResult:
    event: Event
    delegates: int
    sessions: int
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # role, e-mail, password


def demo_event_exists() -> bool:
    return (
        db.session.scalar(sa.select(Event.id).where(Event.slug == data.EVENT["slug"])) is not None
    )


def reset_database() -> None:
    """Delete every row of every table (children first)."""
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.flush()


def default_day(today: date | None = None) -> date:
    """The demo forum's day when none is chosen: DAYS_AHEAD days from today."""
    return (today or utcnow().date()) + timedelta(days=DAYS_AHEAD)


def seed_demo(delegates: int = 350, seed: int = 2024, day: date | None = None) -> SeedResult:
    """Load the demo forum on `day` (default_day() if None); refuses (AlreadySeeded) if it
    is there already."""
    if demo_event_exists():
        raise AlreadySeeded(data.EVENT["slug"])
    rng = random.Random(seed)
    day = day or default_day()
    event = Event(**data.EVENT, starts_on=day, ends_on=day)
    event.programme_published = True  # the demo shows a published programme
    opening = _at(day, "08:00", ZoneInfo(event.timezone))
    # Registration closes the evening before; everything the delegates did happened before
    # that, and not after today.
    event.registration_closes_at = opening - timedelta(hours=12)
    event.registration_opens_at = opening - timedelta(days=REGISTRATION_OPEN_DAYS)
    db.session.add(event)
    db.session.flush()

    rooms = {
        name: Room(
            event_id=event.id,
            name=name,
            name_uk=data.ROOMS_UK[name],
            capacity=cap,
            notes=notes,
        )
        for name, cap, notes in data.ROOMS
    }
    db.session.add_all(rooms.values())
    clock = min(utcnow(), event.registration_closes_at - timedelta(hours=1))
    registrations = _add_delegates(event, delegates, rng, clock)
    sessions = _add_programme(event, rooms, registrations, rng)
    _add_sign_ups(sessions, registrations, rng, clock)
    doors = _add_checkpoints(event, sessions)
    # The organisers' own questions on the registration form, and the delegates' answers.
    add_demo_answers(registrations, add_demo_questions(event), random.Random(seed + 19))
    logins = _add_accounts(doors, registrations)
    # A ministry, an EU institution and three companies with their focal points (security
    # vetting stays off: `flask --app forum vetting on` switches it on).
    logins += seed_delegations(event, clock, random.Random(seed + 18))
    demo_delegate = next(r for r in registrations if r.email == DEMO_DELEGATE_EMAIL)
    seed_matchmaking(
        event,
        registrations,
        rooms["Bilateral Meeting Area"],
        demo_delegate,
        clock,
        random.Random(seed),
    )
    db.session.flush()
    return SeedResult(
        event=event, delegates=len(registrations), sessions=len(sessions), logins=logins
    )


def _add_delegates(
    event: Event, count: int, rng: random.Random, clock: datetime
) -> list[Registration]:
    """`count` invented delegates who registered in the weeks up to `clock`."""
    states = _spread(STATE_WEIGHTS, count, rng)
    types = _spread(TYPE_WEIGHTS, count, rng)
    used_emails: set[str] = set()
    registrations = []
    # Decision delays from a generator of their own: the people drawn from `rng` stay the
    # same as ever (the registration dates are its last draw per person, as always).
    delays = random.Random(count)
    for i in range(count):
        org_type = types[i]
        given, family = _person_name(org_type, rng)
        organisation, country = rng.choice(data.ORGANISATIONS[org_type])
        email = _unique_email(given, family, organisation, used_emails)
        state = states[i]
        press = org_type is OrganisationType.PRESS
        registration = Registration(
            event_id=event.id,
            title=rng.choice(data.TITLES),
            given_name=given,
            family_name=family,
            email=email,
            phone=f"+{rng.choice(['32', '33', '48', '49', '380'])}{rng.randrange(10**8, 10**9)}",
            job_title="Journalist" if press else rng.choice(data.JOB_TITLES),
            organisation=organisation,
            organisation_type=org_type,
            country=country,
            requested_category=BadgeCategory.PRESS if press else BadgeCategory.DELEGATE,
            category=_category(org_type, rng),
            dietary_needs=rng.choice(["", "", "", "", "Vegetarian", "Halal", "No gluten"]),
            accessibility_needs=rng.choice([""] * 12 + ["Wheelchair access"]),
            locale="uk" if country == "UA" else "en",
            consent_data_version="2024-03",
            consent_list=rng.random() < 0.7,
            state=state,
            state_reason=(
                "Registration is limited to organisations working on joint production."
                if state is RegistrationState.REJECTED
                else ""
            ),
        )
        registered = clock - timedelta(days=2 + rng.randrange(1, 60), minutes=i)
        decided = min(registered + timedelta(days=delays.randrange(1, 3)), clock)
        registration.created_at = registration.consent_data_at = registered
        registration.updated_at = decided
        if state is not RegistrationState.SUBMITTED:
            registration.confirmed_at = registered + timedelta(minutes=9)
        if state is RegistrationState.WAITLISTED:
            registration.waitlisted_at = decided
        if state in (RegistrationState.APPROVED, RegistrationState.REJECTED):
            registration.decided_at = decided
        registration.refresh_keys()
        registrations.append(registration)
    db.session.add_all(registrations)
    db.session.flush()
    return registrations


def _spread(weights: dict, count: int, rng: random.Random) -> list:
    """`count` values in proportion to `weights`, each value at least once, shuffled."""
    values = list(weights)
    chosen = values[: min(count, len(values))]
    chosen += rng.choices(values, weights=list(weights.values()), k=max(0, count - len(values)))
    rng.shuffle(chosen)
    return chosen


def _person_name(org_type: OrganisationType, rng: random.Random) -> tuple[str, str]:
    ukrainian = org_type in (OrganisationType.UA_GOVERNMENT, OrganisationType.UA_INDUSTRY)
    if ukrainian and rng.random() < 0.6:
        return rng.choice(data.CYRILLIC_GIVEN), rng.choice(data.CYRILLIC_FAMILY)
    return rng.choice(data.LATIN_GIVEN), rng.choice(data.LATIN_FAMILY)


def _category(org_type: OrganisationType, rng: random.Random) -> BadgeCategory:
    if org_type is OrganisationType.PRESS:
        return BadgeCategory.PRESS
    roll = rng.random()
    if roll < 0.06:
        return BadgeCategory.VIP
    if roll < 0.08 and org_type is OrganisationType.EU_INSTITUTION:
        return BadgeCategory.ORGANISER
    if roll < 0.09:
        return BadgeCategory.STAFF
    return BadgeCategory.DELEGATE


def _ascii(text: str) -> str:
    lowered = text.lower()
    transliterated = "".join(data.UKRAINIAN_TO_LATIN.get(c, c) for c in lowered)
    decomposed = unicodedata.normalize("NFKD", transliterated)
    kept = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in ".-"))
    return kept.replace("ł", "l") or "delegate"


def _unique_email(given: str, family: str, organisation: str, used: set[str]) -> str:
    base = f"{_ascii(given)}.{_ascii(family.replace(' ', '-'))}"
    candidate, n = f"{base}@example.org", 1
    while candidate in used:
        n += 1
        candidate = f"{base}{n}@example.org"
    used.add(candidate)
    return candidate


def _add_programme(
    event: Event, rooms: dict[str, Room], registrations: list[Registration], rng: random.Random
) -> list[WorkingSession]:
    tz = ZoneInfo(event.timezone)
    day = event.starts_on
    profiles = {}
    for name, title, position, organisation, country in data.PUBLIC_SPEAKERS:
        profiles[name] = SpeakerProfile(
            event_id=event.id,
            full_name=name,
            title=title,
            position=position,
            organisation=organisation,
            country=country,
            **data.SPEAKER_TEXTS[name],
        )
    db.session.add_all(profiles.values())
    approved = [r for r in registrations if r.is_accredited]
    speaker_pool = rng.sample(approved, k=min(len(approved), 40))
    sessions = []
    for start, end, room_name, fmt, theme, title, speakers in data.SESSIONS:
        session = WorkingSession(
            event_id=event.id,
            room=rooms[room_name],
            title=title,
            title_uk=data.TITLES_UK[title],
            theme=theme,
            theme_uk=data.THEMES_UK[theme],
            format=fmt,
            description=f"{theme}: {title}.",
            description_uk=f"{data.THEMES_UK[theme]}: {data.TITLES_UK[title]}.",
            starts_at=_at(day, start, tz),
            ends_at=_at(day, end, tz),
            signup_required=fmt in (SessionFormat.WORKING_SESSION, SessionFormat.BILATERAL),
            published=True,
        )
        for position, (who, role) in enumerate(speakers):
            assignment = SpeakerAssignment(role=SpeakerRole(role), position=position)
            if who == "delegate" and speaker_pool:
                delegate = speaker_pool.pop()
                delegate.category = BadgeCategory.SPEAKER
                assignment.registration = delegate
            elif who != "delegate":
                assignment.speaker_profile = profiles[who]
            else:
                continue
            session.speakers.append(assignment)
        sessions.append(session)
    db.session.add_all(sessions)
    db.session.flush()
    return sessions


def _at(day: date, hhmm: str, tz: ZoneInfo) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=tz)


def _add_sign_ups(
    sessions: list[WorkingSession],
    registrations: list[Registration],
    rng: random.Random,
    clock: datetime,
) -> None:
    """Approved delegates pick at most one session per time slot, within capacity."""
    by_slot: dict[datetime, list[WorkingSession]] = {}
    for session in sessions:
        if session.signup_required:
            by_slot.setdefault(session.starts_at, []).append(session)
    taken = {s.id: 0 for s in sessions}
    approved = [r for r in registrations if r.is_accredited]
    for registration in approved:
        for slot_sessions in by_slot.values():
            if rng.random() < 0.45:
                continue
            session = rng.choice(slot_sessions)
            capacity = session.effective_capacity or 0
            full = taken[session.id] >= capacity
            db.session.add(
                SignUp(
                    session_id=session.id,
                    registration_id=registration.id,
                    state=SignUpState.WAITLISTED if full else SignUpState.CONFIRMED,
                    created_at=clock,
                )
            )
            taken[session.id] += 0 if full else 1


def _add_checkpoints(event: Event, sessions: list[WorkingSession]) -> list[Checkpoint]:
    """The entrance, then a door for the room of each working session."""
    entrance = Checkpoint(event_id=event.id, name=data.ENTRANCE[0], name_uk=data.ENTRANCE[1])
    doors = [entrance]
    for session in sessions:
        if session.format is SessionFormat.WORKING_SESSION:
            at = f"{session.starts_at.astimezone(event.tz):%H:%M}"
            doors.append(
                Checkpoint(
                    event_id=event.id,
                    session_id=session.id,
                    name=f"{session.room.name} {at}",
                    name_uk=f"{session.room.name_uk} {at}",
                )
            )
    db.session.add_all(doors)
    db.session.flush()
    return doors


def _add_accounts(
    doors: list[Checkpoint], registrations: list[Registration]
) -> list[tuple[str, str, str]]:
    logins = []
    for role, email, name in STAFF_ACCOUNTS:
        password = secrets.token_urlsafe(9)
        user = create_user(email, password, role, full_name=name)
        if role is Role.STAFF:
            # The entrance and every room: room scanning can be tried at once.
            user.checkpoints.extend(doors)
        logins.append((role.value, email, password))
    approved = next(r for r in registrations if r.is_accredited)
    password = secrets.token_urlsafe(9)
    delegate = create_user(DEMO_DELEGATE_EMAIL, password, Role.DELEGATE, approved.full_name)
    approved.email = DEMO_DELEGATE_EMAIL
    approved.refresh_keys()
    approved.user_id = delegate.id
    logins.append((Role.DELEGATE.value, DEMO_DELEGATE_EMAIL, password))
    return logins
