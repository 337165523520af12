"""'E-mail me my agenda': the delegate's sessions in their language, with the .ics."""

import sqlalchemy as sa
from icalendar import Calendar

from forum.auth.models import Role
from forum.extensions import db
from forum.mail.models import OutgoingMail
from tests import factories
from tests.mail.conftest import smtp_server  # noqa: F401 (a fixture)
from tests.mail.test_attachments import attachments


def delegate_with_sessions(event, locale: str = "en"):
    event.programme_published = True
    room = factories.create_room(event, name="Plenary Hall", name_uk="Пленарна зала")
    chosen = factories.create_session(
        event, title="Counter-drone systems", title_uk="Протидія дронам", room=room
    )
    factories.create_session(event, title="Not chosen", title_uk="Не обрано", capacity=10)
    user, registration = factories.create_delegate(event, locale=locale)
    factories.create_sign_up(chosen, registration)
    db.session.commit()
    return user, registration


def test_a_delegate_mails_their_agenda_to_themselves(
    client,
    auth,
    event,
    smtp_server,  # noqa: F811
):
    user, registration = delegate_with_sessions(event)
    auth.sign_in(user.email)
    assert "E-mail me my agenda" in client.get("/my/agenda").get_data(True)

    page = client.post("/my/agenda/mail", follow_redirects=True).get_data(True)
    assert f"Your agenda is on its way to {registration.email}." in page
    smtp_server.wait_for_count(1, timeout=30)
    (message,) = smtp_server.to(registration.email)
    assert message["Subject"] == f"Your agenda: {event.name}"
    body = message.get_body(("plain",)).get_content()
    assert "Counter-drone systems · Plenary Hall · seat confirmed" in body
    assert "Not chosen" not in body
    content_type, ics = attachments(message)["agenda.ics"]
    assert content_type == "text/calendar"
    summaries = [str(e["summary"]) for e in Calendar.from_ical(ics).walk("VEVENT")]
    assert "Counter-drone systems" in summaries and "Not chosen" not in summaries


def test_the_agenda_mail_speaks_the_delegates_language(client, auth, event, mailbox):
    user, registration = delegate_with_sessions(event, locale="uk")
    auth.sign_in(user.email)
    client.post("/my/agenda/mail")
    (message,) = mailbox.to(registration.email)
    assert message["Subject"].startswith("Ваш розклад: ")
    assert "Протидія дронам · Пленарна зала" in mailbox.body(message)


def test_only_a_delegate_with_a_registration_mails_an_agenda(client, auth, event):
    for role in (Role.OFFICER, Role.ORGANISER, Role.STAFF):
        auth.sign_out()
        auth.as_role(role)
        assert client.post("/my/agenda/mail").status_code == 403
    auth.sign_out()
    auth.as_role(Role.DELEGATE)  # an account with no registration for this event
    assert client.post("/my/agenda/mail").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutgoingMail)) == 0
