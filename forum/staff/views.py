"""Organisers' pages for staff accounts, and the welcome page where a new one chooses a
password."""

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth.access import allow, public
from forum.auth.models import Role, User
from forum.auth.welcome import first_password_page
from forum.extensions import db
from forum.security.twofactor import has_two_factor
from forum.staff import bp, services
from forum.staff.forms import StaffAccountForm
from forum.staff.links import STAFF_WELCOME

organisers_only = allow(Role.ORGANISER)


@bp.route("/organise/accounts", methods=["GET", "POST"])
@organisers_only
def accounts() -> str | Response:
    form = StaffAccountForm()
    query = request.args.get("q", "")[:100]
    if form.validate_on_submit():
        try:
            user = services.invite(
                form.email.data,
                form.full_name.data,
                form.full_name_latin.data or "",
                Role(form.role.data),
                current_user,
            )
        except services.StaffError as refusal:
            form.email.errors.append(str(refusal))
        else:
            flash(
                _(
                    "%(email)s is invited: the mail holds a link to choose a password, valid "
                    "for %(days)s days.",
                    email=user.email,
                    days=STAFF_WELCOME.max_age_days,
                ),
                "success",
            )
            return redirect(url_for("staff.accounts"))
    return render_template(
        "staff/accounts.html",
        form=form,
        users=services.staff_accounts(query),
        query=query,
        is_set_up=services.is_set_up,
        has_two_factor=has_two_factor,
    )


@bp.route("/organise/accounts/<int:user_id>", methods=["GET", "POST"])
@organisers_only
def account(user_id: int) -> str | Response:
    user = _staff_account(user_id)
    form = StaffAccountForm.for_change(
        data={
            "full_name": user.full_name,
            "full_name_latin": user.full_name_latin,
            "role": user.role.value,
        }
    )
    if form.validate_on_submit():
        try:
            services.update(
                user,
                form.full_name.data,
                form.full_name_latin.data or "",
                Role(form.role.data),
                current_user,
            )
        except services.StaffError as refusal:
            db.session.rollback()
            flash(str(refusal), "error")
        else:
            flash(_("The account of %(email)s is saved.", email=user.email), "success")
            return redirect(url_for("staff.account", user_id=user.id))
    return render_template(
        "staff/account.html",
        user=user,
        form=form,
        is_set_up=services.is_set_up(user),
        has_two_factor=has_two_factor(user),
        is_me=user.id == current_user.id,
    )


@bp.post("/organise/accounts/<int:user_id>/<any(on, off):state>")
@organisers_only
def set_active(user_id: int, state: str) -> Response:
    def switch(user: User) -> str | None:
        if not services.set_active(user, state == "on", current_user):
            return None
        if user.active:
            return _("%(email)s can sign in again.", email=user.email)
        return _("%(email)s is switched off and signed out everywhere.", email=user.email)

    return _account_action(user_id, switch)


@bp.post("/organise/accounts/<int:user_id>/welcome")
@organisers_only
def resend_welcome(user_id: int) -> Response:
    def resend(user: User) -> str:
        services.send_welcome(user)
        return _("A new link is on its way to %(email)s.", email=user.email)

    return _account_action(user_id, resend)


@bp.post("/organise/accounts/<int:user_id>/two-factor/reset")
@organisers_only
def reset_two_factor(user_id: int) -> Response:
    def reset(user: User) -> str:
        services.reset_two_factor(user, current_user)
        return _(
            "Two-factor sign-in of %(email)s is reset: they set it up again at their next sign-in.",
            email=user.email,
        )

    return _account_action(user_id, reset)


def _account_action(user_id: int, action: Callable[[User], str | None]) -> Response:
    """Do `action` on the staff account and say how it went (or why not) on its page."""
    user = _staff_account(user_id)
    try:
        done = action(user)
    except services.StaffError as refusal:
        flash(str(refusal), "error")
    else:
        if done:
            flash(done, "success")
    return redirect(url_for("staff.account", user_id=user.id))


@bp.route("/account/welcome/<token>", methods=["GET", "POST"])
@public
def welcome(token: str) -> str | Response | tuple[str, int]:
    """A new staff member chooses a password with the link from their welcome mail."""
    return first_password_page(
        STAFF_WELCOME.read(token), "staff/welcome.html", "staff/welcome_refused.html"
    )


def _staff_account(user_id: int) -> User:
    user = services.staff_account(user_id)
    if user is None:
        abort(404)
    return user
