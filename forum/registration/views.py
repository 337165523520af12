"""Registration pages of the delegate: register, confirm, dashboard, edit, withdraw."""

import uuid

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth.access import allow, public
from forum.auth.models import Role
from forum.auth.services import MIN_PASSWORD_LENGTH
from forum.auth.sessions import begin_session
from forum.bilingual import reader_language
from forum.events.services import current_event, registration_status
from forum.extensions import db, limiter
from forum.questions.errors import AnswerError
from forum.questions.registration_form import (
    answers_form_for,
    both_valid,
    hold_files,
    save_from_form,
)
from forum.questions.summary import answers_by_section
from forum.registration import bp, decisions, held_photos, queries, services
from forum.registration.forms import (
    ConfirmForm,
    EditForm,
    InvitationForm,
    RegistrationForm,
    ResendForm,
)
from forum.registration.links import read_confirm_token, read_invitation_token
from forum.registration.models import TRANSITIONS, Registration, RegistrationState
from forum.registration.validators import PhotoError
from forum.vetting import services as vetting
from forum.vetting.forms import IdentityForm

delegate_only = allow(Role.DELEGATE)


def person_data(form) -> dict:
    """The person's fields of a submitted form, as a plain dict for the services."""
    return {name: getattr(form, name).data for name in services.PERSON_FIELDS}


def uploaded_photo(form) -> bytes | None:
    file = form.photo.data
    return file.read() if file and getattr(file, "filename", "") else None


@bp.route("/register", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["REGISTRATION_LIMIT"], methods=["POST"])
def register() -> str | Response:
    event = current_event()
    if current_user.is_authenticated and current_user.role is Role.DELEGATE:
        return redirect(url_for("registration.dashboard"))
    status = registration_status(event)
    form = RegistrationForm()
    answers_form = answers_form_for(event, form)
    identity_form = identity_form_for(event)
    photo_key = session.get(held_photos.SESSION_KEY)
    if status == "open" and all_valid(form, answers_form, identity_form):
        try:
            registration = services.register(
                event,
                person_data(form),
                form.email.data,
                form.password.data,
                reader_language(),
                photo=uploaded_photo(form) or _kept_photo(photo_key),
            )
            if registration is not None:  # None: the address was registered already
                save_from_form(registration, answers_form, actor=registration.user)
                if identity_form is not None:
                    vetting.submit_identity(registration, identity_form.identity())
        except vetting.IdentityProblems as error:
            for name, message in error.fields.items():
                identity_form[name].errors = [*identity_form[name].errors, message]
        except PhotoError as error:
            form.photo.errors.append(str(error))
        except AnswerError as error:  # a choice full at the last moment, a file refused
            answers_form.add_error(error.question_id, str(error))
        except decisions.RegistrationError as error:
            flash(str(error), "error")
        else:
            held_photos.release(photo_key)
            return redirect(url_for("registration.check_email"))
        db.session.rollback()
        hold_files(answers_form)  # after the rollback: kept by the request's commit
    elif status == "open" and request.method == "POST":
        _hold_uploaded_photo(form)
    return render_template(
        "registration/register.html",
        form=form,
        answers_form=answers_form,
        identity_form=identity_form,
        event=event,
        status=status,
        held_photo=held_photos.held(session.get(held_photos.SESSION_KEY)),
        min_password_length=MIN_PASSWORD_LENGTH,
    )


def identity_form_for(event) -> IdentityForm | None:
    """The identity fields, when the event vets its participants (their names prefixed:
    the form's CSRF token covers them)."""
    if not vetting.is_required(event):
        return None
    return IdentityForm(prefix="identity", meta={"csrf": False})


def all_valid(form, answers_form, identity_form: IdentityForm | None) -> bool:
    """Every part of the page validated, so that every error shows at once."""
    valid = both_valid(form, answers_form)
    if identity_form is None or not form.is_submitted():
        return valid
    return identity_form.validate() and valid


def _kept_photo(key: str | None) -> bytes | None:
    """The photo held from the last try, unless the delegate unticked "use this photo"."""
    held = held_photos.held(key) if request.form.get("keep_photo") else None
    return held.data if held else None


def _hold_uploaded_photo(form) -> None:
    """The form came back with errors: hold the photo that came with it (a browser cannot
    put a file back into the form), or say why it is no usable photo."""
    if form.photo.errors:
        return
    upload = uploaded_photo(form)
    if not upload:
        return
    key = session.setdefault(held_photos.SESSION_KEY, held_photos.new_key())
    try:
        held_photos.hold(key, upload)
    except PhotoError as error:
        form.photo.errors.append(str(error))


