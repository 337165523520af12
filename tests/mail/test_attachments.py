"""Mails that carry files: the badge with the accreditation, the agenda with session news.

The files are built when the mail leaves (the row keeps a reference), and the mail is
handed to a real SMTP server (aiosmtpd) as delegates' mail servers would receive it.
"""

import subprocess
from pathlib import Path

import sqlalchemy as sa
from icalendar import Calendar

from forum.auth.models import Role
from forum.badges.tokens import issue_token
from forum.extensions import db
from forum.mail.models import MailState, OutgoingMail
from forum.programme import signups
from forum.registration import decisions
from forum.registration.models import RegistrationState
from tests import factories
from tests.badges.conftest import zbar


def attachments(message) -> dict[str, tuple[str, bytes]]:
    return {
        part.get_filename(): (part.get_content_type(), part.get_content())
        for part in message.iter_attachments()
    }


def badge_codes(pdf: bytes, folder: Path) -> list[str]:
    (folder / "badge.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", folder / "badge.pdf", folder / "p"], check=True
    )
    (page,) = folder.glob("p-*.png")
    return zbar(page)


def test_the_accreditation_mail_carries_the_badge(event, smtp_server, tmp_path):
    officer = factories.create_user(role=Role.OFFICER)
    delegate = factories.create_user(role=Role.DELEGATE)
    registration = factories.create_registration(
        event, user_id=delegate.id, state=RegistrationState.PENDING
    )
    db.session.commit()

    decisions.approve(registration, officer)
    (row,) = db.session.scalars(
        sa.select(OutgoingMail).where(OutgoingMail.template == "registration_approved")
    )
    # The row names the badge; the PDF is drawn when the mail leaves.
    assert row.attachments == [{"kind": "badge_pdf", "registration_id": registration.id}]
    db.session.commit()  # the mail leaves after the commit

    smtp_server.wait_for_count(1, timeout=30)
    (message,) = smtp_server.to(registration.email)
    assert "accreditation" in message.get_body(("plain",)).get_content()
    files = attachments(message)
    content_type, pdf = files[f"badge-{event.slug}.pdf"]
    assert content_type == "application/pdf"
    assert badge_codes(pdf, tmp_path) == [issue_token(registration)]


def test_a_seat_freed_in_a_session_mails_the_agenda_as_a_calendar_file(event, smtp_server):
    event.programme_published = True
    session = factories.create_session(event, title="Counter-drone systems", capacity=1)
    first = factories.create_registration(event, state=RegistrationState.APPROVED)
    waiting = factories.create_registration(event, state=RegistrationState.APPROVED)
    factories.create_sign_up(session, first)
    factories.create_sign_up(session, waiting, state="waitlisted")
    db.session.commit()

    signups.cancel_sign_up(event, first, session.id)  # the waiting delegate gets the seat
    db.session.commit()

    smtp_server.wait_for_count(1, timeout=30)
    (message,) = smtp_server.to(waiting.email)
    content_type, ics = attachments(message)["agenda.ics"]
    assert content_type == "text/calendar"
    calendar = Calendar.from_ical(ics)
    summaries = [str(item["summary"]) for item in calendar.walk("VEVENT")]
    assert summaries == ["Counter-drone systems"]
    db.session.rollback()
    state = db.session.scalar(sa.select(OutgoingMail.state).where(OutgoingMail.id > 0).limit(1))
    assert state is MailState.SENT
