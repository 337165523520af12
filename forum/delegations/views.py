"""Delegation pages of the staff: organisers create and import delegations and set quotas;
officers and organisers follow a delegation and decide it whole."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth.access import allow
from forum.auth.models import Role
from forum.badges import runs, tasks
from forum.badges.pdf import DEFAULT_LAYOUT
from forum.badges.services import BadgeFilter
from forum.delegations import decisions, imports, news, printing, quotas, services
from forum.delegations.forms import (
    DelegationForm,
    EditDelegationForm,
    QuotaForm,
    WholeDelegationForm,
    category_share_fields,
)
from forum.delegations.models import Delegation, EventQuota, QuotaKind
from forum.delegations.officers_list import officers_list_context
from forum.delegations.staff_forms import AddRegistrationForm
from forum.delegations.status import member_rows
from forum.events.services import current_event
from forum.extensions import db
from forum.main.navigation import add_nav_entry
from forum.registration.admin_forms import ImportForm
from forum.registration.models import OrganisationType, RegistrationState
from forum.signals import (
    accreditation_requested,
    registration_accredited,
    registration_moved,
)
from forum.tasks import queue_after_commit

bp = Blueprint("delegations", __name__)
add_nav_entry("delegations.admin_list", _l("Delegations"), Role.ORGANISER, Role.OFFICER)


@bp.record_once
def _connect_signals(state) -> None:
    # An officer's approval is refused when a quota of organisation, country or category is full.
    accreditation_requested.connect(quotas.refusal_for)
    # Its focal point is mailed when a member confirmed, was accredited or refused.
    registration_moved.connect(news.on_registration_moved)
    registration_accredited.connect(news.on_registration_accredited)


bp.app_context_processor(officers_list_context)


accreditation = allow(Role.ORGANISER, Role.OFFICER)
organisers_only = allow(Role.ORGANISER)


@bp.get("/delegations/")
@accreditation
def admin_list() -> str:
    event = current_event()
    return render_template(
        "delegations/admin_list.html",
        event=event,
        delegations=services.event_delegations(event),
        used=services.places_used_by_delegation(event),
        quota_use=quotas.quota_use(event),
        describe=quotas.describe,
    )


@bp.route("/delegations/new", methods=["GET", "POST"])
@organisers_only
def new() -> str | Response:
    form = DelegationForm()
    if form.validate_on_submit():
        try:
            delegation = services.create_delegation(current_event(), _data(form), _staff())
        except services.DelegationError as error:
            db.session.rollback()
            form.form_errors.extend(error.messages)
        else:
            flash(
                _(
                    "Delegation “%(name)s” created; its focal point has been mailed.",
                    name=delegation.name,
                ),
                "success",
            )
            return redirect(url_for("delegations.admin_detail", delegation_id=delegation.id))
    return render_template(
        "delegations/form.html", form=form, delegation=None, shares=category_share_fields()
    )


@bp.route("/delegations/<int:delegation_id>/edit", methods=["GET", "POST"])
@organisers_only
def edit(delegation_id: int) -> str | Response:
    delegation = _delegation(delegation_id)
    form = EditDelegationForm(data=None if request.method == "POST" else _form_data(delegation))
    if form.validate_on_submit():
        data = _data(form, focal_point_email=delegation.focal_point_email)
        try:
            services.update_delegation(delegation, data, _staff())
        except services.DelegationError as error:
            db.session.rollback()
            form.form_errors.extend(error.messages)
        else:
            flash(_("The delegation is saved."), "success")
            return redirect(url_for("delegations.admin_detail", delegation_id=delegation.id))
    return render_template(
        "delegations/form.html", form=form, delegation=delegation, shares=category_share_fields()
    )


@bp.get("/delegations/<int:delegation_id>")
@accreditation
def admin_detail(delegation_id: int) -> str:
    delegation = _delegation(delegation_id)
    return render_template(
        "delegations/admin_detail.html",
        delegation=delegation,
        rows=member_rows(services.members_of(delegation), for_focal_point=False),
        used=services.places_used(delegation),
        by_category=services.places_by_category(delegation),
        decide_form=WholeDelegationForm(),
        # Organisers may move a registration already made into the delegation.
        add_form=AddRegistrationForm() if current_user.role is Role.ORGANISER else None,
        S=RegistrationState,
    )


@bp.post("/delegations/<int:delegation_id>/decide")
@accreditation
def decide(delegation_id: int) -> Response:
    delegation = _delegation(delegation_id)
    back = url_for("delegations.admin_detail", delegation_id=delegation.id)
    form = WholeDelegationForm()
    if not form.validate_on_submit():
        flash(_("Unknown action."), "error")
        return redirect(back)
    # A RegistrationError (a rejection without a reason) is flashed by the error handler.
    result = decisions.decide_delegation(
        delegation, form.action.data, _staff(), form.reason.data or ""
    )
    if result.done:
        flash(
            ngettext("%(num)s member approved.", "%(num)s members approved.", result.done)
            if form.action.data == "approve"
            else ngettext("%(num)s member rejected.", "%(num)s members rejected.", result.done),
            "success",
        )
    elif not result.refused:
        flash(_("No member is awaiting a decision."), "info")
    for registration, message in result.refused:
        flash(f"{registration.full_name}: {message}", "error")
    return redirect(back)


@bp.post("/delegations/<int:delegation_id>/badges/print")
@accreditation
def print_badges(delegation_id: int) -> Response:
    """The delegation's badges together, after a cover sheet for the desk: a print run."""
    delegation = _delegation(delegation_id)
    # A PileError (no member has a badge) is flashed back on the delegation's page.
    ids = printing.pile_ids(delegation)
    run = runs.create_run(
        delegation.event, ids, DEFAULT_LAYOUT, _staff(), BadgeFilter(), True, delegation=delegation
    )
    queue_after_commit(tasks.draw_print_run, run.id)
    return redirect(url_for("badges.job", job_id=run.public_id))


