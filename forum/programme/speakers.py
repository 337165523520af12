"""Speakers: guest profiles (with a verified photo), assignments to sessions, speaker lists."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum import photos
from forum.audit.services import record
from forum.collation import collation_key
from forum.events.models import Event
from forum.extensions import db
from forum.programme.conflicts import Conflict, conflicts_for_session, slot_of
from forum.programme.errors import ProgrammeError
from forum.programme.models import SpeakerAssignment, SpeakerProfile, SpeakerRole, WorkingSession
from forum.programme.queries import confirmed_count, sessions_query
from forum.registration.models import Registration
from forum.registration.titles import TITLES, titled_name
from forum.search.queries import matching
from forum.translit import is_latin, passport_latin

ROLE_ORDER = {role: i for i, role in enumerate(SpeakerRole)}


def ordered(assignments: list[SpeakerAssignment]) -> list[SpeakerAssignment]:
    """Keynotes, then moderators, panellists and rapporteurs; each in the organisers' order."""
    return sorted(assignments, key=lambda a: (ROLE_ORDER[a.role], a.position, a.id or 0))


# ---- Guest profiles ----------------------------------------------------------------------


def process_photo(raw: bytes) -> bytes:
    """Check that `raw` is a real image and re-encode it as a small JPEG: forum.photos.reencode."""
    if not raw:
        raise ProgrammeError(_l("The photo file is empty."))
    try:
        data, _width, _height = photos.reencode(raw, formats=photos.PORTRAIT_FORMATS)
    except photos.PhotoError as error:
        raise ProgrammeError(*error.messages) from None
    return data


@dataclass
class ProfileData:
    title: str
    full_name: str
    position: str
    organisation: str
    country: str
    bio: str
    photo: bytes | None = None  # raw upload; None keeps the current photo
    remove_photo: bool = False
    full_name_latin: str = ""  # empty: passport_latin(full_name)
    position_uk: str = ""
    organisation_uk: str = ""
    bio_uk: str = ""


def speaker_latin_name(full_name: str, full_name_latin: str = "") -> str:
    """The Latin form of a guest speaker's name: the one given, in Latin letters, or
    passport_latin() of the name; a name in Latin letters is its own."""
    full_name, full_name_latin = full_name.strip(), full_name_latin.strip()
    if is_latin(full_name):
        return full_name
    if not is_latin(full_name_latin):
        raise ProgrammeError(
            _l("Please write the name in Latin letters, as the passport prints it.")
        )
    return (full_name_latin or passport_latin(full_name))[:200]


def save_profile(event: Event, profile: SpeakerProfile | None, data: ProfileData) -> SpeakerProfile:
    """Create (profile=None) or update a guest speaker profile."""
    if not data.full_name.strip():
        raise ProgrammeError(_l("Enter the speaker's name."))
    full_name_latin = speaker_latin_name(data.full_name, data.full_name_latin)
    photo = process_photo(data.photo) if data.photo is not None else None
    created = profile is None
    if created:
        profile = SpeakerProfile(event_id=event.id)
        db.session.add(profile)
    profile.title = data.title.strip()
    profile.full_name = data.full_name.strip()
    profile.full_name_latin = full_name_latin
    profile.position, profile.position_uk = data.position.strip(), data.position_uk.strip()
    profile.organisation = data.organisation.strip()
    profile.organisation_uk = data.organisation_uk.strip()
    profile.country = data.country.strip().upper()
    profile.bio, profile.bio_uk = data.bio.strip(), data.bio_uk.strip()
    if photo is not None:
        profile.photo = photo
    elif data.remove_photo:
        profile.photo = None
    db.session.flush()
    record(
        "speaker_profile.created" if created else "speaker_profile.updated",
        profile,
        name=profile.full_name,
    )
    return profile


def profiles_of(event: Event, query: str = "", language: str | None = None) -> list[SpeakerProfile]:
    """The event's guest speakers (those whose name or organisation starts with the words of
    `query`, in either script), in the alphabetical order of `language`."""
    select = sa.select(SpeakerProfile).where(SpeakerProfile.event_id == event.id)
    if query.strip():
        select = select.where(matching(SpeakerProfile.id, query, event_id=event.id))
    return sorted(db.session.scalars(select), key=lambda p: collation_key(p.full_name, language))


