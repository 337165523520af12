"""The demo forum's matchmaking: 60 invented EU, Ukrainian and partner companies with their
profiles (tags in both languages), a block of 20-minute slots at 30 tables, and requests
in every state, made through the same services delegates use.

Sixty accredited delegates become the companies' people (their organisation is replaced by
an invented one); the demo delegate account is one of them, so signing in as the delegate
shows a busy meetings page at once.
"""

import random
from datetime import datetime, timedelta

from forum.events.models import Event
from forum.extensions import db
from forum.matchmaking import availability, booking, meeting_requests, profiles, setup
from forum.matchmaking.demo_data import (
    COMPANIES,
    DECLINE_REASONS,
    MESSAGES_EN,
    MESSAGES_UK,
    PHRASES,
)
from forum.matchmaking.models import Audience, Cooperation, Participant
from forum.programme import signups
from forum.programme.models import Room
from forum.programme.services import local_datetime
from forum.registration.models import OrganisationType, Registration

TABLES = 30
BLOCK = ("14:00", "17:30")
# Requests need this many profiles (see _add_requests); a smaller demo gets profiles only.
MINIMUM = 60


def _text(labels: list[str], language: str) -> str:
    phrases = [PHRASES[label][0 if language == "en" else 1] for label in labels]
    joined = (" and " if language == "en" else " та ").join(phrases)
    return joined[0].upper() + joined[1:] + "."


def _profile_data(event: Event, company, rng: random.Random) -> profiles.ProfileData:
    _name, _latin, country, _type, offers, seeks = company
    tags = {t.label: t.id for t in setup.tags_of(event)}
    # Ukrainian companies write in Ukrainian (some also in English), the others in English
    # (some also in Ukrainian): readers get the other language when theirs is missing.
    ukrainian = country == "UA"
    both = rng.random() < 0.5
    english = not ukrainian or both
    in_ukrainian = ukrainian or both
    cooperation = rng.sample([c.value for c in Cooperation], k=rng.randint(1, 2))
    return profiles.ProfileData(
        offers=_text(offers, "en") if english else "",
        offers_uk=_text(offers, "uk") if in_ukrainian else "",
        seeks=_text(seeks, "en") if english else "",
        seeks_uk=_text(seeks, "uk") if in_ukrainian else "",
        about="",
        about_uk="",
        offer_tag_ids=[tags[label] for label in offers],
        seek_tag_ids=[tags[label] for label in seeks],
        cooperation=cooperation,
        audience=Audience.EVERYONE,
    )


def seed_matchmaking(
    event: Event,
    registrations: list[Registration],
    room: Room | None,
    demo_delegate: Registration,
    clock: datetime,
    rng: random.Random,
) -> list[Participant]:
    """Set matchmaking up on the demo forum's day and fill it; returns the participants."""
    setup.save_settings(
        event,
        setup.SettingsData(
            open=True,
            slot_minutes=20,
            max_meetings=8,
            max_pending=10,
            answer_hours=720,  # a month: the demo's requests wait for a visitor
            room_id=room.id if room else None,
            table_count=TABLES,
        ),
    )
    day = event.starts_on
    starts, ends = (datetime.strptime(t, "%H:%M").time() for t in BLOCK)
    setup.add_block(event, local_datetime(event, day, starts), local_datetime(event, day, ends))
    setup.add_usual_tags(event)
    participants = []
    for registration, company in _people_for_companies(registrations, demo_delegate, rng):
        name, latin, country, _type, _offers, _seeks = company
        registration.organisation = name
        registration.organisation_latin = latin
        registration.country = country
        registration.locale = "uk" if country == "UA" else "en"
        registration.refresh_keys()
        db.session.flush()
        participant = profiles.opt_in(event, registration)
        participant.mail_notices = False  # no mail while the demo is made
        profiles.save_profile(
            event, participant.profile, registration, _profile_data(event, company, rng)
        )
        participants.append(participant)
    if len(participants) < MINIMUM:
        return participants  # a demo with few delegates: profiles only
    _free_the_afternoon(event, demo_delegate)
    _add_requests(event, participants, clock, rng)
    # Two organisations keep their profile to one side (after their requests were made).
    participants[-1].profile.audience = Audience.UKRAINE
    participants[-2].profile.audience = Audience.EU
    for participant in participants:
        participant.mail_notices = True
    db.session.flush()
    return participants


