"""The demo forum's programme exists in Ukrainian too: every session title, theme and
description, every room and every door, every guest speaker's position, organisation and
biography; the event's texts and mail footer."""

import sqlalchemy as sa

from forum.checkin.models import Checkpoint
from forum.events.models import Event
from forum.extensions import db
from forum.programme.models import Room, SpeakerProfile, WorkingSession

APOSTROPHES = "'’"  # Ukrainian writes ʼ (U+02BC)


def is_ukrainian(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text) and not any(
        ch in text for ch in APOSTROPHES
    )


def test_the_demo_programme_is_in_ukrainian_too(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    for session in db.session.scalars(sa.select(WorkingSession)):
        for field in ("title", "theme", "description"):
            assert is_ukrainian(session.in_language(field, "uk")), (session.title, field)
    for name in db.session.scalars(sa.select(Room.name_uk)):
        assert is_ukrainian(name)
    for name in db.session.scalars(sa.select(Checkpoint.name_uk)):
        assert is_ukrainian(name)


def test_the_demo_speakers_and_event_texts_are_in_ukrainian_too(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    profiles = db.session.scalars(sa.select(SpeakerProfile)).all()
    assert len(profiles) >= 9
    for profile in profiles:
        assert profile.bio and not is_ukrainian(profile.bio), profile.full_name
        for field in ("position", "organisation", "bio"):
            assert is_ukrainian(profile.in_language(field, "uk")), (profile.full_name, field)
    event = db.session.scalar(sa.select(Event))
    for field in ("name", "short_name", "venue", "city", "organisers", "description"):
        assert is_ukrainian(event.in_language(field, "uk")), field
    assert event.mail_footer and is_ukrainian(event.mail_footer_uk)
