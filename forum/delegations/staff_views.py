"""Organisers' changes to a delegation beyond its form: another focal point, a registration
already made joining it."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.bilingual import reader_language
from forum.delegations import focal_points, joining, services
from forum.delegations.staff_forms import AddRegistrationForm, FocalPointForm
from forum.delegations.views import _delegation, _staff, bp, organisers_only
from forum.extensions import db


@bp.route("/delegations/<int:delegation_id>/focal-point", methods=["GET", "POST"])
@organisers_only
def change_focal_point(delegation_id: int) -> str | Response:
    delegation = _delegation(delegation_id)
    form = FocalPointForm(data=None if request.method == "POST" else {"locale": reader_language()})
    if form.validate_on_submit():
        try:
            focal_points.change_focal_point(
                delegation,
                form.focal_point_email.data,
                form.focal_point_name.data,
                form.locale.data,
                _staff(),
            )
        except services.DelegationError as error:
            db.session.rollback()
            form.form_errors.extend(error.messages)
        else:
            flash(
                _(
                    "%(email)s is the focal point now and has been mailed; the previous focal "
                    "point no longer has access to the delegation.",
                    email=delegation.focal_point_email,
                ),
                "success",
            )
            return redirect(url_for("delegations.admin_detail", delegation_id=delegation.id))
    return render_template("delegations/focal_point_form.html", form=form, delegation=delegation)


@bp.post("/delegations/<int:delegation_id>/members/add")
@organisers_only
def add_registration(delegation_id: int) -> Response:
    delegation = _delegation(delegation_id)
    back = url_for("delegations.admin_detail", delegation_id=delegation.id)
    form = AddRegistrationForm()
    if not form.validate_on_submit():
        flash(_("Give the e-mail address of a registration for the forum."), "error")
        return redirect(back)
    try:
        member = joining.add_by_email(delegation, form.email.data, _staff())
    except services.DelegationError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back)
    flash(
        _(
            "%(name)s is a member of the delegation now; their focal point follows them.",
            name=member.registration.full_name,
        ),
        "success",
    )
    return redirect(back)
