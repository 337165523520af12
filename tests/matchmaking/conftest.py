"""Shared set-up for matchmaking tests: a forum ten days ahead with an open matchmaking block,
and delegates who take part for their organisations."""

from datetime import date, datetime, time, timedelta

import pytest

from forum.matchmaking import profiles, setup
from forum.matchmaking.models import Audience, Participant
from forum.registration.models import OrganisationType
from tests import factories

FORUM_DAY = date.today() + timedelta(days=10)


@pytest.fixture
def forum(app):
    """A published forum day ten days ahead, matchmaking open 14:00-16:00 in 20-minute slots
    at three tables, with the usual capability tags."""
    event = factories.create_event(starts_on=FORUM_DAY, ends_on=FORUM_DAY)
    event.programme_published = True
    room = factories.create_room(
        event, name="Bilateral Meeting Area", name_uk="Зона двосторонніх зустрічей"
    )
    setup.save_settings(
        event,
        setup.SettingsData(
            open=True,
            slot_minutes=20,
            max_meetings=8,
            max_pending=10,
            answer_hours=48,
            room_id=room.id,
            table_count=3,
        ),
    )
    setup.add_block(event, at(event, "14:00"), at(event, "16:00"))
    setup.add_usual_tags(event)
    return event


def at(event, hhmm: str, day: date | None = None) -> datetime:
    return datetime.combine(day or event.starts_on, time.fromisoformat(hhmm), tzinfo=event.tz)


def tag(event, label: str) -> int:
    return next(t.id for t in setup.tags_of(event) if t.label == label)


def join(
    event,
    organisation: str = "Kyiv Drone Works",
    country: str = "UA",
    organisation_type: OrganisationType = OrganisationType.UA_INDUSTRY,
    offers: tuple[str, ...] = (),
    seeks: tuple[str, ...] = (),
    audience: Audience = Audience.EVERYONE,
    **fields,
) -> Participant:
    """An accredited delegate of `organisation` who opted in (and described its profile)."""
    _user, registration = factories.create_delegate(
        event,
        organisation=organisation,
        country=country,
        organisation_type=organisation_type,
        **fields,
    )
    participant = profiles.opt_in(event, registration)
    if participant.profile.managed_by_id == registration.id and (offers or seeks or audience):
        profiles.save_profile(
            event,
            participant.profile,
            registration,
            profiles.ProfileData(
                offers=f"{organisation} offers " + ", ".join(offers),
                offers_uk="",
                seeks="We seek " + ", ".join(seeks),
                seeks_uk="",
                about="",
                about_uk="",
                offer_tag_ids=[tag(event, label) for label in offers],
                seek_tag_ids=[tag(event, label) for label in seeks],
                cooperation=["partner"],
                audience=audience,
            ),
        )
    return participant


def eu(event, organisation: str = "Vistula Armaments S.A.", country: str = "PL", **kwargs):
    return join(event, organisation, country, OrganisationType.EU_INDUSTRY, **kwargs)


@pytest.fixture
def before(forum):
    """A moment before the forum: every slot is to come."""
    return at(forum, "09:00", forum.starts_on - timedelta(days=2))
