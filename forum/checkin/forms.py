"""Forms of the check-in pages: making a device token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DeviceTokenForm(FlaskForm):
    """Name a device and choose the checkpoints its token may scan at."""

    name = StringField(
        _l("Device name"),
        validators=[InputRequired(), Length(max=120)],
        filters=[lambda value: value.strip() if value else value],
    )
    checkpoints = CheckboxesField(
        _l("Checkpoints"),
        coerce=int,
        validators=[DataRequired(message=_l("Choose at least one checkpoint."))],
    )

    def __init__(self, checkpoints, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.checkpoints.choices = [(c.id, c.name) for c in checkpoints]
