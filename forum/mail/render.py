"""Rendering a mail from templates/mail/<name>.subject.txt, .txt (and .html when present)
in the recipient's language, whatever the language of the current request; links in
mails are built on BASE_URL.

Every mail gets an HTML version beside its text: the template's own .html, else the
text laid out in the forum's look (templates/mail/_layout.html) by `html_version()`.
"""

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from flask import current_app, has_request_context
from flask_babel import force_locale
from jinja2 import TemplateNotFound
from markupsafe import Markup, escape

from forum.events.services import find_current_event, mail_footer
from forum.i18n import BABEL_LOCALES

# The text layout (templates/mail/_layout.txt) ends the message with a signature
# below this line: the event, the organisers' footer, the contact and the system's line.
SIGNATURE = "\n-- \n"
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")

Rendered = tuple[str, str, str | None]


def render_mail(template: str, locale: str, **context) -> Rendered:
    """(subject, text, html) of templates/mail/<template>, rendered in `locale`."""
    return render_mails(template, locale, [context])[0]


def render_mails(template: str, locale: str, contexts: Iterable[dict]) -> list[Rendered]:
    """(subject, text, html) of templates/mail/<template> for each context, in `locale`:
    the language and the event's footer are set up once for all of them (a mailing)."""
    if not has_request_context():  # from the CLI or the worker: templates expect a request
        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
            return render_mails(template, locale, contexts)
    with force_locale(BABEL_LOCALES.get(locale, locale)):
        shared = {
            "mail_locale": locale,
            "mail_footer": mail_footer(locale),
            "mail_contact": mail_contact(),
        }
        return [_render_one(template, {**context, **shared}) for context in contexts]


def _render_one(template: str, context: dict) -> Rendered:
    subject = _render(f"mail/{template}.subject.txt", context).strip()
    text = _render(f"mail/{template}.txt", context)
    try:
        html = _render(f"mail/{template}.html", context)
    except TemplateNotFound:
        html = html_version(subject, text, context)
    return subject, text, html


def _render(name: str, context: dict) -> str:
    """A mail template, without the context processors of pages (the header's navigation,
    the current event, the signed-in user): a mail uses none of them, and a bulk decision
    renders hundreds of mails in one request."""
    return current_app.jinja_env.get_template(name).render(context)


def mail_contact() -> str:
    """The address every mail names for questions (MAIL_CONTACT, else MAIL_SENDER)."""
    config = current_app.config
    return config.get("MAIL_CONTACT") or config["MAIL_SENDER"]


def html_version(subject: str, text: str, context: dict) -> str:
    """The mail's text in the forum's look: its paragraphs (links made links) under the
    event's name, and the footer in the recipient's language."""
    body = text.split(SIGNATURE, 1)[0].strip()
    paragraphs = [_paragraph(block) for block in re.split(r"\n\s*\n", body) if block.strip()]
    event = context.get("event") or find_current_event()
    locale = context["mail_locale"]
    return _render(
        "mail/_layout.html",
        {
            **context,
            "subject": subject,
            "paragraphs": paragraphs,
            "event_name": event.localized("name", locale)
            if event
            else current_app.config["MAIL_SENDER_NAME"],
            "footer_lines": [line for line in context["mail_footer"].splitlines() if line.strip()],
        },
    )


def _paragraph(block: str) -> Markup:
    """One paragraph of text as HTML: escaped, its links clickable, its lines kept."""
    lines = []
    for line in block.strip().splitlines():
        pieces, start = [], 0
        for match in _URL.finditer(line):
            url = match.group(0)
            pieces.append(escape(line[start : match.start()]))
            pieces.append(Markup('<a href="{0}" style="color:#0057b7">{0}</a>').format(url))
            start = match.end()
        pieces.append(escape(line[start:]))
        lines.append(Markup("").join(pieces))
    return Markup("<br>\n").join(lines)


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
