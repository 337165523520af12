"""Forms of the accreditation pages: decisions, category, bulk actions, import, event settings."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from forum.registration.models import BadgeCategory

DECISIONS = ("approve", "reject", "waitlist", "cancel")


class DecisionForm(FlaskForm):
    action = HiddenField(validators=[InputRequired()])
    reason = TextAreaField(
        _l("Reason (sent to the delegate)"), validators=[Optional(), Length(max=1000)]
    )

    def validate_action(self, field) -> None:
        if field.data not in DECISIONS:
            raise ValidationError(_l("Unknown action."))


class BulkForm(DecisionForm):
    next = HiddenField()


class CategoryForm(FlaskForm):
    category = SelectField(_l("Badge category"), validators=[InputRequired()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = [(c.value, c.label) for c in BadgeCategory]


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[
            FileRequired(_l("Choose a CSV file.")),
            FileAllowed(["csv", "txt"], _l("A .csv file only.")),
        ],
    )


class SettingsForm(FlaskForm):
    delegate_capacity = IntegerField(
        _l("Delegate capacity"), validators=[InputRequired(), NumberRange(min=0, max=100_000)]
    )
    registration_opens_at = DateTimeLocalField(
        _l("Registration opens"), validators=[Optional()], format="%Y-%m-%dT%H:%M"
    )
    registration_closes_at = DateTimeLocalField(
        _l("Registration closes"), validators=[Optional()], format="%Y-%m-%dT%H:%M"
    )
    auto_promote_waitlist = BooleanField(
        _l(
            "When an accredited delegate withdraws, accredit the first on the waiting list "
            "automatically"
        )
    )
    invited_skip_approval = BooleanField(
        _l("Invited delegates are accredited as soon as they complete the form")
    )
    invitation_reminder_days = IntegerField(
        _l("Remind invitations not taken up after (days)"),
        validators=[InputRequired(), NumberRange(min=0, max=60)],
    )

    def validate_registration_closes_at(self, field) -> None:
        opens: datetime | None = self.registration_opens_at.data
        if field.data and opens and field.data <= opens:
            raise ValidationError(_l("Registration must close after it opens."))
