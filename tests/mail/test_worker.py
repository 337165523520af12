"""End to end: the web answers without the mail server, the real worker process delivers.

Each test runs `flask --app forum worker` in its own process against a real aiosmtpd.
That a request does not wait for the mail server is shown by what it leaves behind (the
mail queued, nothing sent yet, no mail server needed), not by a stopwatch: how long
queueing takes is measured in bench/bench_mailing.py.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from forum.auth.models import Role
from forum.extensions import db
from forum.mail.models import MailState, OutgoingMail
from forum.registration.models import Registration, RegistrationState
from forum.tasks import huey
from tests import factories
from tests.mail.conftest import MailServer, free_port, wait_for
from tests.registration.conftest import form_data


@dataclass(frozen=True)
class Row:
    recipient: str
    state: MailState
    attempts: int
    last_answer: str
    sent_at: datetime | None


def mail_rows() -> list[Row]:
    """The outbox as the worker left it, read in a transaction that ends at once."""
    db.session.rollback()
    rows = [
        Row(m.recipient, m.state, m.attempts, m.last_answer, m.sent_at)
        for m in db.session.scalars(sa.select(OutgoingMail).order_by(OutgoingMail.id))
    ]
    db.session.rollback()
    return rows


def confirmation_mail() -> Row:
    (mail,) = [m for m in mail_rows() if m.recipient == form_data()["email"]]
    return mail


def queue_is_empty() -> bool:
    return huey.pending_count() == 0 and huey.scheduled_count() == 0


def test_with_the_mail_server_down_registration_answers_at_once_and_the_mail_comes_once_later(
    client, event, start_worker
):
    db.session.commit()
    port = free_port()  # nothing listens there: the mail server is down
    worker = start_worker(port)

    # A first registration warms the process up (templates compiled, translations loaded).
    assert client.post("/register", data=form_data(email="first@example.org")).status_code == 302
    response = client.post("/register", data=form_data())
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.rollback()
    state = db.session.scalar(
        sa.select(Registration.state).where(Registration.email == form_data()["email"])
    )
    db.session.rollback()
    assert state is RegistrationState.SUBMITTED

    # The worker tried, was refused a connection, and keeps the mail for a retry.
    wait_for(
        lambda: all("could not connect" in m.last_answer for m in mail_rows()),
        timeout=60,
        what="the worker's first attempt",
    )
    mail = confirmation_mail()
    assert mail.state in (MailState.QUEUED, MailState.SENDING)  # SENDING: a retry right now
    assert "could not connect" in mail.last_answer

    server = MailServer(port=port).start()  # the mail server comes back
    try:
        server.wait_for_count(2, timeout=60)  # both confirmation mails
        wait_for(
            lambda: all(m.state is MailState.SENT for m in mail_rows()) and queue_is_empty(),
            timeout=60,
            what="the mails marked sent and no task left",
        )
        (message,) = server.to(form_data()["email"])  # once
        assert len(server.received) == 2
        assert message["Subject"].startswith("Confirm your e-mail address")
        assert "/register/confirm/" in message.get_body(("plain",)).get_content()
        mail = confirmation_mail()
        assert mail.last_answer.startswith("250 2.0.0 Ok: queued as Q")
        assert mail.attempts >= 1 and mail.sent_at is not None
    finally:
        server.stop()
    assert "Traceback" not in worker.output()


def test_a_bulk_approval_of_200_sends_nothing_itself_and_200_mails_follow(
    client, auth, event, new_worker
):
    event.delegate_capacity = 500
    registrations = [factories.create_registration(event) for _ in range(200)]
    ids = [r.id for r in registrations]
    emails = sorted(r.email for r in registrations)
    auth.as_role(Role.OFFICER)
    server = MailServer().start()
    worker = new_worker(server.port)
    try:
        response = client.post("/accreditation/bulk", data={"action": "approve", "ids": ids})
        assert response.status_code == 302
        # No worker yet: the request itself delivered nothing, it queued one mail each.
        assert server.received == []
        queued = mail_rows()
        assert sorted(m.recipient for m in queued) == emails
        assert {(m.state, m.attempts) for m in queued} == {(MailState.QUEUED, 0)}
        db.session.rollback()
        approved = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Registration)
            .where(Registration.state == RegistrationState.APPROVED)
        )
        db.session.rollback()
        assert approved == 200

        worker.start()
        server.wait_for_count(200, timeout=120)
        assert sorted(m["To"] for m in server.received) == emails
        wait_for(
            lambda: all(m.state is MailState.SENT for m in mail_rows()),
            timeout=60,
            what="every mail marked sent",
        )
    finally:
        server.stop()
