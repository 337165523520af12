"""Sending e-mail: SMTP when FORUM_MAIL_SERVER is set, else the log and instance/outbox/.

Mails are rendered from templates/mail/<name>.txt (and .html when present) in
the recipient's language, whatever the language of the current request.
"""

import logging
import smtplib
import uuid
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound

from forum.events.services import mail_footer
from forum.i18n import BABEL_LOCALES

log = logging.getLogger(__name__)


def render_mail(template: str, locale: str, **context) -> tuple[str, str, str | None]:
    """(subject, text, html) of templates/mail/<template>, rendered in `locale`."""
    if not has_request_context():  # from the CLI: templates expect a request
        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
            return render_mail(template, locale, **context)
    with force_locale(BABEL_LOCALES.get(locale, locale)):
        context = {**context, "mail_locale": locale, "mail_footer": mail_footer(locale)}
        subject = render_template(f"mail/{template}.subject.txt", **context).strip()
        text = render_template(f"mail/{template}.txt", **context)
        try:
            html = render_template(f"mail/{template}.html", **context)
        except TemplateNotFound:
            html = None
    return subject, text, html


def send_mail(to: str, template: str, locale: str = "en", **context) -> EmailMessage:
    """Render and send one mail; returns the message sent."""
    message = compose_mail(to, template, locale, **context)
    deliver(message)
    return message


def compose_mail(to: str, template: str, locale: str = "en", **context) -> EmailMessage:
    """Render one mail, ready to deliver."""
    subject, text, html = render_mail(template, locale, **context)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = formataddr(
        (current_app.config.get("MAIL_SENDER_NAME", ""), current_app.config["MAIL_SENDER"])
    )
    message["To"] = to
    message["Message-ID"] = make_msgid(domain=current_app.config["MAIL_SENDER"].split("@")[-1])
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def deliver(message: EmailMessage) -> None:
    config = current_app.config
    if config.get("MAIL_SERVER"):
        with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=20) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
        log.info("Mail %r sent to %s", message["Subject"], message["To"])
        return
    outbox = Path(config.get("MAIL_OUTBOX") or Path(current_app.instance_path) / "outbox")
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{uuid.uuid4().hex}.eml"
    path.write_bytes(bytes(message))
    log.info(
        "No mail server set: mail %r to %s written to %s", message["Subject"], message["To"], path
    )


def external_url(endpoint: str, **values) -> str:
    """An absolute URL for mails and calendar files, always on the configured BASE_URL.

    Never on the request's Host header: a forged one would put its host into a
    password-reset link (docs/security.md, issue 13 finding 1).
    """
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)
