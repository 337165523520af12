"""The organisers' mailing form: the segment, then the texts in English and Ukrainian,
and the form that schedules a mailing."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from forum.forms import visible_text
from forum.mailings import placeholders
from forum.mailings.segments import Segment
from forum.registration.models import (
    CATEGORY_LABELS,
    ORGANISATION_TYPE_LABELS,
    STATE_LABELS,
    BadgeCategory,
    OrganisationType,
    RegistrationState,
)


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _strip(value: str | None) -> str | None:
    return value.strip() if value else value


def _placeholders_known(form, field) -> None:
    try:
        placeholders.check(field.data or "")
    except placeholders.PlaceholderError as error:
        raise ValidationError(error.message) from None


class MailingForm(FlaskForm):
    states = CheckboxesField(
        _l("Registration state"),
        choices=[(s.value, STATE_LABELS[s]) for s in RegistrationState],
    )
    categories = CheckboxesField(
        _l("Badge category"), choices=[(c.value, CATEGORY_LABELS[c]) for c in BadgeCategory]
    )
    organisation_types = CheckboxesField(
        _l("Organisation type"),
        choices=[(t.value, ORGANISATION_TYPE_LABELS[t]) for t in OrganisationType],
    )
    countries = SelectMultipleField(_l("Country"), render_kw={"size": 6})
    session_ids = SelectMultipleField(
        _l("Signed up for a session"), coerce=int, render_kw={"size": 6}
    )
    speakers_only = BooleanField(_l("Speakers only"))
    not_confirmed = BooleanField(_l("E-mail address not confirmed yet"))
    badge_not_collected = BooleanField(
        _l("Badge not collected: accredited, not let in at any door yet")
    )
    subject = StringField(
        _l("Subject"),
        validators=[InputRequired(), Length(max=200), visible_text, _placeholders_known],
        filters=[_strip],
    )
    body = TextAreaField(
        _l("Message"),
        validators=[InputRequired(), Length(max=20_000), _placeholders_known],
        filters=[_strip],
        render_kw={"rows": 10},
    )
    subject_uk = StringField(
        _l("Subject"),
        validators=[Length(max=200), visible_text, _placeholders_known],
        filters=[_strip],
    )
    body_uk = TextAreaField(
        _l("Message"),
        validators=[Length(max=20_000), _placeholders_known],
        filters=[_strip],
        render_kw={"rows": 10},
    )

    def __init__(self, countries, sessions, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.countries.choices = countries
        self.session_ids.choices = sessions

    def segment(self) -> Segment:
        return Segment.from_dict({name: self[name].data for name in Segment.__dataclass_fields__})

    @staticmethod
    def data_of(mailing) -> dict:
        """The form's values for an existing mailing."""
        return {
            **(mailing.segment or {}),
            "subject": mailing.subject,
            "body": mailing.body,
            "subject_uk": mailing.subject_uk,
            "body_uk": mailing.body_uk,
        }


class ScheduleForm(FlaskForm):
    send_at = DateTimeLocalField(
        _l("Send at (the event's time zone)"),
        validators=[DataRequired(message=_l("Choose a date and a time."))],
        format="%Y-%m-%dT%H:%M",
    )
