"""The worker's task for accounts: the password-reset mail."""

import logging

from forum.auth.links import make_reset_token
from forum.auth.services import find_user
from forum.events.services import find_current_event
from forum.extensions import db
from forum.mail import external_url, send_mail
from forum.tasks import task

log = logging.getLogger(__name__)


@task()
def send_reset_link(email: str) -> None:
    """Mail a link to choose a new password to the account of `email`, if it is active."""
    user = find_user(email)
    if user is None or not user.active:
        return
    send_mail(
        user.email,
        "password_reset",
        user.locale,
        event=find_current_event(),
        reset_url=external_url("auth.reset_password", token=make_reset_token(user)),
    )
    db.session.commit()


def request_reset_link(email: str) -> None:
    """Queue the reset mail's task: the request does no more, whatever the address. If the
    queue cannot be reached, the task's work is done here rather than lost."""
    try:
        send_reset_link(email)
    except Exception:
        log.exception("Could not queue the password-reset mail; sending it from the request")
        send_reset_link.call_local(email)
