"""Forms of the delegate side: register, edit, withdraw, confirm again."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from forum.auth.services import MIN_PASSWORD_LENGTH
from forum.forms import no_markup
from forum.i18n import country_choices
from forum.registration.models import (
    LATIN_FORMS,
    REQUESTABLE_CATEGORIES,
    OrganisationType,
)
from forum.registration.services import INVITED_IDENTITY_FIELDS
from forum.registration.titles import title_choices
from forum.registration.validators import phone_number
from forum.translit import browser_table, is_latin, passport_latin


def latin_letters(form, field) -> None:
    """A Latin form of a name: Latin letters only (accents allowed)."""
    if not is_latin(field.data or ""):
        raise ValidationError(
            _l("Please write the name of your organisation in Latin letters.")
            if field.name == "organisation_latin"
            else _l("Please write the name in Latin letters, as your passport prints it.")
        )


class PersonForm(FlaskForm):
    """What a delegate tells about themselves; shared by registration and editing."""

    title = SelectField(_l("Title"), choices=title_choices(), default="")
    given_name = StringField(
        _l("Given name"), validators=[DataRequired(), Length(max=100), no_markup]
    )
    family_name = StringField(
        _l("Family name"), validators=[DataRequired(), Length(max=100), no_markup]
    )
    # The Latin forms: asked when the name has other letters, suggested by passport_latin.
    passport_given_name = StringField(
        _l("Given name as in your passport"),
        validators=[Optional(), Length(max=100), no_markup, latin_letters],
    )
    passport_family_name = StringField(
        _l("Family name as in your passport"),
        validators=[Optional(), Length(max=100), no_markup, latin_letters],
    )
    phone = StringField(
        _l("Mobile phone"), validators=[DataRequired(), Length(max=32), phone_number]
    )
    job_title = StringField(
        _l("Job title"), validators=[DataRequired(), Length(max=150), no_markup]
    )
    organisation = StringField(
        _l("Organisation"), validators=[DataRequired(), Length(max=200), no_markup]
    )
    organisation_latin = StringField(
        _l("Organisation in Latin letters"),
        validators=[Optional(), Length(max=200), no_markup, latin_letters],
    )
    organisation_type = SelectField(
        _l("Type of organisation"), validators=[InputRequired()], coerce=str
    )
    country = SelectField(_l("Country"), validators=[InputRequired()], coerce=str)
    requested_category = SelectField(_l("I attend as"), validators=[InputRequired()], coerce=str)
    photo = FileField(
        _l("Photo for the badge"),
        validators=[Optional(), FileAllowed(["jpg", "jpeg", "png"], _l("JPEG or PNG only."))],
    )
    dietary_needs = TextAreaField(_l("Dietary needs"), validators=[Optional(), Length(max=500)])
    accessibility_needs = TextAreaField(
        _l("Accessibility needs"), validators=[Optional(), Length(max=500)]
    )
    consent_list = BooleanField(_l("Show my name and organisation in the participant list"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_type.choices = [("", _l("Choose…"))] + [
            (t.value, t.label) for t in OrganisationType
        ]
        self.country.choices = [("", _l("Choose…"))] + country_choices()
        self.requested_category.choices = [(c.value, c.label) for c in REQUESTABLE_CATEGORIES]
        self.suggest_latin_forms()

    def suggest_latin_forms(self) -> None:
        """Show passport_latin() of a name in its empty Latin field, as the POST will
        store it: the delegate sees the suggestion and can correct it."""
        for latin_name, (name, length) in LATIN_FORMS.items():
            latin, typed = getattr(self, latin_name), getattr(self, name).data or ""
            if not (latin.data or "").strip() and not is_latin(typed):
                latin.data = passport_latin(typed.strip())[:length]

    @staticmethod
    def latin_rules() -> dict:
        """The transliteration rules for the script that suggests the Latin forms."""
        return browser_table()

    def needs_latin_form(self, name: str) -> bool:
        """Is the name in `name` written in letters other than Latin ones?"""
        return not is_latin(getattr(self, name).data or "")

    def validate_organisation_type(self, field) -> None:
        if field.data not in {t.value for t in OrganisationType}:
            raise ValidationError(_l("Choose the type of your organisation."))

    def validate_country(self, field) -> None:
        if field.data not in {code for code, _name in country_choices()}:
            raise ValidationError(_l("Choose your country."))


class RegistrationForm(PersonForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l("Use at least %(min)d and at most %(max)d characters."),
            ),
        ],
    )
    password_again = PasswordField(
        _l("Password again"),
        validators=[DataRequired(), EqualTo("password", _l("The passwords do not match."))],
    )
    consent_data = BooleanField(
        _l("I agree to the processing of my personal data for accreditation and access"),
        validators=[DataRequired(_l("Your consent is needed to register."))],
    )


class InvitationForm(PersonForm):
    """An invited delegate completes the pre-filled form; the e-mail is the invited one.

    The invited identity is read-only: shown as the organisers entered it, and whatever
    a request sends for it is replaced by the invitation's values.
    """

    password = RegistrationForm.password
    password_again = RegistrationForm.password_again
    consent_data = RegistrationForm.consent_data

    def __init__(self, invited, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in INVITED_IDENTITY_FIELDS:
            field = getattr(self, name)
            field.data = getattr(invited, name)
            field.raw_data = [field.data]
            # A <select> cannot be read-only in HTML: disabled, and its value comes from here.
            lock = "disabled" if isinstance(field, SelectField) else "readonly"
            field.render_kw = {**(field.render_kw or {}), lock: True}


class EditForm(PersonForm):
    """The delegate's own data while their registration can still change."""


class ConfirmForm(FlaskForm):
    """A bare form for buttons that change state (CSRF only)."""


class ResendForm(FlaskForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
