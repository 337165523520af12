"""Forms of the check-in pages: device tokens, checkpoints and door staff."""

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from forum.bilingual import reader_language
from forum.checkin.doors import checkpoint_name_taken
from forum.forms import visible_text
from forum.registration.models import BadgeCategory


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DeviceTokenForm(FlaskForm):
    """Name a device and choose the checkpoints its token may scan at."""

    name = StringField(
        _l("Device name"),
        validators=[InputRequired(), Length(max=120), visible_text],
        filters=[lambda value: value.strip() if value else value],
    )
    checkpoints = CheckboxesField(
        _l("Checkpoints"),
        coerce=int,
        validators=[DataRequired(message=_l("Choose at least one checkpoint."))],
    )

    def __init__(self, checkpoints, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.checkpoints.choices = [
            (c.id, c.localized("name", reader_language())) for c in checkpoints
        ]


class CheckpointForm(FlaskForm):
    """A new door: its name, the session it guards (none: a venue door), categories admitted."""

    name = StringField(
        _l("Name"),
        validators=[InputRequired(), Length(max=120), visible_text],
        filters=[lambda value: value.strip() if value else value],
    )
    name_uk = StringField(
        _l("Name"),
        validators=[Length(max=120), visible_text],
        filters=[lambda value: value.strip() if value else value],
    )
    session = SelectField(_l("Working session"), coerce=int, default=0)
    categories = CheckboxesField(_l("Categories admitted"))

    def __init__(self, event, sessions, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.session.choices = [(0, _l("None: a venue door"))] + [
            (
                s.id,
                f"{s.localized('title', reader_language())} "
                f"({format_datetime(s.starts_at, 'd MMM, HH:mm')})",
            )
            for s in sessions
        ]
        self.categories.choices = [(c.value, c.label) for c in BadgeCategory]

    def validate_name(self, field) -> None:
        if field.data and checkpoint_name_taken(self.event, field.data):
            raise ValidationError(_l("There is already a checkpoint with this name."))

    def validate_name_uk(self, field) -> None:
        if field.data and checkpoint_name_taken(self.event, field.data, language="uk"):
            raise ValidationError(_l("There is already a checkpoint with this name."))


class StaffCheckpointsForm(FlaskForm):
    """The checkpoints one door staff member may scan at."""

    checkpoints = CheckboxesField(_l("Checkpoints"), coerce=int)

    def __init__(self, doors, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.checkpoints.choices = [(c.id, c.localized("name", reader_language())) for c in doors]
