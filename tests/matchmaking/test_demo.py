"""The demo forum's matchmaking: 60 companies, 30 tables, requests in every state, and the
demo delegate taking part."""

import sqlalchemy as sa

from forum.demo.seed import DEMO_DELEGATE_EMAIL, seed_demo
from forum.extensions import db
from forum.matchmaking import setup
from forum.matchmaking.access import active_participant
from forum.matchmaking.agenda import meetings_of
from forum.matchmaking.meeting_models import MeetingRequest, RequestState
from forum.matchmaking.meeting_requests import inbox_of
from forum.matchmaking.models import MatchProfile
from forum.registration.models import Registration


def test_the_demo_forum_has_matchmaking_in_every_state(app):
    result = seed_demo()
    db.session.commit()
    event = result.event
    profiles = db.session.scalars(sa.select(MatchProfile)).all()
    assert len(profiles) == 60
    assert {p.side.value for p in profiles} == {"eu", "ukraine", "other"}
    assert any(p.offers_uk and not p.offers for p in profiles)  # Ukrainian only
    assert any(p.offers and not p.offers_uk for p in profiles)  # English only
    assert len(setup.tables_of(event)) == 30 and setup.settings_of(event).open
    states = set(db.session.scalars(sa.select(MeetingRequest.state)))
    assert states == set(RequestState)
    demo = db.session.scalar(
        sa.select(Registration).where(Registration.email == DEMO_DELEGATE_EMAIL)
    )
    participant = active_participant(event, demo)
    assert participant is not None and participant.profile.managed_by_id == demo.id
    inbox = inbox_of(participant)
    assert len(inbox.received) == 2 and len(inbox.sent) == 1
    assert len(meetings_of(participant)) == 2