@bp.get("/register/photo")
@public
def held_photo() -> Response:
    """The photo held for this browser's next try of the registration form."""
    held = held_photos.held(session.get(held_photos.SESSION_KEY))
    if held is None:
        abort(404)
    response = Response(held.data, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/register/check-your-email")
@public
def check_email() -> str:
    return render_template("registration/check_email.html", form=ResendForm())


@bp.post("/register/resend")
@public
@limiter.limit("3 per 15 minutes")
def resend() -> Response:
    form = ResendForm()
    if form.validate_on_submit():
        services.resend_confirmation(current_event(), form.email.data)
    # The same answer whether or not the e-mail is registered.
    flash(
        _(
            "If this address has a registration waiting for confirmation, we have sent the "
            "link again. Check your spam folder too."
        ),
        "info",
    )
    return redirect(url_for("registration.check_email"))


@bp.get("/register/confirm/<token>")
@public
def confirm(token: str) -> str | Response:
    registration = _registration_by_public_id(read_confirm_token(token))
    if registration is None:
        return render_template("registration/confirm_failed.html"), 400
    services.confirm_email(registration)
    return render_template("registration/confirmed.html", registration=registration)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str) -> str | Response:
    registration = _registration_by_public_id(read_invitation_token(token))
    if registration is None or not registration.invited:
        return render_template("registration/confirm_failed.html"), 400
    if registration.user_id is not None:
        flash(_("This invitation has been accepted already. Please sign in."), "info")
        return redirect(url_for("auth.sign_in"))
    if services.account_exists_for(registration):
        flash(str(services.ACCOUNT_EXISTS_MESSAGE), "info")
        return redirect(url_for("auth.sign_in"))
    form = InvitationForm(registration, obj=registration if request.method == "GET" else None)
    answers_form = answers_form_for(registration.event, form, registration)
    if both_valid(form, answers_form):
        try:
            user = services.accept_invitation(
                registration,
                person_data(form),
                form.password.data,
                reader_language(),
                photo=uploaded_photo(form),
                answer=lambda registration: save_from_form(
                    registration, answers_form, actor=registration.user
                ),
            )
        except PhotoError as error:
            form.photo.errors.append(str(error))
        except AnswerError as error:
            answers_form.add_error(error.question_id, str(error))
        else:
            begin_session(user)
            flash(_("Thank you: your registration is complete."), "success")
            return redirect(url_for("registration.dashboard"))
        db.session.rollback()
        hold_files(answers_form)  # after the rollback: kept by the request's commit
    return render_template(
        "registration/invitation.html",
        form=form,
        answers_form=answers_form,
        registration=registration,
    )


@bp.get("/my/registration")
@delegate_only
def dashboard() -> str:
    registration = _own_registration()
    return render_template(
        "registration/dashboard.html",
        registration=registration,
        answers=answers_by_section(
            registration,
            reader_language(),
            lambda question: url_for("questions.own_file", question_id=question.id),
        ),
        can_edit=services.can_edit(registration),
        links=_feature_links(registration),
    )


@bp.route("/my/registration/edit", methods=["GET", "POST"])
@delegate_only
def edit() -> str | Response:
    registration = _own_registration()
    if not services.can_edit(registration):
        flash(_("This registration can no longer be changed."), "error")
        return redirect(url_for("registration.dashboard"))
    form = EditForm(obj=registration if request.method == "GET" else None)
    answers_form = answers_form_for(registration.event, form, registration)
    if both_valid(form, answers_form):
        try:
            photo = uploaded_photo(form)
            back_to_pending = services.needs_reaccreditation(registration, person_data(form), photo)
            services.update_person(registration, person_data(form), photo)
            answers_back = save_from_form(registration, answers_form).back_to_pending
        except PhotoError as error:
            form.photo.errors.append(str(error))
        except AnswerError as error:
            answers_form.add_error(error.question_id, str(error))
        else:
            if back_to_pending:
                message = _(
                    "Your registration is back with the accreditation team because you changed "
                    "details printed on your badge (name, organisation, category, country or "
                    "photo)."
                )
            elif answers_back:
                message = _(
                    "Your registration is back with the accreditation team because you changed "
                    "an answer they review."
                )
            else:
                message = _("Your changes are saved.")
            back = back_to_pending or answers_back
            flash(message, "warning" if back else "success")
            return redirect(url_for("registration.dashboard"))
        db.session.rollback()
        hold_files(answers_form)  # after the rollback: kept by the request's commit
    return render_template(
        "registration/edit.html",
        form=form,
        answers_form=answers_form,
        registration=registration,
        file_url=lambda question: url_for("questions.own_file", question_id=question.id),
    )


@bp.route("/my/registration/withdraw", methods=["GET", "POST"])
@delegate_only
def withdraw() -> str | Response:
    registration = _own_registration()
    if RegistrationState.WITHDRAWN not in TRANSITIONS[registration.state]:
        flash(_("This registration cannot be withdrawn."), "error")
        return redirect(url_for("registration.dashboard"))
    form = ConfirmForm()
    if form.validate_on_submit():
        decisions.withdraw(registration)
        flash(_("Your registration is withdrawn. Thank you for letting us know."), "info")
        return redirect(url_for("registration.dashboard"))
    return render_template("registration/withdraw.html", form=form, registration=registration)


@bp.get("/my/photo")
@delegate_only
def my_photo() -> Response:
    registration = _own_registration()
    if registration.photo is None:
        abort(404)
    return photo_response(registration)


def photo_response(registration: Registration) -> Response:
    response = Response(registration.photo.data, mimetype=registration.photo.content_type)
    response.headers["Cache-Control"] = "no-store"  # a face, on a shared computer
    response.headers["Content-Disposition"] = "inline"
    return response


def _own_registration() -> Registration:
    registration = queries.registration_of(current_user, current_event())
    if registration is None:
        abort(404)
    return registration


def _registration_by_public_id(public_id: uuid.UUID | None) -> Registration | None:
    if public_id is None:
        return None
    return db.session.scalar(sa.select(Registration).where(Registration.public_id == public_id))


def _feature_links(registration: Registration) -> dict[str, str]:
    """Links to the badge and the agenda, for an accredited delegate."""
    if not registration.is_accredited:
        return {}
    return {"badge": url_for("badges.my_badge"), "agenda": url_for("programme.my_agenda")}
