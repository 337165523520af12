"""Opting in and out, the organisation's profile, and the colleagues who attend with it.

Only accredited delegates take part, each by their own choice (opting in). The first
delegate of an organisation to opt in creates its profile and manages it; colleagues
(accredited delegates of the same organisation) are added by the manager and take
part once they opt in themselves.

A delegation's focal point may write the profile of the delegation's organisation and
add or remove the delegation's accredited members, before anyone opted in (the first
member to opt in then manages it beside them). The focal point is not a participant:
they do not see the directory or meet anyone.
"""

import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import User
from forum.db import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking import booking, notices
from forum.matchmaking.access import participant_of
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.models import (
    Audience,
    CapabilityTag,
    Cooperation,
    MatchProfile,
    Participant,
    TagUse,
    profile_tags,
)
from forum.matchmaking.setup import is_open, settings_of
from forum.matchmaking.sides import side_of
from forum.registration.models import Registration
from forum.search.keys import words_of
from forum.search.models import TermField
from forum.search.queries import matching
from forum.translit import search_key

NOT_ACCREDITED = _l("Matchmaking is open to accredited delegates only.")


def profile_of_organisation(event: Event, organisation: str) -> MatchProfile | None:
    return db.session.scalar(
        sa.select(MatchProfile).where(
            MatchProfile.event_id == event.id,
            MatchProfile.organisation_key == organisation_key(organisation),
        )
    )


def organisation_key(organisation: str) -> str:
    """One organisation, whichever script or case it is written in: the search keys of its
    words, with its numbers ('Works 2' and 'Works 3' are two organisations)."""
    parts = re.findall(r"[^\W\d_]+|\d+", organisation)
    return " ".join(p if p.isdigit() else search_key(p) for p in parts)[:200]


def opt_in(event: Event, registration: Registration) -> Participant:
    """Take part: join the profile a colleague added one to, or create the organisation's."""
    if registration.event_id != event.id or not registration.is_accredited:
        raise MatchmakingError(NOT_ACCREDITED)
    if not settings_of(event).open:
        raise MatchmakingError(_l("Matchmaking is not open yet."))
    participant = participant_of(registration)
    if participant is not None:
        if participant.opted_in:
            raise MatchmakingError(_l("You already take part in matchmaking."))
        participant.opted_in_at = utcnow()
        if participant.profile.managed_by_id is None:
            participant.profile.managed_by_id = registration.id
        db.session.flush()
        return participant
    profile = profile_of_organisation(event, registration.organisation)
    if profile is not None and profile.managed_by is not None:
        raise MatchmakingError(
            _l(
                "%(organisation)s already has a matchmaking profile, managed by %(name)s: "
                "ask them to add you to it.",
                organisation=profile.organisation,
                name=profile.managed_by.display_name,
            )
        )
    if profile is None:
        profile = _new_profile(
            event,
            registration.organisation,
            registration.organisation_latin,
            registration.organisation_type,
            registration.country,
        )
        db.session.add(profile)
    profile.managed_by = registration
    participant = Participant(
        event_id=event.id, registration=registration, profile=profile, opted_in_at=utcnow()
    )
    db.session.add(participant)
    db.session.flush()
    return participant


def _new_profile(
    event: Event, organisation: str, organisation_latin: str, organisation_type, country: str
) -> MatchProfile:
    """An organisation's empty profile, as it was accredited (name, type, country, side)."""
    profile = MatchProfile(
        event_id=event.id,
        organisation=organisation,
        organisation_latin=organisation_latin,
        organisation_key=organisation_key(organisation),
        organisation_type=organisation_type,
        country=country,
        side=side_of(organisation_type, country),
        cooperation=[],
    )
    refresh_keys(profile)
    return profile


@dataclass
class ProfileData:
    offers: str
    offers_uk: str
    seeks: str
    seeks_uk: str
    about: str
    about_uk: str
    offer_tag_ids: list[int]
    seek_tag_ids: list[int]
    cooperation: list[str]
    audience: Audience


def require_manager(profile: MatchProfile, registration: Registration) -> None:
    if profile.managed_by_id != registration.id:
        raise MatchmakingError(_l("Only the person who manages the profile can change it."))


