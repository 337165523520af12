"""Sign in and sign out."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from forum.auth import bp
from forum.auth.access import public, signed_in
from forum.auth.forms import SignInForm
from forum.auth.services import authenticate, load_user
from forum.extensions import db, login_manager

login_manager.login_view = "auth.sign_in"
login_manager.login_message = None
login_manager.session_protection = "strong"
login_manager.user_loader(load_user)


def safe_next(target: str | None) -> str | None:
    """Only follow a `next` that stays on this site (a path, no host or scheme)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        db.session.commit()
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")) or url_for("main.index"))
        flash(_("The e-mail or password is not correct."), "error")
    return render_template("auth/sign_in.html", form=form)


@bp.post("/sign-out")
@signed_in
def sign_out() -> Response:
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"))
