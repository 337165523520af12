"""Forms of vetting: a person's identity data, the security officer's answer, the organisers'
switch."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from forum.forms import no_markup
from forum.i18n import country_choices
from forum.vetting.identity import DOCUMENT_LABELS, FIELD_LABELS, IDENTITY_FIELDS
from forum.vetting.models import STATUS_LABELS
from forum.vetting.services import ANSWERS
from forum.vetting.settings import MAX_RETENTION_DAYS

DATE_FIELDS = ("date_of_birth", "document_expiry")


class IdentityForm(FlaskForm):
    """The identity data the host's security service asks for (checked by the service)."""

    document_family_name = StringField(
        FIELD_LABELS["document_family_name"],
        validators=[DataRequired(), Length(max=100), no_markup],
    )
    document_given_names = StringField(
        FIELD_LABELS["document_given_names"],
        validators=[DataRequired(), Length(max=100), no_markup],
    )
    nationality = SelectField(FIELD_LABELS["nationality"], validators=[InputRequired()])
    date_of_birth = DateField(FIELD_LABELS["date_of_birth"], validators=[DataRequired()])
    place_of_birth = StringField(
        FIELD_LABELS["place_of_birth"], validators=[DataRequired(), Length(max=100), no_markup]
    )
    document_type = SelectField(FIELD_LABELS["document_type"], validators=[InputRequired()])
    document_number = StringField(
        FIELD_LABELS["document_number"], validators=[DataRequired(), Length(max=30), no_markup]
    )
    document_country = SelectField(FIELD_LABELS["document_country"], validators=[InputRequired()])
    document_expiry = DateField(FIELD_LABELS["document_expiry"], validators=[DataRequired()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        countries = [("", _l("Choose…"))] + country_choices()
        self.nationality.choices = countries
        self.document_country.choices = countries
        self.document_type.choices = [("", _l("Choose…"))] + [
            (kind.value, label) for kind, label in DOCUMENT_LABELS.items()
        ]

    def identity(self) -> dict:
        """The fields as the service stores them (dates as YYYY-MM-DD)."""
        values = {}
        for name in IDENTITY_FIELDS:
            value = self[name].data
            values[name] = value.isoformat() if name in DATE_FIELDS and value else value or ""
        return values

    @classmethod
    def from_identity(cls, identity: dict | None) -> "IdentityForm":
        data = dict(identity or {})
        for name in DATE_FIELDS:
            if data.get(name):
                data[name] = date.fromisoformat(data[name])
        return cls(data=data)


class AnswerForm(FlaskForm):
    """The security service's answer, entered by the security officer."""

    status = SelectField(_l("Answer"), validators=[InputRequired()])
    note = TextAreaField(
        _l("Note (seen by security officers only)"), validators=[Optional(), Length(max=1000)]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = [(status.value, STATUS_LABELS[status]) for status in ANSWERS]


class SettingsForm(FlaskForm):
    """The organisers' switch of vetting and the retention of identity data."""

    vetting = RadioField(
        _l("Security vetting"),
        choices=[("on", _l("Switched on")), ("off", _l("Switched off"))],
        validators=[InputRequired()],
    )
    retention_days = IntegerField(
        _l("Days identity data is kept after the forum"),
        validators=[InputRequired(), NumberRange(min=0, max=MAX_RETENTION_DAYS)],
    )
    confirm = BooleanField(_l("I have read what this change does, and I confirm it"))
    erase_now = BooleanField(
        _l("Also delete the identity data already given, now (when switching off)")
    )
