"""Validators shared by the registration forms and the CSV import."""

import phonenumbers
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from forum import photos
from forum.photos import PhotoError

__all__ = ["PhotoError", "normalise_phone", "phone_number", "reencode_photo"]

MIN_PHOTO_SIDE = 200


def normalise_phone(raw: str, country: str | None = None) -> str:
    """The number in E.164 (+380441234567); ValueError if it is not a valid number.

    With a `country` (ISO code), a number may also be written as it is dialled in
    that country ("044 123 4567" with UA); without one, it needs its "+" code.
    """
    region = country.upper() if country and len(country) == 2 else None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as error:
        raise ValueError(str(error)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("invalid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_number(form, field) -> None:
    """WTForms validator: a valid phone number, international or in the national format of
    the form's country (its `country` field); stores it in E.164."""
    if not field.data:
        return
    country = getattr(getattr(form, "country", None), "data", None)
    try:
        field.data = normalise_phone(field.data, country)
    except ValueError:
        raise ValidationError(
            _l(
                "Enter a valid phone number: with its country code (+380 44 123 4567), or as "
                "it is dialled in the country you chose (044 123 4567 in Ukraine)."
            )
        ) from None


def reencode_photo(data: bytes) -> tuple[bytes, int, int]:
    """Check a badge photo (JPEG or PNG, at least MIN_PHOTO_SIDE square) and re-encode it as a
    small JPEG: forum.photos.reencode. Returns (jpeg bytes, width, height)."""
    return photos.reencode(data, formats=photos.BADGE_FORMATS, min_side=MIN_PHOTO_SIDE)
