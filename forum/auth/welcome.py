"""The page a welcome link opens (forum.auth.links.WelcomeLink): the person an account was
made for chooses its first password. Each feature has its own link and wording."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.auth.forms import NewPasswordForm
from forum.auth.models import User
from forum.auth.services import set_new_password
from forum.bilingual import reader_language


def first_password_page(
    user: User | None, template: str, refused_template: str
) -> str | Response | tuple[str, int]:
    """`template` with the password form for `user`, or `refused_template` (400) when the
    link does not work (`user` is None); once chosen, on to the sign-in page."""
    if user is None:
        return render_template(refused_template), 400
    form = NewPasswordForm()
    if form.validate_on_submit():
        set_new_password(user, form.password.data)
        user.locale = reader_language()
        flash(_("Your password is set. Please sign in."), "success")
        return redirect(url_for("auth.sign_in"))
    return render_template(template, form=form, user=user)
