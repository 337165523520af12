"""Password reset by e-mail, for delegates and staff alike."""

import hmac

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.auth import bp
from forum.auth.access import public
from forum.auth.forms import NewPasswordForm, ResetRequestForm
from forum.auth.links import password_fingerprint, read_reset_token
from forum.auth.models import User
from forum.auth.services import set_new_password
from forum.auth.tasks import request_reset_link
from forum.extensions import db, limiter


@bp.route("/password/reset", methods=["GET", "POST"])
@public
@limiter.limit("5 per 15 minutes", methods=["POST"])
def reset_request() -> str | Response:
    form = ResetRequestForm()
    if form.validate_on_submit():
        # The same work for any address, so that the answer (and its time) tells nothing:
        # the request queues a task; the worker looks the address up and mails a link to
        # an active account only.
        request_reset_link(form.email.data)
        # The same answer whether or not the e-mail has an account.
        flash(
            _(
                "If this address has an account, we have sent it a link to choose a new "
                "password. The link is valid for one hour."
            ),
            "info",
        )
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str) -> str | Response:
    user, refusal = _user_for_token(token)
    if user is None:
        return render_template("auth/reset_link_refused.html", refusal=refusal), 400
    form = NewPasswordForm()
    if form.validate_on_submit():
        set_new_password(user, form.password.data)
        flash(_("Your password is changed. Please sign in."), "success")
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/reset_password.html", form=form)


def _user_for_token(token: str) -> tuple[User | None, str]:
    """The account a reset link may change, or None and why not: "invalid", "expired"
    or "used" (the password changed since the link was sent)."""
    claim = read_reset_token(token)
    if claim is None:
        return None, "invalid"
    user = db.session.get(User, claim.user_id)
    if user is None or not user.active:
        return None, "invalid"
    if claim.expired:
        return None, "expired"
    if not hmac.compare_digest(password_fingerprint(user), claim.fingerprint):
        return None, "used"
    return user, ""
