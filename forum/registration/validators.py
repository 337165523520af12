"""Validators shared by the registration forms and the CSV import."""

import phonenumbers
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from forum import photos
from forum.photos import PhotoError

__all__ = ["PhotoError", "normalise_phone", "phone_number", "reencode_photo"]

MIN_PHOTO_SIDE = 200


def normalise_phone(raw: str) -> str:
    """The number in E.164 (+32470123456); ValueError if it is not a valid international number."""
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException as error:
        raise ValueError(str(error)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("invalid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_number(form, field) -> None:
    """WTForms validator: a valid international phone number; stores it in E.164."""
    if not field.data:
        return
    try:
        field.data = normalise_phone(field.data)
    except ValueError:
        raise ValidationError(
            _l("Enter a valid phone number in international format, e.g. +32 470 12 34 56.")
        ) from None


def reencode_photo(data: bytes) -> tuple[bytes, int, int]:
    """Check a badge photo (JPEG or PNG, at least MIN_PHOTO_SIDE square) and re-encode it as a
    small JPEG: forum.photos.reencode. Returns (jpeg bytes, width, height)."""
    return photos.reencode(data, formats=photos.BADGE_FORMATS, min_side=MIN_PHOTO_SIDE)
