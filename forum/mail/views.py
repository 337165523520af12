"""The organisers' page of outgoing mail: what waits, what failed and the server's answer."""

from flask import Blueprint, render_template

from forum.auth.access import allow
from forum.auth.models import Role
from forum.events.services import current_event
from forum.mail import queries

bp = Blueprint("outbox", __name__)
# A mail waiting longer than this is worth a word on the page: is the worker running?
LATE_SECONDS = 5 * 60


@bp.get("/organise/mail")
@allow(Role.ORGANISER)
def outgoing_mail() -> str:
    event = current_event()
    figures = queries.outbox_figures(event.id)
    oldest = figures.oldest_waiting_seconds()
    return render_template(
        "outbox/outgoing_mail.html",
        event=event,
        figures=figures,
        late=oldest is not None and oldest > LATE_SECONDS,
        failed=queries.failed_mails(event.id),
        retrying=queries.retrying_mails(event.id),
    )
