"""The organisers' form for the event's texts, in English and Ukrainian side by side."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from forum.forms import visible_text


def _strip(value: str | None) -> str | None:
    return value.strip() if value else value


def _line(label, length: int, required: bool = False) -> tuple[StringField, StringField]:
    """A one-line text in English (required when `required`) and in Ukrainian."""
    validators = [Length(max=length), visible_text]
    english = [DataRequired(), *validators] if required else validators
    return (
        StringField(label, validators=english, filters=[_strip]),
        StringField(label, validators=validators, filters=[_strip]),
    )


def _text(label, length: int, rows: int = 4) -> tuple[TextAreaField, TextAreaField]:
    """A text of several lines in English and in Ukrainian."""
    return (
        TextAreaField(
            label, validators=[Length(max=length)], filters=[_strip], render_kw={"rows": rows}
        ),
        TextAreaField(
            label, validators=[Length(max=length)], filters=[_strip], render_kw={"rows": rows}
        ),
    )


class EventTextsForm(FlaskForm):
    """Every text of forum.events.services.EVENT_TEXTS, with limits from the model."""

    name, name_uk = _line(_l("Name in full"), 200, required=True)
    short_name, short_name_uk = _line(_l("Short name"), 60, required=True)
    venue, venue_uk = _line(_l("Name of the venue"), 200, required=True)
    venue_address, venue_address_uk = _line(_l("Address of the venue"), 300)
    city, city_uk = _line(_l("City"), 100, required=True)
    organisers, organisers_uk = _text(_l("Organisers"), 2000)
    description, description_uk = _text(_l("About the event"), 5000, rows=7)
    mail_footer, mail_footer_uk = _text(_l("Mail footer"), 1000)