def save_profile(event: Event, profile: MatchProfile, by: Registration, data: ProfileData) -> None:
    """The manager writes the profile's texts, tags, cooperation types and audience."""
    require_manager(profile, by)
    _write_profile(event, profile, data)


def _write_profile(event: Event, profile: MatchProfile, data: ProfileData) -> None:
    valid_tags = set(
        db.session.scalars(sa.select(CapabilityTag.id).where(CapabilityTag.event_id == event.id))
    )
    if not set(data.offer_tag_ids + data.seek_tag_ids) <= valid_tags:
        raise MatchmakingError(_l("One of the tags does not exist."))
    if not set(data.cooperation) <= {c.value for c in Cooperation}:
        raise MatchmakingError(_l("One of the cooperation types does not exist."))
    for name in ("offers", "offers_uk", "seeks", "seeks_uk", "about", "about_uk"):
        setattr(profile, name, getattr(data, name).strip())
    profile.cooperation = [c.value for c in Cooperation if c.value in data.cooperation]
    profile.audience = data.audience
    profile.updated_at = utcnow()
    refresh_keys(profile)
    db.session.execute(sa.delete(profile_tags).where(profile_tags.c.profile_id == profile.id))
    rows = [
        {"profile_id": profile.id, "tag_id": tag_id, "use": use}
        for use, ids in ((TagUse.OFFERS, data.offer_tag_ids), (TagUse.SEEKS, data.seek_tag_ids))
        for tag_id in dict.fromkeys(ids)
    ]
    if rows:
        db.session.execute(sa.insert(profile_tags), rows)
    db.session.flush()


def refresh_keys(profile: MatchProfile) -> None:
    """The search keys of the profile's name and texts, in both languages."""

    def keys(*texts: str) -> str:
        words = words_of(*(t or "" for t in texts))
        return f" {' '.join(sorted(words))} " if words else ""

    profile.offer_keys = keys(profile.offers, profile.offers_uk)
    profile.seek_keys = keys(profile.seeks, profile.seeks_uk)
    profile.search_keys = keys(
        profile.organisation,
        profile.organisation_latin,
        profile.offers,
        profile.offers_uk,
        profile.seeks,
        profile.seeks_uk,
        profile.about,
        profile.about_uk,
    )


def tag_ids_of(profile: MatchProfile) -> dict[TagUse, list[int]]:
    rows = db.session.execute(
        sa.select(profile_tags.c.use, profile_tags.c.tag_id).where(
            profile_tags.c.profile_id == profile.id
        )
    ).all()
    found: dict[TagUse, list[int]] = {TagUse.OFFERS: [], TagUse.SEEKS: []}
    for use, tag_id in rows:
        found[TagUse(use)].append(tag_id)
    return found


def colleagues_to_add(event: Event, profile: MatchProfile) -> list[Registration]:
    """Accredited delegates of the profile's organisation who are not in matchmaking yet."""
    candidates = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.is_accredited,
            matching(
                Registration.id,
                profile.organisation,
                event_id=event.id,
                fields=(TermField.ORGANISATION,),
            ),
            ~Registration.id.in_(sa.select(Participant.registration_id)),
        )
        .order_by(Registration.family_name, Registration.given_name)
    )
    return [r for r in candidates if organisation_key(r.organisation) == profile.organisation_key]


def add_colleague(event: Event, profile: MatchProfile, by: Registration, registration_id: int):
    """The manager adds a colleague; the colleague takes part once they opt in."""
    require_manager(profile, by)
    return _add_participant(
        event, profile, colleagues_to_add(event, profile), registration_id, by.display_name
    )


def _add_participant(
    event: Event,
    profile: MatchProfile,
    candidates: list[Registration],
    registration_id: int,
    by_name: str,
) -> Participant:
    colleague = next((r for r in candidates if r.id == registration_id), None)
    if colleague is None:
        raise MatchmakingError(
            _l(
                "Only accredited delegates of your organisation who do not take part yet "
                "can be added."
            )
        )
    participant = Participant(event_id=event.id, registration=colleague, profile=profile)
    db.session.add(participant)
    db.session.flush()
    notices.tell(participant, "added", by=by_name, organisation=profile.organisation)
    return participant


