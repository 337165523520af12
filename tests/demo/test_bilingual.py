"""The demo forum's programme exists in Ukrainian too: every session title, theme and
description, every room and every door."""

import sqlalchemy as sa

from forum.checkin.models import Checkpoint
from forum.extensions import db
from forum.programme.models import Room, WorkingSession

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
