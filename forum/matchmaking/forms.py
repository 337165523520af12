"""Matchmaking forms: they validate input (limits from the models) and never write."""

from flask_babel import format_date, format_time
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
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
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from forum.bilingual import reader_language
from forum.events.models import Event
from forum.forms import no_markup, visible_text
from forum.matchmaking.directory import sort_key
from forum.matchmaking.meeting_models import MeetingSlot
from forum.matchmaking.meeting_requests import MESSAGE_LENGTH
from forum.matchmaking.models import Audience, CapabilityTag, Cooperation, TagUse
from forum.matchmaking.profiles import ProfileData, tag_ids_of
from forum.matchmaking.setup import MAX_TABLES, tag_label_taken

TEXT_LENGTH = 2000
FIRST_FREE = "first"


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def slot_label(slot: MeetingSlot, with_day: bool = False) -> str:
    """'14:20–14:40' (with the day in front when the forum lasts several days)."""
    times = f"{format_time(slot.starts_at, 'HH:mm')}–{format_time(slot.ends_at, 'HH:mm')}"
    return f"{format_date(slot.starts_at, 'EEE d MMM')}, {times}" if with_day else times


class SettingsForm(FlaskForm):
    """The organisers' rules: open or not, slot length, tables, limits, answer deadline."""

    open = BooleanField(_l("Open: delegates can opt in, search and ask for meetings"))
    slot_minutes = IntegerField(
        _l("Slot length (minutes)"),
        validators=[InputRequired(), NumberRange(min=5, max=240)],
    )
    table_count = IntegerField(
        _l("Number of tables"), validators=[InputRequired(), NumberRange(min=1, max=MAX_TABLES)]
    )
    room_id = SelectField(_l("Room where the tables stand"), coerce=int)
    max_meetings = IntegerField(
        _l("Meetings per participant, at most"),
        validators=[InputRequired(), NumberRange(min=1, max=100)],
    )
    max_pending = IntegerField(
        _l("Requests waiting for an answer per participant, at most"),
        validators=[InputRequired(), NumberRange(min=1, max=100)],
    )
    answer_hours = IntegerField(
        _l("A request expires when not answered within (hours)"),
        validators=[InputRequired(), NumberRange(min=1, max=24 * 30)],
    )
    not_arrived_minutes = IntegerField(
        _l("Not in the venue this many minutes before a meeting: the other side is told"),
        validators=[InputRequired(), NumberRange(min=0, max=240)],
    )

    def __init__(self, *args, rooms=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = reader_language()
        self.room_id.choices = [(0, _l("No room given"))] + [
            (room.id, room.localized("name", language)) for room in rooms
        ]


class BlockForm(FlaskForm):
    """A stretch of a forum day given to meetings."""

    day = SelectField(_l("Day"))
    starts = TimeField(_l("From"), validators=[InputRequired()])
    ends = TimeField(_l("To"), validators=[InputRequired()])

    def __init__(self, *args, days=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.day.choices = [(d.isoformat(), format_date(d, "EEEE d MMMM y")) for d in days]

    def validate_ends(self, field) -> None:
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("The block must end after it starts."))


class TagForm(FlaskForm):
    """A capability tag, named in English (required) and Ukrainian."""

    label = StringField(_l("Tag"), validators=[DataRequired(), Length(max=80), visible_text])
    label_uk = StringField(_l("Tag"), validators=[Length(max=80), visible_text])

    def __init__(self, *args, event: Event, tag: CapabilityTag | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.event, self.tag = event, tag

    def validate_label(self, field) -> None:
        if field.data and tag_label_taken(self.event, field.data, self.tag):
            raise ValidationError(_l("There is already a tag with this name."))

    def validate_label_uk(self, field) -> None:
        if field.data and tag_label_taken(self.event, field.data, self.tag, "uk"):
            raise ValidationError(_l("There is already a tag with this name."))


class ProfileForm(FlaskForm):
    """The organisation's profile: texts in English and/or Ukrainian, tags, cooperation and
    audience."""

    offers = TextAreaField(_l("What we offer"), validators=[Length(max=TEXT_LENGTH), no_markup])
    offers_uk = TextAreaField(_l("What we offer"), validators=[Length(max=TEXT_LENGTH), no_markup])
    seeks = TextAreaField(_l("What we seek"), validators=[Length(max=TEXT_LENGTH), no_markup])
    seeks_uk = TextAreaField(_l("What we seek"), validators=[Length(max=TEXT_LENGTH), no_markup])
    about = TextAreaField(
        _l("About the organisation"), validators=[Length(max=TEXT_LENGTH), no_markup]
    )
    about_uk = TextAreaField(
        _l("About the organisation"), validators=[Length(max=TEXT_LENGTH), no_markup]
    )
    offer_tags = CheckboxesField(_l("Capabilities we offer"), coerce=int)
    seek_tags = CheckboxesField(_l("Capabilities we seek"), coerce=int)
    cooperation = CheckboxesField(
        _l("Cooperation we are open to"), choices=[(c.value, c.label) for c in Cooperation]
    )
    audience = RadioField(
        _l("Who may see our profile"),
        choices=[(a.value, a.label) for a in Audience],
        default=Audience.EVERYONE.value,
    )

    def __init__(self, *args, tags=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = reader_language()
        ordered = sorted(tags, key=lambda t: sort_key(t.localized("label", language)))
        choices = [(t.id, t.localized("label", language)) for t in ordered]
        self.offer_tags.choices = choices
        self.seek_tags.choices = choices

    def fill_choices_of(self, profile) -> None:
        """Tick the profile's tags, cooperation types and audience (a page shown, not sent)."""
        tag_ids = tag_ids_of(profile)
        self.offer_tags.data = tag_ids[TagUse.OFFERS]
        self.seek_tags.data = tag_ids[TagUse.SEEKS]
        self.cooperation.data = list(profile.cooperation or [])
        self.audience.data = profile.audience.value

    def profile_data(self) -> ProfileData:
        return ProfileData(
            offers=self.offers.data or "",
            offers_uk=self.offers_uk.data or "",
            seeks=self.seeks.data or "",
            seeks_uk=self.seeks_uk.data or "",
            about=self.about.data or "",
            about_uk=self.about_uk.data or "",
            offer_tag_ids=self.offer_tags.data or [],
            seek_tag_ids=self.seek_tags.data or [],
            cooperation=self.cooperation.data or [],
            audience=Audience(self.audience.data),
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not any(
            (getattr(self, name).data or "").strip()
            for name in ("offers", "offers_uk", "seeks", "seeks_uk")
        ):
            self.offers.errors.append(
                _l("Say what you offer or what you seek, in English or in Ukrainian.")
            )
            return False
        return valid


class RequestForm(FlaskForm):
    """A asks B for a meeting."""

    message = TextAreaField(
        _l("Your message"),
        validators=[
            DataRequired(_l("Write a short message: what would you like to discuss?")),
            Length(max=MESSAGE_LENGTH),
            no_markup,
        ],
    )


class AcceptForm(FlaskForm):
    """B accepts, in a slot both have free or the first one."""

    slot = RadioField(_l("When"), default=FIRST_FREE, validators=[InputRequired()])

    def __init__(self, *args, slots=(), with_day: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slot.choices = [(FIRST_FREE, _l("The first slot we both have free"))] + [
            (str(slot.id), slot_label(slot, with_day)) for slot in slots
        ]

    @property
    def slot_id(self) -> int | None:
        return None if self.slot.data == FIRST_FREE else int(self.slot.data)


class ReasonForm(FlaskForm):
    """Declining a request or cancelling a meeting: the reason is optional."""

    reason = TextAreaField(
        _l("Reason (optional, the other side reads it)"),
        validators=[Optional(), Length(max=MESSAGE_LENGTH), no_markup],
    )


class MoveForm(FlaskForm):
    """Another slot for a meeting (and, for organisers, a table)."""

    slot = SelectField(_l("New time"), coerce=int)
    table = SelectField(_l("Table"), coerce=int, default=0)

    def __init__(self, *args, slots=(), tables=(), with_day: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slot.choices = [(s.id, slot_label(s, with_day)) for s in slots]
        self.table.choices = [(0, _l("First free table"))] + [(t.id, str(t.number)) for t in tables]


class PlaceForm(MoveForm):
    """The organisers set a meeting between two people by hand."""

    first = SelectField(_l("Participant"), coerce=int)
    second = SelectField(_l("Meets"), coerce=int)

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (p.id, f"{p.registration.display_name} · {p.profile.organisation}") for p in people
        ]
        self.first.choices = choices
        self.second.choices = choices

    def validate_second(self, field) -> None:
        if field.data == self.first.data:
            raise ValidationError(_l("Choose two different people."))


class ColleagueForm(FlaskForm):
    colleague = SelectField(_l("Colleague"), coerce=int)


class AvailabilityForm(FlaskForm):
    """The slots the participant is available for, among those they may mark."""

    available = CheckboxesField(_l("Available"), coerce=int)

    def __init__(self, *args, slots=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.available.choices = [(s.id, slot_label(s)) for s in slots]
