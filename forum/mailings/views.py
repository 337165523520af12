"""The organisers' mailings: list, compose, preview, test, send now or at a time, the log."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth.access import allow
from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.events.services import current_event, local_to_utc, utc_to_local
from forum.extensions import db
from forum.i18n import country_name
from forum.mailings import services
from forum.mailings.forms import MailingForm, ScheduleForm
from forum.mailings.models import Mailing, MailingState
from forum.mailings.placeholders import PLACEHOLDERS
from forum.main.navigation import add_nav_entry
from forum.programme.models import WorkingSession
from forum.registration.models import Registration
from forum.security.headers import CONTENT_SECURITY_POLICY

bp = Blueprint("mailings", __name__, url_prefix="/organise/mailings")
organisers_only = allow(Role.ORGANISER)

# One "Mail" entry: the mailings, whose page links to every outgoing mail (forum/mail).
add_nav_entry("mailings.index", _l("Mail"), Role.ORGANISER)


@bp.get("")
@organisers_only
def index() -> str:
    event = current_event()
    return render_template("mailings/index.html", event=event, mailings=services.mailings_of(event))


@bp.route("/new", methods=["GET", "POST"])
@organisers_only
def new() -> str | Response:
    return _compose(None)


@bp.route("/<int:mailing_id>/edit", methods=["GET", "POST"])
@organisers_only
def edit(mailing_id: int) -> str | Response:
    mailing = _mailing(mailing_id)
    if mailing.state is not MailingState.DRAFT:
        flash(_("Only a draft can be changed: this mailing has left or is scheduled."), "info")
        return redirect(url_for("mailings.show", mailing_id=mailing.id))
    return _compose(mailing)


def _compose(mailing: Mailing | None) -> str | Response:
    event = current_event()
    form = MailingForm(
        _countries(event.id),
        _sessions(event.id),
        data=MailingForm.data_of(mailing) if mailing else {"states": ["approved"]},
    )
    if form.validate_on_submit():
        texts = services.Texts(
            form.subject.data, form.body.data, form.subject_uk.data or "", form.body_uk.data or ""
        )
        saved = services.save_mailing(
            event, texts, form.segment(), author=current_user, mailing=mailing
        )
        flash(_("The mailing is saved. Check the preview, then send it."), "success")
        return redirect(url_for("mailings.show", mailing_id=saved.id))
    return render_template(
        "mailings/compose.html",
        event=event,
        form=form,
        mailing=mailing,
        placeholders=PLACEHOLDERS,
    )


# The mailing's page frames the HTML preview, served from this site only.
SHOW_POLICY = CONTENT_SECURITY_POLICY.replace("frame-src 'none'", "frame-src 'self'")
# The mail's HTML as a mail client shows it: inline styles (as mails need), nothing else,
# in a sandbox, framed only by the mailing's page.
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox"


@bp.get("/<int:mailing_id>")
@organisers_only
def show(mailing_id: int) -> Response:
    event = current_event()
    mailing = _mailing(mailing_id)
    segment = services.segment_of(mailing)
    page = render_template(
        "mailings/show.html",
        event=event,
        mailing=mailing,
        segment=segment,
        sessions=dict(_sessions(event.id)),
        country_name=country_name,
        count=services.count_recipients(event.id, segment)
        if mailing.state is not MailingState.QUEUED
        else mailing.recipient_count,
        preview=services.preview(mailing, event),
        schedule_form=ScheduleForm(),
        scheduled_local=utc_to_local(event, mailing.scheduled_at),
        log=services.recipient_log(mailing) if mailing.state is MailingState.QUEUED else [],
        log_counts=services.log_counts(mailing),
    )
    return make_response(page, 200, {"Content-Security-Policy": SHOW_POLICY})


@bp.get("/<int:mailing_id>/preview/<any(en, uk):language>")
@organisers_only
def preview_html(mailing_id: int, language: str) -> Response:
    """The HTML version of the preview, shown in a frame of the mailing's page."""
    mailing = _mailing(mailing_id)
    _subject, _text, html = services.preview(mailing, current_event())[language]
    headers = {"Content-Security-Policy": PREVIEW_POLICY, "X-Frame-Options": "SAMEORIGIN"}
    return make_response(html or "", 200, headers)


@bp.post("/<int:mailing_id>/test")
@organisers_only
def send_test(mailing_id: int) -> Response:
    mailing = _mailing(mailing_id)
    count = services.send_test(mailing, current_event(), current_user)
    flash(
        _(
            "%(count)s test mails are on their way to %(address)s.",
            count=count,
            address=current_user.email,
        ),
        "success",
    )
    return redirect(url_for("mailings.show", mailing_id=mailing.id))


@bp.post("/<int:mailing_id>/send")
@organisers_only
def send_now(mailing_id: int) -> Response:
    mailing = _mailing(mailing_id)
    count = services.queue_mailing(mailing, current_event())
    flash(_("%(count)s mails are in the outbox.", count=count), "success")
    return redirect(url_for("mailings.show", mailing_id=mailing.id))


@bp.post("/<int:mailing_id>/schedule")
@organisers_only
def schedule(mailing_id: int) -> Response:
    event = current_event()
    mailing = _mailing(mailing_id)
    form = ScheduleForm()
    if not form.validate_on_submit():
        flash(" ".join(form.send_at.errors), "error")
        return redirect(url_for("mailings.show", mailing_id=mailing.id))
    services.schedule(mailing, local_to_utc(event, form.send_at.data))
    flash(_("The mailing is scheduled. You can cancel it until it leaves."), "success")
    return redirect(url_for("mailings.show", mailing_id=mailing.id))


@bp.post("/<int:mailing_id>/cancel")
@organisers_only
def cancel(mailing_id: int) -> Response:
    mailing = _mailing(mailing_id)
    services.cancel_schedule(mailing)
    flash(_("The schedule is cancelled: the mailing is a draft again."), "success")
    return redirect(url_for("mailings.show", mailing_id=mailing.id))


def _mailing(mailing_id: int) -> Mailing:
    mailing = db.session.get(Mailing, mailing_id)
    if mailing is None or mailing.event_id != current_event().id:
        abort(404)
    return mailing


def _countries(event_id: int) -> list[tuple[str, str]]:
    """The countries of the event's registrations, by name."""
    codes = db.session.scalars(
        sa.select(Registration.country).where(Registration.event_id == event_id).distinct()
    ).all()
    return sorted(((code, country_name(code)) for code in codes), key=lambda c: c[1])


def _sessions(event_id: int) -> list[tuple[int, str]]:
    language = reader_language()
    sessions = db.session.scalars(
        sa.select(WorkingSession)
        .where(WorkingSession.event_id == event_id)
        .order_by(WorkingSession.starts_at, WorkingSession.id)
    ).all()
    return [(s.id, s.localized("title", language)) for s in sessions]
