"""Badge downloads for delegates and bulk printing for organisers."""

from io import BytesIO

import sqlalchemy as sa
from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.audit.models import AuditEntry
from forum.auth.access import allow
from forum.auth.models import Role
from forum.badges import bp, runs, services, tasks
from forum.badges.forms import (
    LAYOUT_LABELS,
    BadgeFilterForm,
    PrintBatchForm,
    PrintOneForm,
    ReissueForm,
)
from forum.badges.pdf import DEFAULT_LAYOUT
from forum.events.services import current_event
from forum.extensions import db
from forum.registration.models import Registration
from forum.tasks import queue_after_commit

organisers_only = allow(Role.ORGANISER)
# A run's page, progress and PDF: organisers, and officers for delegations' piles (_run_or_404).
runs_followed = allow(Role.ORGANISER, Role.OFFICER)
LIST_LIMIT = 100  # rows shown on the printing page; the PDF takes them all
LARGE_RUN = 1500  # the printing page says that a run this large takes a while


def _pdf(data: BytesIO, filename: str, inline: bool = False) -> Response:
    data.seek(0)
    response = send_file(
        data, mimetype="application/pdf", as_attachment=not inline, download_name=filename
    )
    # A badge is a door key: no shared cache may keep it.
    response.headers["Cache-Control"] = "private, no-store"
    return response


# -- delegates -------------------------------------------------------------------------------


@bp.get("/my/badge.pdf")
@allow(Role.DELEGATE)
def my_badge() -> Response | tuple[str, int]:
    event = current_event()
    try:
        registration = services.badge_of(current_user, event)
    except services.BadgeError as error:
        back_url = (
            url_for("registration.dashboard")
            if "registration.dashboard" in current_app.view_functions
            else None
        )
        page = render_template(
            "badges/no_badge.html", event=event, message=str(error), back_url=back_url
        )
        return page, 403
    layout = request.args.get("layout", DEFAULT_LAYOUT)
    if layout not in ("a6", "id1"):
        layout = DEFAULT_LAYOUT
    out = BytesIO()
    services.write_badges(event, [registration], out, layout)
    return _pdf(out, f"badge-{event.slug}.pdf", inline=True)


# -- organisers ------------------------------------------------------------------------------


@bp.get("/badges/")
@organisers_only
def admin_badges() -> str:
    event = current_event()
    form = BadgeFilterForm(request.args, meta={"csrf": False})
    form.validate()
    badge_filter = form.to_filter()
    total = services.count_printable(event, badge_filter)
    rows = db.session.scalars(services.printable_query(event, badge_filter).limit(LIST_LIMIT))
    print_form = PrintBatchForm(formdata=None, data=form.data)
    print_form.mark_printed.data = True
    return render_template(
        "badges/admin_badges.html",
        event=event,
        form=form,
        print_form=print_form,
        total=total,
        rows=list(rows),
        limit=LIST_LIMIT,
        layout_label=LAYOUT_LABELS[form.chosen_layout()],
        background=total > LARGE_RUN,
        line_changed=lambda registration: services.line_changed_since_printed(event, registration),
    )


@bp.post("/badges/print")
@organisers_only
def print_badges() -> Response:
    event = current_event()
    form = PrintBatchForm()
    if not form.validate_on_submit():
        flash(_("The print run could not be started. Please try again."), "error")
        return redirect(url_for("badges.admin_badges"))
    badge_filter, layout = form.to_filter(), form.chosen_layout()
    ids = services.printable_ids(event, badge_filter)
    if not ids:
        flash(_("No accredited delegate matches these filters: nothing to print."), "warning")
        return redirect(url_for("badges.admin_badges", **_filter_args(form)))
    # Every run, small or large, is drawn by the worker: one path, followed from any server.
    run = runs.create_run(
        event,
        ids,
        layout,
        current_user._get_current_object(),
        badge_filter,
        form.mark_printed.data,
    )
    queue_after_commit(tasks.draw_print_run, run.id)
    return redirect(url_for("badges.job", job_id=run.public_id))


@bp.get("/badges/<uuid:public_id>")
@organisers_only
def badge(public_id) -> str:
    registration = _registration_or_404(public_id)
    return _badge_page(registration, PrintOneForm(), ReissueForm())


