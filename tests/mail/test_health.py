"""/healthz reports the queue: how long the oldest mail and task have waited, failed mails."""

from datetime import timedelta

import sqlalchemy as sa

from forum.db import utcnow
from forum.extensions import db
from forum.mail import queue_mail
from forum.mail.models import MailState, OutgoingMail


def test_healthz_reports_waiting_and_failed_mail_and_waiting_tasks(client, event, queued_tasks):
    queue_mail("late@example.org", "Hello", "Hello")
    queue_mail("bounced@example.org", "Hello", "Hello")
    db.session.commit()  # queues a delivery task; no worker runs it yet
    db.session.execute(
        sa.update(OutgoingMail)
        .where(OutgoingMail.recipient == "late@example.org")
        .values(created_at=utcnow() - timedelta(minutes=7))
    )
    db.session.execute(
        sa.update(OutgoingMail)
        .where(OutgoingMail.recipient == "bounced@example.org")
        .values(state=MailState.FAILED, last_answer="550 5.1.1 User unknown")
    )
    db.session.commit()

    queue = client.get("/healthz").get_json()["queue"]
    assert queue["mail"]["waiting"] == 1 and queue["mail"]["failed"] == 1
    assert 7 * 60 <= queue["mail"]["oldest_waiting_seconds"] < 8 * 60
    assert queue["tasks"]["waiting"] == 1
    assert 0 <= queue["tasks"]["oldest_waiting_seconds"] < 60
    assert queue["tasks"]["worker_seen_seconds_ago"] is None  # no worker has run yet

    queued_tasks.run_all()
    queue = client.get("/healthz").get_json()["queue"]
    assert queue["mail"] == {"waiting": 0, "oldest_waiting_seconds": None, "failed": 1}
    assert queue["tasks"]["waiting"] == 0 and queue["tasks"]["oldest_waiting_seconds"] is None
