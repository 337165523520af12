"""Invitations not taken up are reminded by mail after the event's number of days, twice
at most, until the event begins; nobody else is, and two workers at once remind once."""

import threading
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from forum.registration.reminders import send_due_reminders
from forum.registration.tasks import remind_invitations
from tests import factories
from tests.threads import run_threads

S = RegistrationState


def days_before(event, days: int) -> datetime:
    return datetime.combine(event.starts_on - timedelta(days=days), time(9), tzinfo=UTC)


def invitation(event, sent_at: datetime, **fields) -> Registration:
    return factories.create_registration(
        event, **{"invited": True, "state": S.SUBMITTED, "created_at": sent_at, **fields}
    )


def test_an_invitation_not_taken_up_is_reminded_twice_a_week_apart_then_never(
    client, event, mailbox
):
    sent_at = days_before(event, 40)
    invited = invitation(event, sent_at, locale="uk")
    db.session.commit()
    assert send_due_reminders(event, sent_at + timedelta(days=6, hours=23)) == 0
    assert send_due_reminders(event, sent_at + timedelta(days=7)) == 1
    (first,) = mailbox.to(invited.email)
    assert first["Subject"].startswith("Нагадування")  # in the delegate's language
    assert send_due_reminders(event, sent_at + timedelta(days=13)) == 0  # a week after the first
    assert send_due_reminders(event, sent_at + timedelta(days=14)) == 1
    assert send_due_reminders(event, sent_at + timedelta(days=35)) == 0  # twice at most
    first, second = mailbox.to(invited.email)
    assert "останнє нагадування" in mailbox.body(second)
    assert "останнє нагадування" not in mailbox.body(first)

    page = client.get(mailbox.link(second, "/invitation/"))
    assert page.status_code == 200 and invited.given_name in page.get_data(as_text=True)
    numbers = db.session.scalars(
        sa.select(AuditEntry.details).where(AuditEntry.action == "registration.invitation_reminded")
    ).all()
    assert [d["number"] for d in numbers] == [1, 2]


def test_nobody_but_a_waiting_invitation_is_reminded(event, mailbox):
    sent_at = days_before(event, 40)
    completed = invitation(event, sent_at, state=S.PENDING)
    unconfirmed = factories.create_registration(event, state=S.SUBMITTED, created_at=sent_at)
    called_off = invitation(event, sent_at, state=S.CANCELLED)
    other_event = invitation(factories.create_event(), sent_at)
    db.session.commit()
    assert send_due_reminders(event, sent_at + timedelta(days=20)) == 0
    for registration in (completed, unconfirmed, called_off, other_event):
        assert mailbox.to(registration.email) == []


def test_no_reminder_when_switched_off_nor_once_the_event_has_begun(event, mailbox):
    sent_at = days_before(event, 40)
    invited = invitation(event, sent_at)
    event.invitation_reminder_days = 0
    db.session.commit()
    assert send_due_reminders(event, sent_at + timedelta(days=20)) == 0
    event.invitation_reminder_days = 7
    db.session.commit()
    assert send_due_reminders(event, days_before(event, 0)) == 0
    assert mailbox.to(invited.email) == []


def test_the_workers_periodic_task_reminds(event, mailbox):
    event.starts_on = event.ends_on = (datetime.now(UTC) + timedelta(days=30)).date()
    invited = invitation(event, datetime.now(UTC) - timedelta(days=8))
    db.session.commit()
    assert remind_invitations.call_local() == 1
    assert len(mailbox.to(invited.email)) == 1


def test_organisers_set_the_days_and_a_wrong_number_changes_nothing(client, auth, event):
    auth.as_role(Role.ORGANISER)
    settings = {"delegate_capacity": "350", "invitation_reminder_days": "3"}
    assert client.post("/accreditation/settings", data=settings).status_code == 302
    db.session.refresh(event)
    assert event.invitation_reminder_days == 3
    page = client.post(
        "/accreditation/settings", data={**settings, "invitation_reminder_days": "61"}
    ).get_data(as_text=True)
    assert "Number must be between 0 and 60." in page
    db.session.refresh(event)
    assert event.invitation_reminder_days == 3


def test_two_workers_at_once_remind_each_invitation_once(app, event, mailbox):
    sent_at = days_before(event, 40)
    invited = [invitation(event, sent_at).email for _ in range(5)]
    event_id = event.id
    db.session.commit()
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def remind() -> None:
        with app.app_context():
            try:
                barrier.wait()
                counts.append(
                    send_due_reminders(db.session.get(Event, event_id), sent_at + timedelta(days=7))
                )
                db.session.commit()
            finally:
                db.session.remove()

    run_threads(remind, [(), ()])
    assert sum(counts) == 5
    for email in invited:
        assert len(mailbox.to(email)) == 1
