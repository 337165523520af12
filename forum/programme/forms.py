"""Programme forms: they validate input (limits from the models) and never write."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from forum.bilingual import reader_language
from forum.events.models import Event
from forum.forms import no_markup, visible_text
from forum.programme.models import Room, SessionFormat, SpeakerRole
from forum.programme.services import room_name_taken
from forum.translit import is_latin

NOT_NEGATIVE = _l("The capacity cannot be negative.")


class RoomForm(FlaskForm):
    """A room; its name in English (required) and Ukrainian (forum.bilingual)."""

    name = StringField(_l("Room name"), validators=[DataRequired(), Length(max=120), visible_text])
    name_uk = StringField(_l("Room name"), validators=[Length(max=120), visible_text])
    capacity = IntegerField(
        _l("Capacity (seats)"),
        validators=[
            InputRequired(_l("Enter the number of seats.")),
            NumberRange(min=0, message=NOT_NEGATIVE),
        ],
    )
    notes = TextAreaField(_l("Notes"), validators=[Length(max=2000)])

    def __init__(self, *args, event: Event, room: Room | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.event, self.room = event, room

    def validate_name(self, field) -> None:
        if field.data and room_name_taken(self.event, field.data, self.room):
            raise ValidationError(_l("There is already a room with this name."))

    def validate_name_uk(self, field) -> None:
        if field.data and room_name_taken(self.event, field.data, self.room, language="uk"):
            raise ValidationError(_l("There is already a room with this name."))


class SessionForm(FlaskForm):
    """A session; title, theme and description in English and Ukrainian (the `_uk` fields).

    The English title is required: the audit log, the exports and the conflict
    messages name a session by it.
    """

    title = StringField(
        _l("Session title"), validators=[DataRequired(), Length(max=200), visible_text]
    )
    title_uk = StringField(_l("Session title"), validators=[Length(max=200), visible_text])
    theme = StringField(_l("Theme"), validators=[Length(max=120), visible_text])
    theme_uk = StringField(_l("Theme"), validators=[Length(max=120), visible_text])
    format = SelectField(
        _l("Format"),
        choices=[(f.value, f.label) for f in SessionFormat],
        default=SessionFormat.WORKING_SESSION.value,
    )
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    description_uk = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    room = SelectField(_l("Room"), validate_choice=False)
    day = DateField(_l("Day"), validators=[InputRequired(_l("Enter the day."))])
    starts = TimeField(_l("Starts at"), validators=[InputRequired(_l("Enter the start time."))])
    ends = TimeField(_l("Ends at"), validators=[InputRequired(_l("Enter the end time."))])
    capacity = IntegerField(
        _l("Capacity"),
        validators=[Optional(), NumberRange(min=0, message=NOT_NEGATIVE)],
    )
    signup_required = BooleanField(_l("Delegates sign up for this session"), default=True)
    published = BooleanField(_l("Published (shown in the public programme)"))

    def __init__(self, *args, rooms: list[Room], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.room.choices = [("", _l("No room yet"))] + [
            (str(r.id), f"{r.localized('name', reader_language())} ({r.capacity})") for r in rooms
        ]
        self.format.choices = [(f.value, f.label) for f in SessionFormat]
        self._room_ids = {str(r.id) for r in rooms}

    def validate_room(self, field) -> None:
        if field.data and field.data not in self._room_ids:
            raise ValidationError(_l("This room does not exist. Choose one from the list."))

    def validate_ends(self, field) -> None:
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("The session must end after it starts."))

    @property
    def room_id(self) -> int | None:
        return int(self.room.data) if self.room.data else None


class SpeakerProfileForm(FlaskForm):
    """A guest speaker: the name as they write it (and its Latin form), what they do in
    English and Ukrainian, a photo."""

    title = StringField(_l("Title"), validators=[Length(max=40), no_markup])
    full_name = StringField(
        _l("Full name"), validators=[DataRequired(), Length(max=200), no_markup]
    )
    full_name_latin = StringField(
        _l("Name in Latin letters"), validators=[Optional(), Length(max=200), no_markup]
    )
    # Position, organisation and biography in English and Ukrainian (forum.bilingual).
    position = StringField(_l("Position"), validators=[Length(max=200), no_markup])
    position_uk = StringField(_l("Position"), validators=[Length(max=200), no_markup])
    organisation = StringField(_l("Organisation"), validators=[Length(max=200), no_markup])
    organisation_uk = StringField(_l("Organisation"), validators=[Length(max=200), no_markup])
    country = StringField(
        _l("Country code"),
        validators=[
            Optional(),
            Regexp(r"^[A-Za-z]{2}$", message=_l("Use the two-letter country code, e.g. UA.")),
        ],
    )
    bio = TextAreaField(_l("Short biography"), validators=[Length(max=1500)], render_kw={"rows": 6})
    bio_uk = TextAreaField(
        _l("Short biography"), validators=[Length(max=1500)], render_kw={"rows": 6}
    )
    photo = FileField(
        _l("Photo"),
        validators=[FileAllowed(["jpg", "jpeg", "png", "webp"], _l("JPEG, PNG or WebP only."))],
    )
    remove_photo = BooleanField(_l("Remove the current photo"))

    def validate_full_name_latin(self, field) -> None:
        if not is_latin(field.data or ""):
            raise ValidationError(
                _l("Please write the name in Latin letters, as the passport prints it.")
            )


class AssignSpeakerForm(FlaskForm):
    registration_id = HiddenField()
    profile_id = SelectField(_l("Guest speaker"), validate_choice=False)
    role = SelectField(_l("Role"), choices=[(r.value, r.label) for r in SpeakerRole])
    position = IntegerField(
        _l("Order"),
        default=0,
        validators=[
            InputRequired(),
            NumberRange(min=0, message=_l("The order cannot be negative.")),
        ],
    )

    def __init__(self, *args, profiles=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = [(r.value, r.label) for r in SpeakerRole]
        self.profile_id.choices = [("", "—")] + [(str(p.id), p.full_name) for p in profiles]

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        chosen = [bool(self.registration_id.data), bool(self.profile_id.data)]
        if chosen.count(True) != 1:
            self.form_errors.append(_l("Choose either a registered delegate or a guest speaker."))
            return False
        for value in (self.registration_id.data, self.profile_id.data):
            if value and not value.isdigit():
                self.form_errors.append(_l("That speaker does not exist."))
                return False
        return True


class AssignmentForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[(r.value, r.label) for r in SpeakerRole])
    position = IntegerField(
        _l("Order"),
        validators=[
            InputRequired(),
            NumberRange(min=0, message=_l("The order cannot be negative.")),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = [(r.value, r.label) for r in SpeakerRole]
