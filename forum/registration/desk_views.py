"""The accreditation desk's page: register a walk-in, accredit them and print their badge."""

from io import BytesIO

from flask import current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileAllowed, FileField
from werkzeug.wrappers import Response
from wtforms import BooleanField, EmailField, RadioField, SelectField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from forum.auth.access import allow
from forum.auth.models import Role
from forum.badges.services import print_one
from forum.events.services import current_event
from forum.extensions import db
from forum.i18n import LANGUAGE_NAMES
from forum.questions.errors import AnswerError
from forum.questions.registration_form import (
    answers_form_for,
    both_valid,
    hold_files,
    save_from_form,
)
from forum.registration import bp, services
from forum.registration.admin_views import _registration
from forum.registration.decisions import RegistrationError
from forum.registration.desk import AlreadyRegistered, register_walk_in, requested_category
from forum.registration.forms import PersonForm
from forum.registration.models import REQUESTABLE_CATEGORIES, BadgeCategory
from forum.registration.validators import PhotoError

accreditation = allow(Role.OFFICER, Role.ORGANISER)
# What the desk's printer takes: one badge a page.
DESK_LAYOUTS = {"id1": _l("ID-1 card (85.6 × 54 mm)"), "a6": _l("A6 badge")}


class DeskForm(PersonForm):
    """A walk-in's details as the officer takes them from the person and their document."""

    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    locale = SelectField(_l("Language of the e-mails"), validators=[InputRequired()])
    category = SelectField(_l("Badge category"), validators=[InputRequired()])
    layout = RadioField(_l("Print on"), default="id1", validators=[InputRequired()])
    photo = FileField(
        _l("Photo for the badge"),
        validators=[Optional(), FileAllowed(["jpg", "jpeg", "png"], _l("JPEG or PNG only."))],
    )
    consent_data = BooleanField(
        _l(
            "The delegate agrees to the processing of their personal data for accreditation "
            "and access"
        ),
        validators=[DataRequired(_l("Ask for the delegate's consent first."))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.requested_category  # the officer sets the badge category itself
        self.locale.choices = [
            (code, LANGUAGE_NAMES[code]) for code in current_app.config["LANGUAGES"]
        ]
        self.category.choices = [(c.value, c.label) for c in BadgeCategory]
        self.layout.choices = list(DESK_LAYOUTS.items())


def _person(form: DeskForm) -> dict:
    return {name: form[name].data for name in services.PERSON_FIELDS if name in form}


@bp.route("/accreditation/desk", methods=["GET", "POST"])
@accreditation
def desk() -> str | Response:
    event = current_event()
    form = DeskForm()
    existing = None
    if request.method == "GET":
        form.category.data = BadgeCategory.DELEGATE.value
    # The organisers' questions, as the walk-in would have answered them on the public form.
    answers_form = answers_form_for(event, form, category=_requested(form.category.data))
    if both_valid(form, answers_form):
        upload = form.photo.data
        officer = current_user._get_current_object()
        try:
            registration = register_walk_in(
                event,
                _person(form),
                form.email.data,
                form.locale.data,
                BadgeCategory(form.category.data),
                officer,
                photo=upload.read() if upload and getattr(upload, "filename", "") else None,
                answer=lambda registration: save_from_form(
                    registration, answers_form, actor=officer
                ),
            )
        except PhotoError as error:
            form.photo.errors.append(str(error))
        except AnswerError as error:  # a choice full at the last moment, a file refused
            answers_form.add_error(error.question_id, str(error))
        except AlreadyRegistered as error:
            form.email.errors.append(str(error))
            existing = error.registration
        except RegistrationError as error:  # the forum is full
            flash(str(error), "error")
        else:
            return redirect(
                url_for(
                    "registration.desk_ready",
                    registration_id=registration.id,
                    layout=form.layout.data,
                )
            )
        db.session.rollback()
        hold_files(answers_form)  # after the rollback: kept by the request's commit
    return render_template(
        "registration/desk.html",
        form=form,
        answers_form=answers_form,
        existing=existing,
        requestable=[c.value for c in REQUESTABLE_CATEGORIES],
    )


def _requested(value: str | None) -> str:
    """The category the walk-in's questions are chosen by (desk.requested_category)."""
    try:
        return requested_category(BadgeCategory(value)).value
    except ValueError:  # no category chosen, or a made-up one: the form refuses it
        return BadgeCategory.DELEGATE.value


@bp.get("/accreditation/desk/<int:registration_id>/ready")
@accreditation
def desk_ready(registration_id: int) -> str:
    registration = _registration(registration_id)
    layout = request.args.get("layout", "id1")
    return render_template(
        "registration/desk_ready.html",
        registration=registration,
        layout=layout if layout in DESK_LAYOUTS else "id1",
        layouts=DESK_LAYOUTS,
    )


@bp.get("/accreditation/desk/<int:registration_id>/badge-<any(id1, a6):layout>.pdf")
@accreditation
def desk_badge(registration_id: int, layout: str) -> Response:
    """The badge to print now, opened in the browser's PDF viewer; marked printed (audited).
    A BadgeError (not accredited) goes back with its message."""
    registration = _registration(registration_id)
    out = BytesIO()
    print_one(registration, out, layout, current_user._get_current_object())
    out.seek(0)
    response = send_file(
        out,
        mimetype="application/pdf",
        as_attachment=False,
        download_name=f"badge-{registration.id}-{layout}.pdf",
    )
    response.headers["Cache-Control"] = "private, no-store"  # a badge is a door key
    return response