def get_profile(event: Event, profile_id: int) -> SpeakerProfile:
    profile = db.session.get(SpeakerProfile, profile_id)
    if profile is None or profile.event_id != event.id:
        raise ProgrammeError(_l("That speaker does not exist."))
    return profile


def has_photo(profile_ids: list[int]) -> set[int]:
    """Which profiles have a photo, without loading the images."""
    if not profile_ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(SpeakerProfile.id).where(
                SpeakerProfile.id.in_(profile_ids), SpeakerProfile.photo.is_not(None)
            )
        )
    )


def delete_profile(event: Event, profile: SpeakerProfile) -> None:
    record("speaker_profile.deleted", profile, name=profile.full_name)
    db.session.delete(profile)
    db.session.flush()


# ---- Assignments -------------------------------------------------------------------------


def _person(assignment: SpeakerAssignment) -> dict[str, int]:
    """Who speaks, for the audit log: by id, never by name (erasure must not chase copies)."""
    if assignment.registration_id is not None:
        return {"registration_id": assignment.registration_id}
    return {"speaker_profile_id": assignment.speaker_profile_id}


def assign_speaker(
    event: Event,
    session: WorkingSession,
    role: SpeakerRole,
    position: int,
    registration_id: int | None = None,
    profile_id: int | None = None,
) -> tuple[SpeakerAssignment, list[Conflict]]:
    """Put a delegate or a guest on a session; returns the assignment and its warnings."""
    if (registration_id is None) == (profile_id is None):
        raise ProgrammeError(_l("Choose either a registered delegate or a guest speaker."))
    if position is None or position < 0:
        raise ProgrammeError(_l("The order cannot be negative."))
    assignment = SpeakerAssignment(role=role, position=position)
    if registration_id is not None:
        registration = db.session.get(Registration, registration_id)
        if registration is None or registration.event_id != event.id:
            raise ProgrammeError(_l("That delegate does not exist."))
        taken = any(a.registration_id == registration.id for a in session.speakers)
        assignment.registration = registration
    else:
        profile = get_profile(event, profile_id)
        taken = any(a.speaker_profile_id == profile.id for a in session.speakers)
        assignment.speaker_profile = profile
    if taken:
        raise ProgrammeError(_l("%(name)s already speaks in this session.", name=assignment.name))
    session.speakers.append(assignment)
    db.session.flush()
    record("speaker.assigned", session, **_person(assignment), role=role.value)
    with db.session.no_autoflush:
        warnings = conflicts_for_session(event, slot_of(session, confirmed_count(session.id)))
    key = ("registration", registration_id) if registration_id else ("profile", profile_id)
    return assignment, [c for c in warnings if c.speaker == key]


def update_assignment(assignment: SpeakerAssignment, role: SpeakerRole, position: int) -> None:
    if position is None or position < 0:
        raise ProgrammeError(_l("The order cannot be negative."))
    assignment.role, assignment.position = role, position
    db.session.flush()
    record("speaker.updated", assignment.session, **_person(assignment), role=role.value)


def remove_assignment(assignment: SpeakerAssignment) -> None:
    record("speaker.removed", assignment.session, **_person(assignment))
    db.session.delete(assignment)
    db.session.flush()


def get_assignment(session: WorkingSession, assignment_id: int) -> SpeakerAssignment:
    for assignment in session.speakers:
        if assignment.id == assignment_id:
            return assignment
    raise ProgrammeError(_l("That speaker is not on this session."))


# ---- Lists -------------------------------------------------------------------------------


@dataclass
class ListedSpeaker:
    """One person on the public speaker list, with the sessions they speak in."""

    name: str
    position: str
    organisation: str
    country: str
    bio: str
    profile_id: int | None
    has_photo: bool
    sort_key: tuple[str, str]  # (family name, given names): one order for guests and delegates
    sessions: list[tuple[WorkingSession, SpeakerRole]] = field(default_factory=list)
    initials: str = ""  # for a card without a photo: the name's, never the title's


