"""Sign in and sign out."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth import bp
from forum.auth.access import public, signed_in
from forum.auth.forms import SignInForm
from forum.auth.landing import landing_url
from forum.auth.sessions import end_session, load_user
from forum.extensions import limiter, login_manager
from forum.redirects import safe_next
from forum.signals import password_accepted
from forum.text import normalise_email

login_manager.login_view = "auth.sign_in"
login_manager.login_message = None
login_manager.session_protection = "strong"
login_manager.user_loader(load_user)


def _account_key() -> str:
    """Rate-limit key for the account being tried (whatever address the request comes from)."""
    return "sign-in:" + normalise_email(request.form.get("email", ""))[:254]


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_IP"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"], key_func=_account_key, methods=["POST"]
)
def sign_in() -> str | Response:
    # Security builds on auth (its models, its blueprint); the sign-in view hands over to
    # security's steps, so it imports them when it runs, not when auth loads.
    from forum.security.signin import attempt_sign_in
    from forum.security.views import finish_password_step

    if current_user.is_authenticated:
        return redirect(landing_url(current_user))
    form = SignInForm()
    if form.validate_on_submit():
        result = attempt_sign_in(form.email.data, form.password.data)
        if result.user is not None:
            refusal = sign_in_refusal(result.user)
            if refusal is not None:
                message, url = refusal
                flash(message, "warning")
                return redirect(url)
            next_url = safe_next(request.args.get("next"))
            return finish_password_step(result.user, form.remember.data, next_url)
        # One message for an unknown e-mail, a wrong password and a delayed account.
        flash(_("The e-mail or password is not correct."), "error")
    return render_template("auth/sign_in.html", form=form)


def sign_in_refusal(user) -> tuple[str, str] | None:
    """Why another feature keeps this account out (message, where to go), or None.

    Asked only after the right password, so it tells nothing to someone guessing.
    """
    for _receiver, refusal in password_accepted.send(user):
        if refusal is not None:
            return str(refusal[0]), refusal[1]
    return None


@bp.post("/sign-out")
@signed_in
def sign_out() -> Response:
    end_session()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"))
