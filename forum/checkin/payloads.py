"""Reading the JSON a scanner sends; every problem becomes a clear message per field."""

import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from flask import Request
from flask_babel import gettext as _

from forum.checkin.models import Direction
from forum.errors import ForumError

NONCE_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{8,64}")
MAX_CODE_CHARS = 200
MAX_ID = 2**31 - 1  # the largest id a database integer column holds


class PayloadError(ForumError):
    """The request body is not a valid scan; `fields` says what is wrong with which field."""

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}

    def details(self) -> dict[str, dict[str, str]]:
        return {"fields": self.fields} if self.fields else {}


@dataclass(frozen=True)
class ScanRequest:
    checkpoint_id: int
    direction: Direction
    nonce: str
    code: str | None = None
    registration_public_id: uuid.UUID | None = None
    scanned_at: datetime | None = None
    offline: bool = False

    @property
    def digest(self) -> str:
        """SHA-256 of what the scan asks: the badge (or person), the checkpoint, the direction.

        Stored with the nonce: the same nonce again is a retry only if this is the same.
        """
        if self.code is not None:
            asked = ["code", self.code]
        else:
            asked = ["registration", str(self.registration_public_id)]
        text = json.dumps([*asked, self.checkpoint_id, self.direction.value])
        return hashlib.sha256(text.encode()).hexdigest()


def read_json(request: Request) -> object:
    """The request's JSON body; PayloadError (400) when it is not JSON.

    Deeply nested JSON (thousands of "[") makes the parser raise RecursionError,
    which is not a ValueError: caught here, so that it is a 400 and not a 500.
    """
    try:
        data = request.get_json(force=True, silent=True)
    except RecursionError:
        data = None
    if data is None:
        raise PayloadError(_("The request body must be JSON."))
    return data


def parse_scan(data: object) -> ScanRequest:
    """Validate a scan body: {"code" or "registration", "checkpoint", "direction", "nonce", ...}."""
    if not isinstance(data, dict):
        raise PayloadError(_("Send a JSON object."))
    errors: dict[str, str] = {}
    code = data.get("code")
    reference = data.get("registration")
    if code is None and reference is None:
        errors["code"] = _("This field is required.")
    elif code is not None and reference is not None:
        errors["code"] = _("Send either a code or a registration, not both.")
    elif code is not None and (not isinstance(code, str) or len(code) > MAX_CODE_CHARS):
        errors["code"] = _("The code must be a text of at most %(num)s characters.", num=200)
    public_id = None
    if reference is not None:
        try:
            public_id = uuid.UUID(str(reference))
        except ValueError:
            errors["registration"] = _("Not a registration reference.")
    checkpoint = data.get("checkpoint")
    if isinstance(checkpoint, float) and checkpoint.is_integer():
        checkpoint = int(checkpoint)  # JSON does not tell 1 from 1.0
    if checkpoint is None:
        errors["checkpoint"] = _("This field is required.")
    elif (
        isinstance(checkpoint, bool)
        or not isinstance(checkpoint, int)
        or not 1 <= checkpoint <= MAX_ID
    ):
        errors["checkpoint"] = _("The checkpoint must be a checkpoint id (a whole number).")
    direction = data.get("direction")
    if direction is None:
        errors["direction"] = _("This field is required.")
    elif direction not in ("in", "out"):
        errors["direction"] = _('The direction must be "in" or "out".')
    nonce = data.get("nonce")
    if nonce is None:
        errors["nonce"] = _("This field is required.")
    elif not isinstance(nonce, str) or not NONCE_PATTERN.fullmatch(nonce):
        errors["nonce"] = _("The nonce must be 8 to 64 letters, digits or - _ . :")
    scanned_at = None
    if data.get("scanned_at") is not None:
        scanned_at = parse_time(data["scanned_at"])
        if scanned_at is None:
            errors["scanned_at"] = _("The time must be an ISO 8601 date and time with a time zone.")
    offline = data.get("offline", False)
    if not isinstance(offline, bool):
        errors["offline"] = _("Offline must be true or false.")
    elif offline and scanned_at is None and "scanned_at" not in errors:
        errors["scanned_at"] = _("An offline scan needs the time it was scanned.")
    if errors:
        raise PayloadError(_("The scan is incomplete or invalid."), errors)
    return ScanRequest(
        checkpoint_id=checkpoint,
        direction=Direction(direction),
        nonce=nonce,
        code=code,
        registration_public_id=public_id,
        scanned_at=scanned_at,
        offline=offline,
    )


def parse_time(value: object) -> datetime | None:
    """An aware datetime from ISO 8601 text ("Z" allowed); None if not one."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
