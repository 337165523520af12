"""Photos people upload (badge photos, speaker portraits): checked and re-encoded in one place.

Only the picture is kept: the JPEG written holds no EXIF (GPS position, camera),
comment, text chunk or colour profile of the upload (a photo in another colour
space is converted to sRGB first).

A photo is judged by its header before a pixel is decoded: a small file can
declare a huge picture (a 154 KB PNG of 6300 × 6300 pixels cost a worker
~440 MB to decode), so more than MAX_PIXELS is refused outright. What passes is
scaled down to PHOTO_SIDE on its long side before anything else (a JPEG is
decoded at a reduced scale, `Image.draft`), and at most PHOTO_DECODERS photos
are decoded at once in a server process; a photo that waits longer than
PHOTO_WAIT_SECONDS for its turn is refused ("try again").
"""

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from forum.errors import ForumError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000  # a 50-megapixel camera's photo, halved; a badge needs 0.5
PHOTO_SIDE = 800  # the stored photo's long side at most, in pixels
BADGE_FORMATS = ("JPEG", "PNG")
PORTRAIT_FORMATS = ("JPEG", "PNG", "WEBP")  # speakers' portraits, often taken from websites

# Pillow's own guard at the same bound, whoever opens an image in this process: its
# default (89 megapixels) only warns, and refuses twice as much. Here the warning is an
# error, so Image.open itself refuses anything above MAX_PIXELS.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.simplefilter("error", Image.DecompressionBombWarning)

TOO_MANY_PIXELS = _l(
    "The photo has too many pixels (at most 25 megapixels): please upload a smaller version."
)
UNREADABLE = {
    BADGE_FORMATS: _l("The file is not a valid JPEG or PNG image."),
    PORTRAIT_FORMATS: _l("The photo is not a JPEG, PNG or WebP image we can read."),
}
BUSY = _l("Too many photos are being processed right now. Please try again in a minute.")

SRGB = ImageCms.createProfile("sRGB")

_slots_lock = threading.Lock()


class PhotoError(ForumError):
    """An uploaded file is not a usable photo; the message says why."""


def reencode(
    data: bytes,
    *,
    formats: tuple[str, ...] = BADGE_FORMATS,
    min_side: int = 0,
    max_side: int = PHOTO_SIDE,
) -> tuple[bytes, int, int]:
    """Check that `data` is a photo in one of `formats` (a key of UNREADABLE) and re-encode
    it as a small JPEG.

    Refused (PhotoError): more than MAX_BYTES, another format, more than MAX_PIXELS
    (read from the header, before decoding), a side under `min_side`, a damaged file.
    Returns (JPEG bytes, width, height), the long side at most `max_side` (PHOTO_SIDE
    unless a scanned document needs its text readable).
    """
    if len(data) > MAX_BYTES:
        raise PhotoError(_l("The photo is larger than 5 MB."))
    with decoding_slot():
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in formats:
                    raise PhotoError(UNREADABLE[formats])
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise PhotoError(TOO_MANY_PIXELS)
                if min(width, height) < min_side:
                    raise PhotoError(
                        _l(
                            "The photo is too small: at least %(side)s × %(side)s pixels.",
                            side=min_side,
                        )
                    )
                # Scaled down before anything else: a JPEG is decoded at 1/2, 1/4 or 1/8
                # of its size when that still covers the target (`draft`).
                scale = min(1.0, max_side / max(width, height))
                image.draft(None, (max(1, int(width * scale)), max(1, int(height * scale))))
                image.thumbnail((max_side, max_side), reducing_gap=None)
                small = _pixels_only(ImageOps.exif_transpose(image), image.info.get("icc_profile"))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoError(TOO_MANY_PIXELS) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise PhotoError(UNREADABLE[formats]) from None
        out = io.BytesIO()
        small.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue(), small.width, small.height


def _pixels_only(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """The picture in sRGB and nothing else: no EXIF (GPS, camera), comment, text or profile.

    A photo with a colour profile (a phone's Display P3, a camera's Adobe RGB) is converted
    to sRGB, so that it looks the same without its profile; one we cannot read is dropped.
    """
    if image.mode not in ("RGB", "CMYK", "L"):
        image = image.convert("RGB")
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    clean = Image.new("RGB", image.size)  # a new image: none of the upload's `info`
    clean.paste(image.convert("RGB"))
    return clean


@contextmanager
def decoding_slot() -> Iterator[None]:
    """Hold one of this process's PHOTO_DECODERS slots; PhotoError after PHOTO_WAIT_SECONDS."""
    slots = _slots()
    if not slots.acquire(timeout=current_app.config["PHOTO_WAIT_SECONDS"]):
        raise PhotoError(BUSY)
    try:
        yield
    finally:
        slots.release()


def _slots() -> threading.BoundedSemaphore:
    """The app's semaphore, made on first use (one app per server process)."""
    slots = current_app.extensions.get("forum_photo_slots")
    if slots is None:
        with _slots_lock:
            slots = current_app.extensions.setdefault(
                "forum_photo_slots",
                threading.BoundedSemaphore(current_app.config["PHOTO_DECODERS"]),
            )
    return slots