@bp.route("/delegations/import", methods=["GET", "POST"])
@organisers_only
def import_csv() -> str | Response:
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        report = imports.import_delegations(current_event(), form.file.data.read(), _staff())
        if report.errors:
            db.session.rollback()
        else:
            flash(
                ngettext(
                    "%(num)s delegation imported; the focal points have been mailed.",
                    "%(num)s delegations imported; the focal points have been mailed.",
                    report.imported,
                ),
                "success",
            )
            return redirect(url_for("delegations.admin_list"))
    return render_template(
        "delegations/import.html",
        form=form,
        report=report,
        required=imports.REQUIRED,
        optional=imports.OPTIONAL,
    )


@bp.route("/delegations/quotas", methods=["GET", "POST"])
@organisers_only
def event_quotas() -> str | Response:
    event = current_event()
    form = QuotaForm()
    if form.validate_on_submit():
        try:
            quotas.set_quota(
                event, QuotaKind(form.kind.data), form.value.data, form.places.data, _staff()
            )
        except quotas.QuotaError as error:
            db.session.rollback()
            form.value.errors = list(error.messages)
        else:
            flash(_("The quota is saved."), "success")
            return redirect(url_for("delegations.event_quotas"))
    return render_template(
        "delegations/quotas.html",
        form=form,
        quota_use=quotas.quota_use(event),
        describe=quotas.describe,
    )


@bp.post("/delegations/quotas/<int:quota_id>/delete")
@organisers_only
def delete_quota(quota_id: int) -> Response:
    quota = db.session.get(EventQuota, quota_id)
    if quota is None or quota.event_id != current_event().id:
        abort(404)
    quotas.delete_quota(quota, _staff())
    flash(_("The quota is removed."), "success")
    return redirect(url_for("delegations.event_quotas"))


def _delegation(delegation_id: int) -> Delegation:
    delegation = db.session.get(Delegation, delegation_id)
    if delegation is None or delegation.event_id != current_event().id:
        abort(404)
    return delegation


def _data(form: DelegationForm, focal_point_email: str | None = None) -> services.DelegationData:
    shares = tuple(
        (category, form[name].data)
        for category, name in category_share_fields().items()
        if form[name].data is not None
    )
    return services.DelegationData(
        name=form.name.data,
        name_latin=form.name_latin.data or "",
        organisation_type=OrganisationType(form.organisation_type.data),
        country=form.country.data,
        quota=form.quota.data,
        focal_point_email=focal_point_email or form.focal_point_email.data,
        focal_point_name=form.focal_point_name.data,
        locale=form.locale.data if "locale" in form else "en",
        category_quotas=shares,
    )


def _form_data(delegation: Delegation) -> dict:
    data = {
        "name": delegation.name,
        "name_latin": delegation.name_latin,
        "organisation_type": delegation.organisation_type.value,
        "country": delegation.country,
        "quota": delegation.quota,
        "focal_point_name": delegation.focal_point_name,
    }
    limits = delegation.category_limits()
    for category, name in category_share_fields().items():
        data[name] = limits.get(category)
    return data


def _staff():
    return current_user._get_current_object()


# The focal point's and the staff's pages register their routes on this blueprint on import.
from forum.delegations import focal_matchmaking, focal_views, staff_views  # noqa: E402, F401