def initials_of(*names: str) -> str:
    """ "OK" for ("Oleksandr Kamyshin",) or ("Oleksandr", "Kamyshin"): the first letters of
    the first and last words, titles left out ("Dr Josep Borrell" is "JB")."""
    words = _without_titles(" ".join(names))
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper() if words else ""


# Titles as people type them into a name ("Dr", "Prof.", "д-р"): never an initial, never
# the family name.
TITLE_WORDS = (
    {t.casefold() for t in TITLES if t}
    | {t.rstrip(".").casefold() for t in TITLES if t}
    | {"д-р", "проф.", "проф", "ген.", "адм.", "полк.", "пан", "пані", "mrs", "mrs.", "sir"}
)


def _without_titles(name: str) -> list[str]:
    words = name.split()
    while len(words) > 1 and words[0].casefold() in TITLE_WORDS:
        words = words[1:]
    return words


def split_full_name(full_name: str) -> tuple[str, str]:
    """(family name, given names) of a name written in one field: the last word is the family
    name, as guests' names are written given name first ("Josep Borrell")."""
    words = _without_titles(full_name)
    if not words:
        return "", ""
    return words[-1], " ".join(words[:-1])


def speaker_list(event: Event, *, public: bool, session_id: int | None = None):
    """[(session, ordered assignments)] in time order, for protocol lists and exports."""
    query = sessions_query(event, public=public)
    if session_id is not None:
        query = query.where(WorkingSession.id == session_id)
    return [(s, ordered(s.speakers)) for s in db.session.scalars(query)]


def public_speakers(
    event: Event, sessions: list[WorkingSession], language: str = "en"
) -> list[ListedSpeaker]:
    """Everyone speaking in `sessions` (published ones), alphabetically, each once; a
    guest's position, organisation and biography in `language` (else the other one), a
    delegate's job title and organisation as they wrote them."""
    people: dict[tuple, ListedSpeaker] = {}
    for session in sessions:
        for assignment in ordered(session.speakers):
            if assignment.speaker_profile is not None:
                p = assignment.speaker_profile
                key = ("profile", p.id)
                if key not in people:
                    people[key] = ListedSpeaker(
                        titled_name(p),
                        p.localized("position", language),
                        p.localized("organisation", language),
                        p.country,
                        p.localized("bio", language),
                        p.id,
                        False,
                        split_full_name(p.full_name),
                        initials=initials_of(p.full_name),
                    )
            else:
                r = assignment.registration
                key = ("registration", r.id)
                if key not in people:
                    people[key] = ListedSpeaker(
                        titled_name(r),
                        r.job_title,
                        r.organisation,
                        r.country,
                        "",
                        None,
                        False,
                        (r.family_name, r.given_name),
                        initials=initials_of(r.given_name, r.family_name),
                    )
            people[key].sessions.append((session, assignment.role))
    with_photo = has_photo([p.profile_id for p in people.values() if p.profile_id])
    for person in people.values():
        person.has_photo = person.profile_id in with_photo
    return sorted(people.values(), key=lambda p: speaker_order(p.sort_key, language))


def speaker_order(family_and_given: tuple[str, str], language: str) -> tuple:
    """Family name, then given names, in the alphabetical order of the reader's language."""
    family, given = family_and_given
    return (collation_key(family, language), collation_key(given, language))


def profile_is_public(event: Event, profile_id: int) -> bool:
    """A guest's photo is public once they speak in a published session of a published programme."""
    if not event.programme_published:
        return False
    return (
        db.session.scalar(
            sa.select(SpeakerAssignment.id)
            .join(WorkingSession, WorkingSession.id == SpeakerAssignment.session_id)
            .where(
                SpeakerAssignment.speaker_profile_id == profile_id,
                WorkingSession.event_id == event.id,
                WorkingSession.published.is_(True),
            )
            .limit(1)
        )
        is not None
    )


def profile_photo(profile_id: int) -> bytes | None:
    return db.session.scalar(sa.select(SpeakerProfile.photo).where(SpeakerProfile.id == profile_id))
