"""Privacy pages: a delegate's data download and erasure request; the organisers' answers."""

import json

import sqlalchemy as sa
from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.audit.services import record
from forum.auth.access import allow
from forum.auth.models import Role
from forum.extensions import db, limiter
from forum.privacy import bp
from forum.privacy.export import export_personal_data, registrations_of_account
from forum.privacy.forms import ConfirmForm, DeclineForm, ErasureRequestForm
from forum.privacy.models import ErasureRequest, ErasureState
from forum.privacy.services import (
    confirm_erasure,
    decline_erasure,
    is_anonymised,
    open_request,
    request_erasure,
)


@bp.get("/my/data")
@allow(Role.DELEGATE)
def my_data() -> str:
    registrations = [r for r in registrations_of_account(current_user) if not is_anonymised(r)]
    pending = [r for r in registrations if open_request(r) is not None]
    return render_template(
        "privacy/my_data.html",
        registrations=registrations,
        pending=pending,
        form=ErasureRequestForm(),
    )


@bp.get("/my/data.json")
@allow(Role.DELEGATE)
@limiter.limit("10 per hour")
def my_data_json() -> Response:
    data = export_personal_data(current_user)
    record("privacy.data_exported", current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="my-forum-data.json"'},
    )


@bp.post("/my/data/erasure")
@allow(Role.DELEGATE)
def ask_erasure() -> str | Response:
    form = ErasureRequestForm()
    registrations = [r for r in registrations_of_account(current_user) if not is_anonymised(r)]
    if not registrations:
        flash(_("We hold no registration for you that could be erased."), "info")
        return redirect(url_for("privacy.my_data"))
    if not form.validate_on_submit():
        return render_template(
            "privacy/my_data.html", registrations=registrations, pending=[], form=form
        ), 400
    for registration in registrations:
        request_erasure(registration, form.reason.data or "")
    flash(
        _(
            "Your request is recorded. An organiser will confirm it; you will no longer be able "
            "to sign in once your data is erased."
        ),
        "success",
    )
    return redirect(url_for("privacy.my_data"))


@bp.get("/organise/erasure-requests")
@allow(Role.ORGANISER)
def erasure_requests() -> str:
    requests = db.session.scalars(
        sa.select(ErasureRequest).order_by(
            (ErasureRequest.state == ErasureState.REQUESTED).desc(),
            ErasureRequest.requested_at.desc(),
        )
    ).all()
    return render_template(
        "privacy/erasure_requests.html",
        requests=requests,
        decline_form=DeclineForm(),
    )


@bp.post("/organise/erasure-requests/<int:request_id>/confirm")
@allow(Role.ORGANISER)
def confirm_request(request_id: int) -> Response:
    erasure = db.get_or_404(ErasureRequest, request_id)
    if ConfirmForm().validate_on_submit():
        confirm_erasure(erasure, current_user)  # ErasureError (already decided): flashed
        flash(_("The registration is anonymised."), "success")
    return redirect(url_for("privacy.erasure_requests"))


@bp.post("/organise/erasure-requests/<int:request_id>/decline")
@allow(Role.ORGANISER)
def decline_request(request_id: int) -> Response:
    erasure = db.get_or_404(ErasureRequest, request_id)
    form = DeclineForm()
    if not form.validate_on_submit():
        flash(_("Please give the reason for declining."), "error")
        return redirect(url_for("privacy.erasure_requests"))
    decline_erasure(erasure, current_user, form.note.data)  # ErasureError: flashed
    flash(_("The request is declined."), "success")
    return redirect(url_for("privacy.erasure_requests"))
