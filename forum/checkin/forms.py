"""Forms of the check-in pages: device tokens, checkpoints, door settings, door staff, and
the officers' attention note for the door."""

from datetime import date, timedelta

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, SelectField, SelectMultipleField, StringField
from wtforms.fields import TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from forum.bilingual import reader_language
from forum.checkin import hours
from forum.checkin.attention import NOTE_MAX
from forum.checkin.doors import checkpoint_name_taken, name_clash_message
from forum.checkin.tags import AttentionTag
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


def _stripped(value: str | None) -> str | None:
    return value.strip() if value else value


class CheckpointNameForm(FlaskForm):
    """A door's name in English (required) and Ukrainian, unique in the event in each
    language (forum.checkin.doors.checkpoint_name_taken); `checkpoint` is the door renamed."""

    name = StringField(
        _l("Checkpoint name"),
        validators=[InputRequired(), Length(max=120), visible_text],
        filters=[_stripped],
    )
    name_uk = StringField(
        _l("Checkpoint name"),
        validators=[Length(max=120), visible_text],
        filters=[_stripped],
    )

    def __init__(self, event, *args, checkpoint=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.event, self.checkpoint = event, checkpoint

    def validate_name(self, field) -> None:
        if field.data and checkpoint_name_taken(self.event, field.data, checkpoint=self.checkpoint):
            raise ValidationError(name_clash_message(field.data))

    def validate_name_uk(self, field) -> None:
        if field.data and checkpoint_name_taken(
            self.event, field.data, language="uk", checkpoint=self.checkpoint
        ):
            raise ValidationError(name_clash_message(field.data))


class CheckpointForm(CheckpointNameForm):
    """A new door: its name, the session it guards (none: a venue door), categories admitted."""

    session = SelectField(_l("Working session"), coerce=int, default=0)
    categories = CheckboxesField(_l("Categories admitted"))

    def __init__(self, event, sessions, *args, **kwargs) -> None:
        super().__init__(event, *args, **kwargs)
        self.session.choices = [(0, _l("None: a venue door"))] + [
            (
                s.id,
                f"{s.localized('title', reader_language())} "
                f"({format_datetime(s.starts_at, 'd MMM, HH:mm')})",
            )
            for s in sessions
        ]
        self.categories.choices = [(c.value, c.label) for c in BadgeCategory]


# How long the scanner's answer stays: 0 means until the next scan or a tap.
ANSWER_CHOICES = (0, 3, 5, 10, 20, 30)
# Opening times a door's page takes at most (empty rows are ignored); it shows the door's
# own and one or two empty rows.
WINDOW_ROWS = hours.MAX_WINDOWS


class WindowForm(Form):
    """One opening time: a day of the event, from, to (all three or none)."""

    day = SelectField(_l("Day"), default="")
    opens = TimeField(_l("From"), validators=[Optional()])
    closes = TimeField(_l("To"), validators=[Optional()])

    def window(self) -> "hours.Window | None":
        """The opening time, None for an empty row; ValueError for half a row."""
        if not self.day.data and not self.opens.data and not self.closes.data:
            return None
        if not (self.day.data and self.opens.data and self.closes.data):
            raise ValueError
        day = date.fromisoformat(self.day.data)
        return hours.Window(day, self.opens.data, self.closes.data)


class DoorSettingsForm(CheckpointNameForm):
    """A door's name, how long the scanner's answer stays there, and its opening hours."""

    answer_seconds = SelectField(_l("How long the answer stays"), coerce=int, default=0)
    windows = FieldList(FormField(WindowForm), min_entries=2, max_entries=WINDOW_ROWS)

    def __init__(self, event, *args, **kwargs) -> None:
        super().__init__(event, *args, **kwargs)
        self.answer_seconds.choices = [(0, _l("Stays until the next scan or a tap"))] + [
            (n, _l("Back to scanning after %(num)s seconds", num=n)) for n in ANSWER_CHOICES[1:]
        ]
        days = [
            event.starts_on + timedelta(days=n)
            for n in range((event.ends_on - event.starts_on).days + 1)
        ]
        for row in self.windows:
            row.day.choices = [("", _l("No day"))] + [
                (day.isoformat(), hours.day_label(day)) for day in days
            ]

    def validate_windows(self, field) -> None:
        for row in field:
            try:
                row.form.window()
            except ValueError:
                raise ValidationError(
                    _l("Give each opening time a day, a start and an end.")
                ) from None

    def chosen_windows(self) -> list["hours.Window"]:
        return [w for w in (row.form.window() for row in self.windows) if w is not None]

    def chosen_seconds(self) -> int | None:
        return self.answer_seconds.data or None


class StaffCheckpointsForm(FlaskForm):
    """The checkpoints one door staff member may scan at."""

    checkpoints = CheckboxesField(_l("Checkpoints"), coerce=int)

    def __init__(self, doors, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.checkpoints.choices = [(c.id, c.localized("name", reader_language())) for c in doors]


class AttentionForm(FlaskForm):
    """What the door must know about a person: a short note and tags."""

    note = StringField(
        _l("Note for the door"),
        validators=[Length(max=NOTE_MAX)],
        filters=[lambda value: " ".join(value.split()) if value else ""],
    )
    tags = CheckboxesField(_l("Tags"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tags.choices = [(t.value, t.label) for t in AttentionTag]  # in today's language
