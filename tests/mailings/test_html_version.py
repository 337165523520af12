"""Every mail the outbox sends has an HTML version in the forum's look beside its text, and
names a contact address for questions."""

from forum.extensions import db
from forum.mail import send_mail
from forum.registration.decisions import approve
from tests import factories


def test_an_existing_mail_gains_an_html_version_with_the_event_and_the_footer(app, event, mailbox):
    app.config["MAIL_CONTACT"] = "accreditation@forum.example.org"
    event.mail_footer = "Accreditation desk: +32 2 584 11 11"
    event.mail_footer_uk = "Стійка акредитації: +32 2 584 11 11"
    registration = factories.create_registration(event, locale="uk")
    with app.test_request_context("/"):
        approve(registration, actor=None)
    (message,) = mailbox.to(registration.email)
    text = mailbox.body(message)
    html = message.get_body(preferencelist=("html",)).get_content()
    assert message["Reply-To"] == "accreditation@forum.example.org"
    assert "Питання: accreditation@forum.example.org" in text
    assert '<html lang="uk">' in html
    assert "Стійка акредитації: +32 2 584 11 11" in html
    assert "Питання: accreditation@forum.example.org" in html
    # The text's links are links, the signature is not repeated in the body.
    assert '<a href="http' in html
    assert html.count("Стійка акредитації") == 1


def test_the_html_version_escapes_what_the_text_says(app, event, mailbox):
    with app.test_request_context("/"):
        send_mail(
            "someone@example.org",
            "mailing",
            subject="Hello",
            body="Dear <b>friend</b> & co,\nhttps://forum.example.org/my/agenda?a=1&b=2.",
            event=event,
        )
    db.session.commit()
    (message,) = mailbox.to("someone@example.org")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Dear &lt;b&gt;friend&lt;/b&gt; &amp; co,<br>" in html
    assert 'href="https://forum.example.org/my/agenda?a=1&amp;b=2"' in html
    # Without MAIL_CONTACT, the sender is the address named.
    assert "Questions: forum@localhost" in mailbox.body(message)