def _people_for_companies(
    registrations: list[Registration], demo_delegate: Registration, rng: random.Random
) -> list[tuple[Registration, tuple]]:
    """An accredited delegate of the same organisation type for each company (the demo
    delegate first, when a company fits them); companies nobody fits are left out."""
    pool: dict[OrganisationType, list[Registration]] = {}
    for registration in registrations:
        if registration.is_accredited and registration is not demo_delegate:
            pool.setdefault(registration.organisation_type, []).append(registration)
    for people in pool.values():
        rng.shuffle(people)
    chosen = []
    companies = list(COMPANIES)
    # The demo delegate represents the first company (whatever they registered with, unless
    # they are the only one of their organisation type); _add_requests gives them some of
    # everything.
    others_of_their_type = sum(
        r.organisation_type is demo_delegate.organisation_type
        for r in registrations
        if r is not demo_delegate
    )
    if demo_delegate.is_accredited and others_of_their_type:
        company = companies.pop(0)
        demo_delegate.organisation_type = company[3]
        chosen.append((demo_delegate, company))
    for company in companies:
        people = pool.get(company[3])
        if people:
            chosen.append((people.pop(0), company))
    return chosen


def _free_the_afternoon(event: Event, delegate: Registration) -> None:
    """The demo delegate keeps one working session in the meeting block (a slot the
    programme makes busy) and gives up the later ones for meetings."""
    blocks = setup.blocks_of(event)
    overlapping = sorted(
        (
            entry.session
            for entry in signups.sign_ups_of(delegate).values()
            if any(
                entry.session.starts_at < b.ends_at and b.starts_at < entry.session.ends_at
                for b in blocks
            )
        ),
        key=lambda session: session.starts_at,
    )
    for session in overlapping[1:]:
        signups.cancel_sign_up(event, delegate, session.id)


def _message(asker: Participant, rng: random.Random) -> str:
    return rng.choice(MESSAGES_UK if asker.registration.locale == "uk" else MESSAGES_EN)


def _add_requests(
    event: Event, participants: list[Participant], clock: datetime, rng: random.Random
) -> None:
    """Requests in every state: accepted ones become meetings at tables; the demo delegate
    (participants[0]) has some of each."""
    hours = timedelta(hours=1)
    demo = participants[0]
    others = participants[1:]
    asked_demo = others[:3]
    demo_asks = others[3:6]
    # Accepted: meetings across the block, for everyone's pages and the organisers' grid.
    pairs = [(others[i], others[i + 1]) for i in range(6, 46, 2)]
    pairs += [(asked_demo[0], demo), (demo, demo_asks[0])]
    for n, (asker, asked) in enumerate(pairs):
        sent = clock - (40 - n) * hours
        request = meeting_requests.send_request(event, asker, asked.id, _message(asker, rng), sent)
        free = availability.common_free_slots(event, asker, asked, sent + hours)
        if free:  # else the request stays unanswered
            booking.accept(event, request.id, asked, rng.choice(free).id, sent + hours)
    # Waiting for an answer: two for the demo delegate, one sent by them, some between others.
    for asker in asked_demo[1:]:
        meeting_requests.send_request(
            event, asker, demo.id, _message(asker, rng), clock - 5 * hours
        )
    meeting_requests.send_request(
        event, demo, demo_asks[1].id, _message(demo, rng), clock - 3 * hours
    )
    for asker, asked in zip(others[46:50], others[50:54], strict=False):
        meeting_requests.send_request(
            event, asker, asked.id, _message(asker, rng), clock - 2 * hours
        )
    # Declined, with a reason.
    request = meeting_requests.send_request(
        event, demo, demo_asks[2].id, _message(demo, rng), clock - 30 * hours
    )
    meeting_requests.decline(
        event, request.id, demo_asks[2], DECLINE_REASONS[0], clock - 20 * hours
    )
    request = meeting_requests.send_request(
        event, others[54], others[55].id, _message(others[54], rng), clock - 30 * hours
    )
    meeting_requests.decline(event, request.id, others[55], DECLINE_REASONS[1], clock - 25 * hours)
    # Withdrawn by the asker.
    request = meeting_requests.send_request(
        event, others[56], others[57].id, _message(others[56], rng), clock - 10 * hours
    )
    meeting_requests.withdraw(event, request.id, others[56], clock - 9 * hours)
    # Expired: sent long ago and never answered (the organisers' deadline is 30 days).
    meeting_requests.send_request(
        event, others[57], others[58].id, _message(others[57], rng), clock - 800 * hours
    )
    meeting_requests.expire_overdue(event, clock)
    # Cancelled after it was accepted.
    request = meeting_requests.send_request(
        event, others[1], others[2].id, _message(others[1], rng), clock - 50 * hours
    )
    meeting = booking.accept(event, request.id, others[2], None, clock - 49 * hours)
    booking.cancel(event, meeting.id, others[1], "Our delegation was changed.", clock - 1 * hours)
