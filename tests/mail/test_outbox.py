"""The outbox: a mail is a row of the change's transaction, delivered after the commit,
retried with backoff, refused mails marked failed with the server's answer."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.auth.models import Role
from forum.db import utcnow
from forum.extensions import db
from forum.mail import delivery, queue_mail, queue_many, send_mail
from forum.mail.attachments import Attachment, attachment_kind
from forum.mail.models import MailState, OutgoingMail
from forum.privacy.services import anonymise_registration
from forum.registration.decisions import approve
from tests import factories
from tests.mail.conftest import MailServer, free_port


def rows() -> list[OutgoingMail]:
    return list(db.session.scalars(sa.select(OutgoingMail).order_by(OutgoingMail.id)))


def test_no_mail_for_a_change_that_is_rolled_back(app, event, mailbox):
    registration = factories.create_registration(event)
    db.session.commit()
    approve(registration, actor=None)
    assert [m.template for m in rows()] == ["registration_approved"]  # in the transaction
    db.session.rollback()
    assert rows() == []
    delivery.sweep()
    delivery.deliver_due()
    assert mailbox.messages == []


def test_a_request_that_fails_keeps_no_mail_and_one_that_succeeds_sends_it(fresh_app, event):
    other = fresh_app()

    @other.post("/test/mail/<int:status>")
    def queue_then_answer(status: int):
        queue_mail("someone@example.org", f"Answered {status}", "Hello")
        return "done", status

    db.session.commit()
    client = other.test_client()
    assert client.post("/test/mail/409").status_code == 409
    assert client.post("/test/mail/500").status_code == 500
    db.session.rollback()
    assert rows() == []
    assert client.post("/test/mail/200").status_code == 200
    db.session.rollback()
    (mail,) = rows()
    assert (mail.subject, mail.state) == ("Answered 200", MailState.SENT)


def test_a_refused_recipient_fails_at_once_with_the_answer_and_the_others_are_delivered(
    app, event, smtp_server, client, auth
):
    smtp_server.refused["nobody@example.org"] = (
        "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown"
    )
    for to in ("first@example.org", "nobody@example.org", "last@example.org"):
        send_mail(to, "already_registered", "en", event=event, sign_in_url="/", reset_url="/")
    db.session.commit()  # delivered now (tests deliver at once)

    assert sorted(m["To"] for m in smtp_server.received) == [
        "first@example.org",
        "last@example.org",
    ]
    db.session.rollback()
    states = {m.recipient: (m.state, m.attempts, m.last_answer) for m in rows()}
    assert states["nobody@example.org"] == (
        MailState.FAILED,
        1,
        "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown",
    )
    assert states["first@example.org"][0] is MailState.SENT
    assert states["last@example.org"][2].startswith("250 2.0.0 Ok: queued as")

    # The organisers see it, with the server's answer.
    auth.as_role(Role.ORGANISER)
    page = client.get("/organise/mail").get_data(as_text=True)
    assert "nobody@example.org" in page and "Recipient address rejected: User unknown" in page
    assert "first@example.org" not in page


def test_only_organisers_see_the_outgoing_mail(client, auth, event):
    assert client.get("/organise/mail").status_code == 302  # to the sign-in page
    auth.as_role(Role.OFFICER)
    assert client.get("/organise/mail").status_code == 403


def test_with_the_server_down_mails_wait_and_go_once_it_is_back(app, event, mailbox):
    port = free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    for n in range(3):
        queue_mail(f"d{n}@example.org", "Your badge", "Hello")
    db.session.commit()  # the delivery runs now and finds no server
    db.session.rollback()
    first = rows()
    assert [m.state for m in first] == [MailState.QUEUED] * 3
    assert [m.attempts for m in first] == [1, 0, 0]  # one try: the server is away for all
    assert "could not connect" in first[0].last_answer
    retry_at = first[0].next_attempt_at
    assert timedelta(0) < retry_at - utcnow() <= timedelta(seconds=30)
    assert all(m.next_attempt_at == retry_at for m in first)  # the others wait as long
    assert delivery.deliver_due().sent == 0  # nothing due before the retry time

    server = MailServer(port=port).start()
    try:
        db.session.execute(sa.update(OutgoingMail).values(next_attempt_at=utcnow()))
        db.session.commit()  # the retry time has come
        assert delivery.deliver_due().sent == 3
        assert delivery.deliver_due().sent == 0
        assert sorted(m["To"] for m in server.received) == [f"d{n}@example.org" for n in range(3)]
    finally:
        server.stop()
    db.session.rollback()
    assert [m.state for m in rows()] == [MailState.SENT] * 3


def test_retries_start_within_30_seconds_grow_and_go_on_for_at_least_a_day(app):
    delays = [delivery.retry_delay(n) for n in range(1, 60)]
    assert delays[0] <= timedelta(seconds=30)
    assert delays == sorted(delays) and delays[-1] > delays[0]
    assert app.config["MAIL_RETRY_FOR"] >= timedelta(hours=24)


def test_a_mail_still_failing_after_the_retry_period_is_marked_failed(app, event):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    mail = queue_mail("late@example.org", "Hello", "Hello")
    mail.created_at = utcnow() - app.config["MAIL_RETRY_FOR"]
    db.session.commit()
    db.session.rollback()
    (mail,) = rows()
    assert mail.state is MailState.FAILED and "could not connect" in mail.last_answer


def test_a_claim_left_by_a_dead_worker_goes_back_to_the_queue(app, event, mailbox, queued_tasks):
    mail = queue_mail("claimed@example.org", "Hello", "Hello")
    db.session.commit()
    (claimed,) = delivery.claim()  # then the worker dies
    assert claimed.id == mail.id
    delivery.sweep()
    assert db.session.get(OutgoingMail, mail.id).state is MailState.SENDING  # not yet stale
    long_ago = utcnow() - app.config["MAIL_CLAIM_TIMEOUT"] - timedelta(seconds=1)
    db.session.execute(sa.update(OutgoingMail).values(claimed_at=long_ago))
    db.session.commit()
    delivery.sweep()
    db.session.refresh(mail)
    assert (mail.state, mail.last_answer) == (MailState.QUEUED, delivery.STOPPED_WHILE_SENDING)
    assert delivery.deliver_due().sent == 1
    assert len(mailbox.to("claimed@example.org")) == 1


@attachment_kind("test_agenda")
def agenda_file(name: str) -> Attachment:
    return Attachment(f"{name}.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")


def test_a_mail_carries_its_language_html_and_attachments(app, event, smtp_server):
    queue_mail(
        "olena@example.org",
        "Ваш порядок денний",
        "Текст",
        html="<p>Текст</p>",
        locale="uk",
        attachments=[{"kind": "test_agenda", "name": "agenda"}],
    )
    db.session.commit()
    (message,) = smtp_server.received
    assert message["Subject"] == "Ваш порядок денний"
    assert message.get_body(("html",)).get_content().strip() == "<p>Текст</p>"
    assert message.get_body(("plain",)).get_content().strip() == "Текст"
    (attached,) = message.iter_attachments()
    assert attached.get_filename() == "agenda.ics"
    assert attached.get_content_type() == "text/calendar"


def test_a_mailing_queues_its_mails_in_one_statement_and_all_are_delivered(
    app, event, smtp_server, queued_tasks
):
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("INSERT INTO OUTGOING_MAILS"):
            statements.append(statement)

    mails = [
        {"recipient": f"m{n}@example.org", "subject": f"News {n}", "text": "Hello", "priority": 10}
        for n in range(300)
    ]
    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert queue_many(mails) == 300
        db.session.commit()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) <= 2  # one INSERT (psycopg may page a large one)
    assert queued_tasks.waiting == 4  # four deliveries share the work (20 mails a batch)
    queued_tasks.run_all()
    assert len(smtp_server.received) == 300


def test_erasing_a_person_forgets_the_mails_to_them(app, event):
    registration = factories.create_registration(event)
    db.session.commit()
    approve(registration, actor=None)
    queue_mail("someone.else@example.org", "Hello", "Hello")
    db.session.commit()
    anonymise_registration(registration)
    db.session.commit()
    assert [m.recipient for m in rows()] == ["someone.else@example.org"]


@pytest.mark.parametrize("kept", ["sent", "failed"])
def test_old_mails_are_deleted_after_their_keeping_time(app, event, mailbox, kept):
    queue_mail("old@example.org", "Hello", "Hello")
    db.session.commit()
    (mail,) = rows()
    if kept == "failed":
        mail.state = MailState.FAILED
    db.session.commit()
    delivery.sweep(now=utcnow() + timedelta(days=29))
    assert len(rows()) == 1
    delivery.sweep(now=utcnow() + timedelta(days=91))
    assert rows() == []


def test_a_mail_queued_inside_a_savepoint_leaves_with_the_outer_commit(app, event, mailbox):
    db.session.commit()
    with db.session.begin_nested():  # as a bulk decision does for each registration
        queue_mail("nested@example.org", "Hello", "Hello")
    assert mailbox.path.glob("*.eml") and not list(mailbox.path.glob("*.eml"))
    db.session.commit()
    assert len(mailbox.to("nested@example.org")) == 1
