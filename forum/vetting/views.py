"""Vetting pages: a delegate's identity data, the security officer's list, person, files, and
the organisers' switch.

Identity data is shown to its owner (to correct it) and to security officers, never to
anyone else; each time a security officer opens a person's data or exports the list,
the audit log records it.
"""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth.access import allow
from forum.auth.models import Role
from forum.events.services import current_event
from forum.extensions import db
from forum.main.navigation import add_nav_entry
from forum.registration.admin_forms import ImportForm
from forum.registration.models import Registration
from forum.registration.queries import registration_of
from forum.vetting import csvio, services, settings
from forum.vetting.cli import vetting_command
from forum.vetting.context import page_context
from forum.vetting.forms import AnswerForm, IdentityForm, SettingsForm
from forum.vetting.identity import DOCUMENT_LABELS, FIELD_LABELS, IDENTITY_FIELDS
from forum.vetting.models import VettingStatus

bp = Blueprint("vetting", __name__)
add_nav_entry("vetting.people", _l("Security vetting"), Role.SECURITY_OFFICER)
add_nav_entry("vetting.settings_page", _l("Security vetting"), Role.ORGANISER)

security_only = allow(Role.SECURITY_OFFICER)


@bp.record_once
def _hold_new_registrations(state) -> None:
    # Every new registration is held when its event vets its participants.
    services.hold_new_registrations()
    state.app.cli.add_command(vetting_command)


bp.app_context_processor(page_context)


# -- the delegate ---------------------------------------------------------------------------


@bp.route("/my/identity", methods=["GET", "POST"])
@allow(Role.DELEGATE)
def my_identity() -> str | Response:
    registration = registration_of(current_user, current_event())
    if registration is None or not services.is_required(registration.event):
        abort(404)
    vetting = services.vetting_of(registration)
    if request.method == "GET":
        form = IdentityForm.from_identity(vetting.identity if vetting else None)
    else:
        form = IdentityForm()
    if form.validate_on_submit():
        cleared_before = vetting is not None and vetting.status is VettingStatus.CLEARED
        try:
            services.submit_identity(registration, form.identity())
        except services.IdentityProblems as error:
            db.session.rollback()
            for name, message in error.fields.items():
                form[name].errors = [*form[name].errors, message]
        else:
            flash(
                _(
                    "Your identity data has changed: the security service vets it again, and "
                    "your badge waits until it has."
                )
                if cleared_before
                else _("Thank you: your identity data goes to the host's security service."),
                "warning" if cleared_before else "success",
            )
            return redirect(url_for("registration.dashboard"))
    return render_template(
        "vetting/my_identity.html",
        form=form,
        registration=registration,
        status=vetting.status if vetting else VettingStatus.MISSING,
    )


# -- the security officer -------------------------------------------------------------------


@bp.get("/vetting/")
@security_only
def people() -> str:
    event = current_event()
    wanted = request.args.get("status", VettingStatus.AWAITING.value)
    status = VettingStatus(wanted) if wanted in set(VettingStatus) else None
    return render_template(
        "vetting/people.html",
        event=event,
        settings=services.settings_of(event),
        rows=services.people(event, status),
        counts=services.counts(event),
        status=status,
        statuses=list(VettingStatus),
    )


@bp.get("/vetting/<uuid:public_id>")
@security_only
def person(public_id) -> str:
    registration = _registration(public_id)
    vetting = services.vetting_of(registration)
    identity = services.view_identity(vetting, _me()) if vetting and vetting.identity else None
    return render_template(
        "vetting/person.html",
        registration=registration,
        vetting=vetting,
        identity=identity,
        fields=IDENTITY_FIELDS,
        labels=FIELD_LABELS,
        documents={kind.value: label for kind, label in DOCUMENT_LABELS.items()},
        form=AnswerForm(status=vetting.status.value if vetting else None),
    )


@bp.post("/vetting/<uuid:public_id>/answer")
@security_only
def answer(public_id) -> Response:
    registration = _registration(public_id)
    vetting = services.vetting_of(registration)
    form = AnswerForm()
    if vetting is None or not form.validate_on_submit():
        flash(_("Choose an answer."), "error")
    else:
        # A VettingError (no identity data to vet) is flashed by the error handler.
        services.answer(vetting, VettingStatus(form.status.data), form.note.data or "", _me())
        flash(
            _("%(name)s: %(status)s.", name=registration.full_name, status=vetting.status.label),
            "success",
        )
    return redirect(url_for("vetting.person", public_id=public_id))


@bp.get("/vetting/awaiting.csv")
@security_only
def export_awaiting() -> Response:
    text, _count = csvio.export_awaiting(current_event(), _me())
    response = Response(text, mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="awaiting-vetting.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/vetting/import", methods=["GET", "POST"])
@security_only
def import_answers() -> str | Response:
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        report = csvio.import_answers(current_event(), form.file.data.read(), _me())
        if report.errors:
            db.session.rollback()
        else:
            flash(
                ngettext("%(num)s answer recorded.", "%(num)s answers recorded.", report.imported),
                "success",
            )
            return redirect(url_for("vetting.people"))
    return render_template(
        "vetting/import.html",
        form=form,
        report=report,
        columns=csvio.EXPORT_COLUMNS,
        required=csvio.IMPORT_REQUIRED,
    )


# -- the organisers -------------------------------------------------------------------------


@bp.route("/organise/vetting", methods=["GET", "POST"])
@allow(Role.ORGANISER)
def settings_page() -> str | Response:
    """Switch vetting on or off and set the retention, after reading what it does."""
    event = current_event()
    current = services.settings_of(event)
    form = SettingsForm(
        data=None
        if request.method == "POST"
        else {
            "vetting": "on" if current.required else "off",
            "retention_days": current.retention_days,
        }
    )
    if form.validate_on_submit():
        try:
            change = settings.change_settings(
                event,
                form.vetting.data == "on",
                form.retention_days.data,
                _me(),
                confirmed=form.confirm.data,
                erase_now=form.erase_now.data,
            )
        except services.VettingError as error:
            db.session.rollback()
            form.form_errors.extend(error.messages)
        else:
            flash(*_settings_message(change, services.settings_of(event).required))
            return redirect(url_for("vetting.settings_page"))
    return render_template(
        "vetting/settings.html",
        event=event,
        form=form,
        current=current,
        effects=settings.effects(event),
        purge_on=event.ends_on + timedelta(days=current.retention_days),
    )


def _settings_message(change: settings.Change, required: bool) -> tuple[str, str]:
    if not change.anything:
        return _("Nothing changed."), "info"
    if change.switched and required:
        message = _("Security vetting is on: nobody is accredited before clearance.")
    elif change.switched:
        message = _("Security vetting is off: nobody is held for clearance any more.")
    else:
        message = _("The retention of identity data is saved.")
    if change.erased:
        message += " " + ngettext(
            "The identity data of %(num)s person is deleted.",
            "The identity data of %(num)s people is deleted.",
            change.erased,
        )
    return message, "success"


def _registration(public_id) -> Registration:
    registration = db.session.scalar(
        db.select(Registration).where(
            Registration.public_id == public_id, Registration.event_id == current_event().id
        )
    )
    if registration is None:
        abort(404)
    return registration


def _me():
    return current_user._get_current_object()