@bp.post("/badges/<uuid:public_id>/print")
@organisers_only
def print_badge(public_id) -> Response | tuple[str, int]:
    registration = _registration_or_404(public_id)
    form = PrintOneForm()
    if not form.validate_on_submit():
        return _badge_page(registration, form, ReissueForm()), 400
    out = BytesIO()
    # A BadgeError (not accredited, unknown layout) goes back to the badge page.
    services.print_one(registration, out, form.layout.data, current_user._get_current_object())
    name = f"badge-{registration.family_name}-{registration.badge_version}.pdf"
    return _pdf(out, name.replace(" ", "-"))


@bp.post("/badges/<uuid:public_id>/reissue")
@organisers_only
def reissue(public_id) -> Response | tuple[str, int]:
    registration = _registration_or_404(public_id)
    form = ReissueForm()
    if not form.validate_on_submit():
        return _badge_page(registration, PrintOneForm(), form), 400
    try:
        version = services.reissue(
            registration, form.reason.data, current_user._get_current_object()
        )
    except services.BadgeError as error:
        db.session.rollback()
        form.reason.errors = [str(error)]
        return _badge_page(registration, PrintOneForm(), form), 400
    flash(
        _(
            "Badge reissued (version %(version)s). The old badge no longer opens any door; "
            "print the new one.",
            version=version,
        ),
        "success",
    )
    return redirect(url_for("badges.badge", public_id=public_id))


@bp.get("/badges/jobs/<job_id>")
@runs_followed
def job(job_id: str) -> str:
    run = _run_or_404(job_id)
    return render_template("badges/job.html", event=current_event(), run=run)


@bp.get("/badges/jobs/<job_id>.json")
@runs_followed
def job_status(job_id: str) -> Response:
    run = _run_or_404(job_id)
    return jsonify(
        state=run.state.value,
        done=run.done,
        total=run.total,
        percent=run.percent,
        download=url_for("badges.job_pdf", job_id=job_id) if run.state == "done" else None,
    )


@bp.get("/badges/jobs/<job_id>.pdf")
@runs_followed
def job_pdf(job_id: str) -> Response:
    run = _run_or_404(job_id)
    pdf = runs.open_pdf(run)
    if pdf is None:
        abort(404)
    name = f"badges-{current_event().slug}-{run.layout}-{run.total}.pdf"
    if run.delegation_id is not None:
        name = f"badges-delegation-{run.delegation_id}.pdf"
    response = send_file(pdf, mimetype="application/pdf", as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _run_or_404(job_id: str):
    run = runs.find_run(current_event(), job_id)
    if run is None:
        abort(404)
    # Officers print delegations' piles for the desk; every other run is the organisers'.
    if current_user.role is not Role.ORGANISER and run.delegation_id is None:
        abort(403)
    return run


def _badge_page(registration: Registration, print_form, reissue_form) -> str:
    history = db.session.scalars(
        sa.select(AuditEntry)
        .where(
            AuditEntry.target_type == Registration.__tablename__,
            AuditEntry.target_id == registration.id,
            AuditEntry.action.in_(("badge.printed", "badge.reissued")),
        )
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    )
    detail_url = (
        url_for("registration.admin_detail", registration_id=registration.id)
        if "registration.admin_detail" in current_app.view_functions
        else None
    )
    return render_template(
        "badges/badge.html",
        event=registration.event,
        registration=registration,
        has_badge=services.has_badge(registration),
        print_form=print_form,
        reissue_form=reissue_form,
        history=list(history),
        layout_labels=LAYOUT_LABELS,
        detail_url=detail_url,
    )


def _registration_or_404(public_id) -> Registration:
    event = current_event()
    registration = db.session.scalar(
        sa.select(Registration).where(
            Registration.public_id == public_id, Registration.event_id == event.id
        )
    )
    if registration is None:
        abort(404)
    return registration


def _filter_args(form: BadgeFilterForm) -> dict:
    names = ("q", "category", "organisation_type", "status", "layout")
    return {name: form[name].data for name in names if form[name].data}
