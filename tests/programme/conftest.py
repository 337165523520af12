"""Shared set-up for programme tests: a published programme with one room."""

import pytest

from tests import factories


@pytest.fixture
def programme(event):
    event.programme_published = True
    return event


@pytest.fixture
def room(programme):
    return factories.create_room(programme, name="Room Kyiv", capacity=90)


def read_outbox(app):
    """Every mail written to the test outbox, as (to, subject, body)."""
    from email import message_from_bytes, policy
    from pathlib import Path

    outbox = Path(app.config["MAIL_OUTBOX"])
    mails = []
    for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(preferencelist=("plain",)).get_content()
        mails.append((message["To"], message["Subject"], body))
    return mails


@pytest.fixture
def outbox(app):
    """Start each test with an empty outbox; returns a function that reads it."""
    import shutil
    from pathlib import Path

    shutil.rmtree(Path(app.config["MAIL_OUTBOX"]), ignore_errors=True)
    return lambda: read_outbox(app)
