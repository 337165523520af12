"""Forms of delegations: the organisers' delegation, the focal point's member, event quotas."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from forum.delegations.models import QUOTA_KIND_LABELS
from forum.forms import no_markup
from forum.i18n import country_choices
from forum.registration.forms import latin_letters
from forum.registration.models import CATEGORY_LABELS, BadgeCategory, OrganisationType
from forum.registration.titles import title_choices
from forum.registration.validators import phone_number

LANGUAGE_CHOICES = [("en", "English"), ("uk", "Українська")]


def _country_field(label) -> SelectField:
    return SelectField(label, validators=[InputRequired()], coerce=str)


class DelegationForm(FlaskForm):
    """An organiser's delegation: who it is, its quota and its focal point."""

    name = StringField(_l("Organisation"), validators=[DataRequired(), Length(max=200), no_markup])
    name_latin = StringField(
        _l("Organisation in Latin letters"),
        validators=[Optional(), Length(max=200), no_markup, latin_letters],
    )
    organisation_type = SelectField(_l("Type of organisation"), validators=[InputRequired()])
    country = _country_field(_l("Country"))
    quota = IntegerField(_l("Places"), validators=[InputRequired(), NumberRange(min=0, max=10_000)])
    focal_point_name = StringField(
        _l("Focal point's name"), validators=[DataRequired(), Length(max=200), no_markup]
    )
    focal_point_email = EmailField(
        _l("Focal point's e-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    locale = SelectField(_l("Language of the focal point's mails"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_type.choices = [("", _l("Choose…"))] + [
            (t.value, t.label) for t in OrganisationType
        ]
        self.country.choices = [("", _l("Choose…"))] + country_choices()

    def validate_organisation_type(self, field) -> None:
        if field.data not in {t.value for t in OrganisationType}:
            raise ValidationError(_l("Choose the type of organisation."))

    def validate_country(self, field) -> None:
        if field.data not in {code for code, _name in country_choices()}:
            raise ValidationError(_l("Choose the country."))


def category_share_fields() -> dict[BadgeCategory, str]:
    """The form field of each category's share of the places ("share_vip")."""
    return {category: f"share_{category.value}" for category in BadgeCategory}


for _category, _name in category_share_fields().items():
    setattr(
        DelegationForm,
        _name,
        IntegerField(
            CATEGORY_LABELS[_category], validators=[Optional(), NumberRange(min=0, max=10_000)]
        ),
    )


class EditDelegationForm(DelegationForm):
    """Editing keeps the focal point: their address is their account, their language theirs."""

    focal_point_email = None
    locale = None


class MemberForm(FlaskForm):
    """A focal point invites a person: who they are and the language of their mails."""

    title = SelectField(_l("Title"), choices=title_choices(), default="")
    given_name = StringField(
        _l("Given name"), validators=[DataRequired(), Length(max=100), no_markup]
    )
    family_name = StringField(
        _l("Family name"), validators=[DataRequired(), Length(max=100), no_markup]
    )
    passport_given_name = StringField(
        _l("Given name as in the passport"),
        validators=[Optional(), Length(max=100), no_markup, latin_letters],
    )
    passport_family_name = StringField(
        _l("Family name as in the passport"),
        validators=[Optional(), Length(max=100), no_markup, latin_letters],
    )
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    country = _country_field(_l("Country"))
    category = SelectField(_l("Badge category"), validators=[InputRequired()])
    locale = SelectField(_l("Language of the member's mails"), choices=LANGUAGE_CHOICES)

    def __init__(self, categories, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices()
        self.category.choices = [(c.value, c.label) for c in categories]

    def validate_country(self, field) -> None:
        if field.data not in {code for code, _name in country_choices()}:
            raise ValidationError(_l("Choose the country."))

    def person(self) -> dict:
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}


class OnBehalfForm(MemberForm):
    """Everything the registration form asks, filled in by the focal point."""

    phone = StringField(
        _l("Mobile phone"), validators=[DataRequired(), Length(max=32), phone_number]
    )
    job_title = StringField(
        _l("Job title"), validators=[DataRequired(), Length(max=150), no_markup]
    )
    dietary_needs = TextAreaField(_l("Dietary needs"), validators=[Optional(), Length(max=500)])
    accessibility_needs = TextAreaField(
        _l("Accessibility needs"), validators=[Optional(), Length(max=500)]
    )


class WholeDelegationForm(FlaskForm):
    """Officers approve or reject every member of a delegation awaiting a decision."""

    action = HiddenField(validators=[InputRequired()])
    reason = TextAreaField(
        _l("Reason (sent to each delegate)"), validators=[Optional(), Length(max=1000)]
    )

    def validate_action(self, field) -> None:
        if field.data not in ("approve", "reject"):
            raise ValidationError(_l("Unknown action."))


class QuotaForm(FlaskForm):
    """An organiser caps the accredited people of one organisation, country or category."""

    kind = SelectField(
        _l("Quota for"), choices=[(k.value, label) for k, label in QUOTA_KIND_LABELS.items()]
    )
    value = StringField(_l("Which"), validators=[DataRequired(), Length(max=200), no_markup])
    places = IntegerField(
        _l("Places"), validators=[InputRequired(), NumberRange(min=0, max=100_000)]
    )
