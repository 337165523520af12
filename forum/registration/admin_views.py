"""Accreditation pages for officers and organisers: list, detail, decisions, exports, import."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.audit import wording
from forum.audit.models import AuditEntry
from forum.audit.services import record
from forum.auth.access import allow
from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.events.services import current_event, update_settings, utc_to_local
from forum.extensions import db
from forum.i18n import country_choices
from forum.questions import officers
from forum.registration import bp, decisions, exports, imports, queue
from forum.registration.admin_forms import (
    BulkForm,
    CategoryForm,
    DecisionForm,
    ImportForm,
    SettingsForm,
)
from forum.registration.bulk_texts import bulk_texts
from forum.registration.history import history_lines
from forum.registration.models import (
    TRANSITIONS,
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)
from forum.registration.names import possible_duplicates
from forum.registration.search import (
    VISIBLE_STATES,
    ListFilter,
    search,
    state_counts,
)
from forum.registration.views import photo_response

accreditation = allow(Role.OFFICER, Role.ORGANISER)
organisers_only = allow(Role.ORGANISER)


@bp.get("/accreditation/")
@accreditation
def admin_list() -> str:
    event = current_event()
    flt = ListFilter.from_args(request.args) if request.args else ListFilter.pending_queue()
    return render_template(
        "registration/admin_list.html",
        event=event,
        flt=flt,
        page=search(event, flt),
        counts=state_counts(event, flt),
        approved=decisions.approved_count(event),
        first_waitlisted=decisions.first_waitlisted(event),
        bulk_form=BulkForm(next=request.full_path),
        bulk_texts=bulk_texts(),
        states=VISIBLE_STATES,
        categories=list(BadgeCategory),
        organisation_types=list(OrganisationType),
        countries=country_choices(),
        answer_filters=officers.filter_options(event, reader_language()),
    )


@bp.post("/accreditation/bulk")
@accreditation
def admin_bulk() -> Response:
    form = BulkForm()
    back = form.next.data if (form.next.data or "").startswith("/accreditation/") else None
    ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
    if not form.validate_on_submit() or not ids:
        flash(_("Select at least one registration and an action."), "error")
        return redirect(back or url_for("registration.admin_list"))
    result = decisions.bulk_decide(
        ids, current_event(), form.action.data, _staff(), form.reason.data or ""
    )
    if result.done:
        flash(
            ngettext(
                "%(num)s registration updated.", "%(num)s registrations updated.", result.done
            ),
            "success",
        )
    for registration, message in result.refused:
        flash(f"{registration.full_name}: {message}", "error")
    return redirect(back or url_for("registration.admin_list"))


@bp.get("/accreditation/<int:registration_id>")
@accreditation
def admin_detail(registration_id: int) -> str:
    registration = _registration(registration_id)
    history = db.session.scalars(
        sa.select(AuditEntry)
        .where(AuditEntry.target_type == "registrations", AuditEntry.target_id == registration.id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    ).all()
    return render_template(
        "registration/admin_detail.html",
        registration=registration,
        history=history_lines(history),
        decision_form=DecisionForm(),
        category_form=CategoryForm(category=registration.category.value),
        allowed=TRANSITIONS[registration.state],
        S=RegistrationState,
        duplicates=possible_duplicates(registration),
        pending_left=queue.pending_count(registration.event, besides=registration),
        answers=officers.answers_for_officers(registration, reader_language()),
        reason_text=wording.reason_text,
    )


@bp.post("/accreditation/<int:registration_id>/decide")
@accreditation
def admin_decide(registration_id: int) -> Response:
    registration = _registration(registration_id)
    form = DecisionForm()
    back = url_for("registration.admin_detail", registration_id=registration.id)
    if not form.validate_on_submit():
        flash(_("Unknown action."), "error")
        return redirect(back)
    # A RegistrationError (a move the state does not allow, the event is full) is flashed.
    decisions.decide(registration, form.action.data, _staff(), form.reason.data or "")
    flash(
        _("%(name)s: %(state)s.", name=registration.full_name, state=registration.state.label),
        "success",
    )
    if request.args.get("then") == "next":
        following = queue.next_pending(registration.event, registration)
        if following is None:
            flash(_("No registration is waiting for a decision any more."), "info")
            return redirect(url_for("registration.admin_list"))
        return redirect(url_for("registration.admin_detail", registration_id=following.id))
    return redirect(back)


@bp.post("/accreditation/<int:registration_id>/category")
@accreditation
def admin_category(registration_id: int) -> Response:
    registration = _registration(registration_id)
    form = CategoryForm()
    if form.validate_on_submit():
        decisions.set_category(registration, BadgeCategory(form.category.data), _staff())
        flash(
            _("Badge category set to %(category)s.", category=registration.category.label),
            "success",
        )
    else:
        flash(_("Choose a category."), "error")
    return redirect(url_for("registration.admin_detail", registration_id=registration.id))


@bp.get("/accreditation/<int:registration_id>/photo")
@accreditation
def admin_photo(registration_id: int) -> Response:
    registration = _registration(registration_id)
    if registration.photo is None:
        abort(404)
    return photo_response(registration)


@bp.get("/accreditation/export.<any(csv, xlsx):fmt>")
@accreditation
def admin_export(fmt: str) -> Response:
    """A direct download; a large export is asked for with a POST (forum/exports)."""
    event = current_event()
    flt = ListFilter.from_args(request.args)
    if not exports.fits_inline(exports.count_rows(event, flt)):
        flash(_("This export is large: use the export buttons to prepare it."), "info")
        return redirect(url_for("registration.admin_list", **flt.args(page=1)))
    return export_download(event, flt, fmt)


def export_download(event, flt: ListFilter, fmt: str) -> Response:
    """The file of `flt`'s registrations, made now and sent as an attachment; audited."""
    body, count = exports.export_file(event, flt, fmt)
    record("registrations.exported", None, format=fmt, count=count, filter=flt.args())
    response = Response(body, mimetype=exports.MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="registrations.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/accreditation/import", methods=["GET", "POST"])
