"""Two-factor pages: the code step at sign-in, enrolment, recovery codes."""

import time

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from forum.auth.access import allow, public
from forum.auth.landing import landing_url
from forum.auth.models import User
from forum.auth.sessions import begin_session
from forum.extensions import db, limiter
from forum.security import bp
from forum.security.forms import CodeForm
from forum.security.signin import record_failure, seconds_until_allowed
from forum.security.twofactor import (
    ROLES_WITH_TWO_FACTOR,
    TwoFactorError,
    confirm_enrolment,
    disable_two_factor,
    has_two_factor,
    provisioning_uri,
    qr_code_data_uri,
    regenerate_recovery_codes,
    two_factor_required,
    verify_second_factor,
)
from forum.security.twofactor import (
    begin_enrolment as start_enrolment,
)

PENDING_KEY = "two_factor_pending"
# How long the code step waits after a correct password.
PENDING_SECONDS = 300
MAX_CODE_ATTEMPTS = 5


def finish_password_step(user: User, remember: bool, next_url: str | None) -> Response:
    """After a correct password: ask for the code, or sign in (and maybe require enrolment)."""
    if has_two_factor(user):
        session[PENDING_KEY] = {
            "user": user.id,
            "version": user.session_version,
            "remember": bool(remember),
            "next": next_url,
            "since": time.time(),
            "attempts": 0,
        }
        return redirect(url_for("security.verify"))
    begin_session(user, remember)
    if two_factor_required(user):
        flash(_("Please set up two-factor sign-in to continue."), "warning")
        return redirect(url_for("security.two_factor"))
    return redirect(next_url or landing_url(user))


def _pending_user() -> User | None:
    pending = session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        session.pop(PENDING_KEY, None)
        return None
    user_id = pending.get("user")
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or user.session_version != pending.get("version") or not user.is_active:
        session.pop(PENDING_KEY, None)
        return None
    return user


def _pending_key() -> str:
    pending = session.get(PENDING_KEY) or {}
    return f"two-factor:{pending.get('user', '-')}"


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
@limiter.limit("10 per 15 minutes", key_func=_pending_key, methods=["POST"])
def verify() -> str | Response:
    user = _pending_user()
    if user is None:
        flash(_("Please sign in again."), "info")
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        pending = session[PENDING_KEY]
        if not seconds_until_allowed(user) and verify_second_factor(user, form.code.data):
            user.failed_logins = 0
            begin_session(user, pending["remember"])
            return redirect(pending["next"] or landing_url(user))
        record_failure(user)
        pending["attempts"] += 1
        session[PENDING_KEY] = pending
        if pending["attempts"] >= MAX_CODE_ATTEMPTS:
            session.pop(PENDING_KEY, None)
            flash(_("Too many wrong codes. Please sign in again."), "error")
            return redirect(url_for("auth.sign_in"))
        form.code.errors.append(_("This code is not correct. Please try again."))
    return render_template("security/verify.html", form=form)


@bp.get("/account/two-factor")
@allow(*ROLES_WITH_TWO_FACTOR)
def two_factor() -> str:
    return render_template(
        "security/two_factor.html",
        enabled=has_two_factor(current_user),
        required=two_factor_required(current_user),
        remaining=len(current_user.recovery_code_hashes or []),
        recovery_form=CodeForm(prefix="recovery"),
        disable_form=CodeForm(prefix="disable"),
    )


@bp.post("/account/two-factor/start")
@allow(*ROLES_WITH_TWO_FACTOR)
def begin_enrolment() -> Response:
    if has_two_factor(current_user):
        return redirect(url_for("security.two_factor"))
    start_enrolment(current_user)
    return redirect(url_for("security.enrol"))


@bp.route("/account/two-factor/enrol", methods=["GET", "POST"])
@allow(*ROLES_WITH_TWO_FACTOR)
@limiter.limit("10 per 15 minutes", methods=["POST"])
def enrol() -> str | Response:
    user = current_user._get_current_object()
    if has_two_factor(user) or not user.totp_secret:
        return redirect(url_for("security.two_factor"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            codes = confirm_enrolment(user, form.code.data)
        except TwoFactorError as error:  # beside the code field, the secret still shown
            db.session.rollback()
            form.code.errors.append(str(error))
        else:
            # Every other session of the account ends; this one continues (login_user
            # stores the new version with this session's token).
            user.session_version += 1
            login_user(user)
            return render_template("security/recovery_codes.html", codes=codes, first_time=True)
    return render_template(
        "security/enrol.html",
        form=form,
        secret=user.totp_secret,
        qr_code=qr_code_data_uri(provisioning_uri(user)),
    )


@bp.post("/account/two-factor/recovery-codes")
@allow(*ROLES_WITH_TWO_FACTOR)
@limiter.limit("10 per 15 minutes")
def replace_recovery_codes() -> str | Response:
    form = CodeForm(prefix="recovery")
    if not form.validate_on_submit():
        flash(_("This code is not correct. Please try again."), "error")
        return redirect(url_for("security.two_factor"))
    # A wrong code (TwoFactorError) is flashed on the two-factor page it was sent from.
    codes = regenerate_recovery_codes(current_user, form.code.data)
    return render_template("security/recovery_codes.html", codes=codes, first_time=False)


@bp.post("/account/two-factor/disable")
@allow(*ROLES_WITH_TWO_FACTOR)
@limiter.limit("10 per 15 minutes")
def disable() -> Response:
    form = CodeForm(prefix="disable")
    user = current_user._get_current_object()
    if two_factor_required(user):
        flash(
            _("Two-factor sign-in is required for your role and cannot be switched off."), "error"
        )
    elif form.validate_on_submit() and verify_second_factor(user, form.code.data):
        disable_two_factor(user)
        flash(_("Two-factor sign-in is switched off."), "success")
    else:
        db.session.rollback()
        flash(_("This code is not correct. Please try again."), "error")
    return redirect(url_for("security.two_factor"))