def remove_colleague(event: Event, profile: MatchProfile, by: Registration, participant_id: int):
    """The manager takes a colleague off the profile (their meetings are cancelled)."""
    require_manager(profile, by)
    participant = _participant_on(profile, participant_id)
    if participant.registration_id == by.id:
        raise MatchmakingError(_l("To leave matchmaking yourself, opt out."))
    _remove_participant(event, participant)


def _participant_on(profile: MatchProfile, participant_id: int) -> Participant:
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.profile_id != profile.id:
        raise MatchmakingError(_l("That person is not on your profile."))
    return participant


def _remove_participant(event: Event, participant: Participant) -> None:
    booking.close_all_of(event, participant)
    db.session.delete(participant)
    db.session.flush()


# -- a delegation's focal point -----------------------------------------------------------------


def delegation_profile(event: Event, organisation: str) -> MatchProfile | None:
    """The matchmaking profile of a delegation's organisation (`organisation`: its name)."""
    return profile_of_organisation(event, organisation)


def save_delegation_profile(
    event: Event, delegation, data: ProfileData, actor: User
) -> MatchProfile:
    """The focal point writes the profile of the delegation's organisation, creating it
    (with the delegation's name, type and country) when the organisation has none yet."""
    if not is_open(event):
        raise MatchmakingError(_l("Matchmaking is not open yet."))
    profile = profile_of_organisation(event, delegation.name)
    if profile is None:
        profile = _new_profile(
            event,
            delegation.name,
            delegation.name_latin,
            delegation.organisation_type,
            delegation.country,
        )
        db.session.add(profile)
        db.session.flush()
    _write_profile(event, profile, data)
    record("matchmaking.profile_saved", profile, actor=actor, organisation=profile.organisation)
    return profile


def members_to_add(event: Event, profile: MatchProfile, member_ids: set[int]) -> list[Registration]:
    """The delegation's accredited members (registration ids `member_ids`) of the profile's
    organisation who are not in matchmaking yet."""
    return [r for r in colleagues_to_add(event, profile) if r.id in member_ids]


def add_member(
    event: Event, profile: MatchProfile, member_ids: set[int], registration_id: int, actor: User
) -> Participant:
    """The focal point adds a member of the delegation; they take part once they opt in."""
    candidates = members_to_add(event, profile, member_ids)
    return _add_participant(
        event, profile, candidates, registration_id, actor.full_name or actor.email
    )


def remove_member(
    event: Event, profile: MatchProfile, member_ids: set[int], participant_id: int
) -> None:
    """The focal point takes a member of the delegation off the profile (their meetings are
    cancelled, the other sides told)."""
    participant = _participant_on(profile, participant_id)
    if participant.registration_id not in member_ids:
        raise MatchmakingError(_l("Only members of your delegation can be removed here."))
    _remove_participant(event, participant)


def set_mail_notices(participant: Participant, wanted: bool) -> None:
    participant.mail_notices = wanted
    db.session.flush()


def set_mail_door_notices(participant: Participant, wanted: bool) -> None:
    participant.mail_door_notices = wanted
    db.session.flush()


def opt_out(event: Event, participant: Participant) -> None:
    """Stop taking part: out of the directory, meetings cancelled (the other side is told),
    open requests closed. The profile passes to a colleague who still takes part."""
    booking.close_all_of(event, participant)
    participant.opted_in_at = None
    profile = participant.profile
    if profile.managed_by_id == participant.registration_id:
        successor = next(
            (p for p in profile.participants if p.opted_in and p.id != participant.id), None
        )
        profile.managed_by_id = successor.registration_id if successor else None
    db.session.flush()
    record("matchmaking.opted_out", participant.registration)


def release_participant(registration: Registration) -> None:
    """A delegate who is no longer accredited (withdrawn, cancelled, rejected; erasure
    withdraws first) leaves matchmaking: each other side is told, then their participant
    row goes with their requests, messages, marks and notices. The organisation's profile
    passes to a colleague who still takes part. (Receiver of forum.signals.registration_left.)
    """
    participant = participant_of(registration)
    if participant is None:
        return
    if participant.opted_in:
        opt_out(registration.event, participant)
    db.session.delete(participant)
    db.session.flush()