@organisers_only
def admin_import() -> str | Response:
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        report = imports.import_invitations(current_event(), form.file.data.read())
        if report.errors:
            db.session.rollback()
        else:
            flash(
                ngettext("%(num)s invitation sent.", "%(num)s invitations sent.", report.imported),
                "success",
            )
            return redirect(url_for("registration.admin_list"))
    return render_template(
        "registration/admin_import.html",
        form=form,
        report=report,
        required=imports.REQUIRED,
        optional=imports.OPTIONAL,
    )


@bp.route("/accreditation/settings", methods=["GET", "POST"])
@organisers_only
def admin_settings() -> str | Response:
    event = current_event()
    form = SettingsForm(
        data=None
        if request.method == "POST"
        else {
            "delegate_capacity": event.delegate_capacity,
            "registration_opens_at": utc_to_local(event, event.registration_opens_at),
            "registration_closes_at": utc_to_local(event, event.registration_closes_at),
            "auto_promote_waitlist": event.auto_promote_waitlist,
            "invited_skip_approval": event.invited_skip_approval,
            "invitation_reminder_days": event.invitation_reminder_days,
        }
    )
    if form.validate_on_submit():
        data = {
            name: form[name].data
            for name in (
                "delegate_capacity",
                "registration_opens_at",
                "registration_closes_at",
                "auto_promote_waitlist",
                "invited_skip_approval",
                "invitation_reminder_days",
            )
        }
        update_settings(event, data)
        flash(_("Settings saved."), "success")
        return redirect(url_for("registration.admin_settings"))
    return render_template("registration/admin_settings.html", form=form, event=event)


def _registration(registration_id: int) -> Registration:
    registration = db.session.get(Registration, registration_id)
    if (
        registration is None
        or registration.event_id != current_event().id
        or registration.state not in VISIBLE_STATES
    ):
        abort(404)
    return registration


def _staff():
    return current_user._get_current_object()
