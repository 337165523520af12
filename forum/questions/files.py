"""Files delegates upload as answers (a press card, an editor's letter): checked by content.

A file is judged by what it is, never by its name or the type the browser claims:
- an image (JPEG, PNG or WebP) goes through forum.photos, as a badge photo does:
  bounded in bytes and pixels before decoding, re-encoded as a JPEG that keeps only
  the picture (no EXIF position), large enough for a scanned letter to stay readable;
- a PDF must start as one and end as one, and is refused when it holds active content
  (JavaScript, launch actions, embedded files, forms that run scripts).
Anything else is refused with a message in the delegate's language. Officers get
the file as a download, never shown inline (forum/questions/file_views.py).
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from flask_babel import lazy_gettext as _l

from forum import photos
from forum.questions.errors import AnswerError

MAX_BYTES = photos.MAX_BYTES  # 5 MB, as a photo
DOCUMENT_SIDE = 2000  # a scanned A4 page at about 170 dpi: its text stays readable
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP")
PDF_MAGIC = b"%PDF-"
# PDF names that run something when the file is opened, written plainly or with #xx escapes.
ACTIVE_PDF = re.compile(
    rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)"
    rb"(?=[\s/\[\]<>(){}%]|$)"
)
NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

NOT_A_DOCUMENT = _l("The file is not a PDF or an image (JPEG, PNG or WebP) that we can read.")


class AnswerFileError(AnswerError):
    """An uploaded file is not one we take; the message says why."""


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    data: bytes


def check_upload(filename: str, data: bytes, question_id: int | None = None) -> CheckedFile:
    """A PDF or an image, checked (AnswerFileError if not), named after what it is."""
    if not data:
        raise AnswerFileError(_l("The file is empty."), question_id=question_id)
    if len(data) > MAX_BYTES:
        raise AnswerFileError(_l("The file is larger than 5 MB."), question_id=question_id)
    stem = safe_stem(filename)
    if data.startswith(PDF_MAGIC):
        _check_pdf(data, question_id)
        return CheckedFile(f"{stem}.pdf", "application/pdf", data)
    try:
        jpeg, _width, _height = photos.reencode(data, formats=IMAGE_FORMATS, max_side=DOCUMENT_SIDE)
    except photos.PhotoError as error:
        busy = error.messages and error.messages[0] is photos.BUSY
        raise AnswerFileError(
            photos.BUSY if busy else NOT_A_DOCUMENT, question_id=question_id
        ) from None
    return CheckedFile(f"{stem}.jpg", "image/jpeg", jpeg)


def _check_pdf(data: bytes, question_id: int | None) -> None:
    if b"%%EOF" not in data[-2048:]:
        raise AnswerFileError(
            _l("The PDF is incomplete or damaged. Please save it again and upload it."),
            question_id=question_id,
        )
    plain = NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    if ACTIVE_PDF.search(plain):
        raise AnswerFileError(
            _l(
                "The PDF contains scripts, attachments or actions, which we do not accept. "
                "Please print it to a plain PDF or upload a scan."
            ),
            question_id=question_id,
        )


def safe_stem(filename: str) -> str:
    """The upload's name without folders, extension or invisible characters; "file" if none."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    visible = "".join(
        c for c in unicodedata.normalize("NFC", stem) if unicodedata.category(c)[0] != "C"
    )
    cleaned = re.sub(r'[\\/:*?"<>|]+', "_", visible).strip(" ._")
    return cleaned[:100] or "file"
