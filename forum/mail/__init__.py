"""E-mail through a transactional outbox.

A mail is rendered from templates/mail/<name> in the recipient's language and
written as a row of the outbox (forum.mail.models) in the same transaction as
the change that causes it: no mail for a change that is rolled back, no change
without its mail. After the commit, the worker (`flask --app forum worker`)
hands it to the SMTP server (FORUM_MAIL_SERVER; without one, to the log and
instance/outbox/), retrying with backoff and keeping the server's answer.

    send_mail(to, template, locale, **context)   render and queue one mail
    queue_mail(...) / queue_many([...])          queue mails already rendered
    render_mail(template, locale, **context)     (subject, text, html)
    external_url(endpoint, **values)             a link for a mail, on BASE_URL
"""

from forum.mail.outbox import (
    forget_mails_to,
    listen,
    queue_mail,
    queue_many,
    queued_in_this_transaction,
    send_mail,
)
from forum.mail.render import external_url, render_mail

__all__ = [
    "external_url",
    "forget_mails_to",
    "listen",
    "queue_mail",
    "queue_many",
    "queued_in_this_transaction",
    "render_mail",
    "send_mail",
]
