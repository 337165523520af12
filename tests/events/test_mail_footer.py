"""Every mail closes with the organisers' footer in the recipient's language; a footer
written in one language only reaches everyone in that language."""

from forum.auth.models import Role
from forum.extensions import db
from forum.programme.models import SpeakerAssignment, SpeakerRole
from forum.registration.decisions import approve
from tests import factories
from tests.programme.test_views import session_form

FOOTER_EN = "Questions about accreditation: accreditation@forum.example.org, +32 2 584 11 11"
FOOTER_UK = "Питання щодо акредитації: accreditation@forum.example.org, +32 2 584 11 11"


def test_each_delegate_gets_the_footer_in_their_language(app, event, mailbox):
    event.mail_footer, event.mail_footer_uk = FOOTER_EN, FOOTER_UK
    english = factories.create_registration(event, locale="en")
    ukrainian = factories.create_registration(event, locale="uk")
    with app.test_request_context("/"):
        approve(english, actor=None)
        approve(ukrainian, actor=None)
    (to_english,) = mailbox.to(english.email)
    (to_ukrainian,) = mailbox.to(ukrainian.email)
    body = mailbox.body(to_english)
    assert FOOTER_EN in body and FOOTER_UK not in body
    # Above the system's line, below the event's name.
    assert body.index("EU-Ukraine Defence Industry Forum") < body.index(FOOTER_EN)
    assert body.index(FOOTER_EN) < body.index("Please do not reply")
    body = mailbox.body(to_ukrainian)
    assert FOOTER_UK in body and FOOTER_EN not in body


def test_a_footer_not_translated_yet_reaches_everyone_in_its_language(app, event, mailbox):
    event.mail_footer = FOOTER_EN
    ukrainian = factories.create_registration(event, locale="uk")
    with app.test_request_context("/"):
        approve(ukrainian, actor=None)
    (message,) = mailbox.to(ukrainian.email)
    assert FOOTER_EN in mailbox.body(message)


def test_without_a_footer_the_mail_ends_with_the_systems_line(app, event, mailbox):
    registration = factories.create_registration(event)
    with app.test_request_context("/"):
        approve(registration, actor=None)
    (message,) = mailbox.to(registration.email)
    body = mailbox.body(message).rstrip()
    assert body.endswith("Please do not reply to it.")
    assert "\n\n\n" not in body.split("-- ")[-1]  # no empty line left for a missing footer


def test_programme_mails_carry_the_footer_too(client, auth, event, mailbox):
    from forum.programme.signups import sign_up

    event.programme_published = True
    event.mail_footer, event.mail_footer_uk = FOOTER_EN, FOOTER_UK
    room = factories.create_room(event, name="Room Kyiv", capacity=90)
    session = factories.create_session(event, "11:00", "12:30", room=room, title="EDIS")
    _user, delegate = factories.create_delegate(event, locale="uk")
    sign_up(event, delegate, session.id)
    session.speakers.append(SpeakerAssignment(role=SpeakerRole.MODERATOR, registration=delegate))
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    form = session_form(room, title="EDIS", starts="14:00", ends="15:30")
    assert client.post(f"/organise/sessions/{session.id}/edit", data=form).status_code == 302
    (message,) = mailbox.to(delegate.email)
    body = mailbox.body(message)
    assert "14:00" in body and FOOTER_UK in body
