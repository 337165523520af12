"""Validators shared by the forms of every feature."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from forum.text import has_hidden_characters

HIDDEN_CHARACTERS_MESSAGE = _l(
    "Please remove invisible formatting characters (such as text-direction marks or line "
    "breaks): type the text again or paste it as plain text."
)
MARKUP_MESSAGE = _l("Please use plain text without < or > characters.")


def visible_text(form, field) -> None:
    """Names of things (rooms, doors, sessions): no invisible or control characters.

    A right-to-left override or a line separator makes a name read differently from
    what it is (issue 13, finding 12).
    """
    if has_hidden_characters(field.data or ""):
        raise ValidationError(HIDDEN_CHARACTERS_MESSAGE)


def no_markup(form, field) -> None:
    """Names of people and organisations: plain visible text, no angle brackets."""
    visible_text(form, field)
    if any(c in "<>" for c in field.data or ""):
        raise ValidationError(MARKUP_MESSAGE)
