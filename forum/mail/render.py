"""Rendering a mail from templates/mail/<name>.subject.txt, .txt (and .html when present)
in the recipient's language, whatever the language of the current request; links in
mails are built on BASE_URL."""

from urllib.parse import urlsplit

from flask import current_app, has_request_context
from flask_babel import force_locale
from jinja2 import TemplateNotFound

from forum.events.services import mail_footer
from forum.i18n import BABEL_LOCALES


def render_mail(template: str, locale: str, **context) -> tuple[str, str, str | None]:
    """(subject, text, html) of templates/mail/<template>, rendered in `locale`."""
    if not has_request_context():  # from the CLI or the worker: templates expect a request
        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
            return render_mail(template, locale, **context)
    with force_locale(BABEL_LOCALES.get(locale, locale)):
        context = {**context, "mail_locale": locale, "mail_footer": mail_footer(locale)}
        subject = _render(f"mail/{template}.subject.txt", context).strip()
        text = _render(f"mail/{template}.txt", context)
        try:
            html = _render(f"mail/{template}.html", context)
        except TemplateNotFound:
            html = None
    return subject, text, html


def _render(name: str, context: dict) -> str:
    """A mail template, without the context processors of pages (the header's navigation,
    the current event, the signed-in user): a mail uses none of them, and a bulk decision
    renders hundreds of mails in one request."""
    return current_app.jinja_env.get_template(name).render(context)


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
