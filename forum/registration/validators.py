"""Validators shared by the registration forms and the CSV import."""

import io

import phonenumbers
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError
from wtforms.validators import ValidationError

from forum.errors import ForumError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # refuse decompression bombs before decoding
PHOTO_BOX = (600, 800)  # the re-encoded photo fits in this box
MIN_PHOTO_SIDE = 200


class PhotoError(ForumError):
    """An uploaded file is not a usable badge photo."""


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
    """Check that `data` is a JPEG or PNG photo and re-encode it as a bounded JPEG.

    Re-encoding drops anything hidden in the file (metadata, scripts, trailing data).
    Returns (jpeg bytes, width, height).
    """
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError(str(_l("The photo is larger than 5 MB.")))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ("JPEG", "PNG"):
                raise PhotoError(str(_l("The photo must be a JPEG or PNG image.")))
            if probe.width * probe.height > MAX_PHOTO_PIXELS:
                raise PhotoError(str(_l("The photo has too many pixels.")))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if min(image.size) < MIN_PHOTO_SIDE:
                raise PhotoError(str(_l("The photo is too small: at least 200 × 200 pixels.")))
            image = _upright(image).convert("RGB")
            image.thumbnail(PHOTO_BOX)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
            return out.getvalue(), image.width, image.height
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoError(str(_l("The file is not a valid JPEG or PNG image."))) from None


def _upright(image: Image.Image) -> Image.Image:
    from PIL import ImageOps

    return ImageOps.exif_transpose(image) or image
