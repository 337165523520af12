"""GET /api/v1/openapi.json: the OpenAPI 3.1 description of the check-in and programme API."""

from flask import jsonify, url_for
from werkzeug.wrappers import Response

from forum.api import bp
from forum.auth.access import public
from forum.badges.tokens import REASONS as TOKEN_REASONS
from forum.checkin import decide as rules
from forum.checkin import pairing

REASONS = [
    "",
    *TOKEN_REASONS,
    *[
        rules.NOT_ACCREDITED,
        rules.AWAITING_NEW_DECISION,
        rules.NOT_CLEARED,
        rules.CATEGORY_NOT_ALLOWED,
        rules.NOT_SIGNED_UP,
        rules.OUTSIDE_HOURS,
        rules.ALREADY_INSIDE,
    ],
]


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict:
    return _json(_ref("Error"), description)


STANDARD_ERRORS = {
    "401": _error("No credentials, or a revoked or unknown device token."),
    "403": _error("The caller may not use this (wrong role or checkpoint)."),
    "429": _error("Too many requests from this device or account; try again shortly."),
}

NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}

ATTENTION = {
    "description": (
        "What the door must know about the person, set by the accreditation officers "
        "(null when nothing): a short note and tags, with the tags' words in the caller's "
        "language."
    ),
    "oneOf": [
        {
            "type": "object",
            "required": ["note", "tags", "labels"],
            "properties": {
                "note": {"type": "string", "maxLength": 140, "examples": ["VIP: call protocol"]},
                "tags": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": ["check_id", "call_protocol", "escort", "assistance"],
                    },
                },
                "labels": {"type": "array", "items": {"type": "string"}},
            },
        },
        {"type": "null"},
    ],
}

ENTRY_WINDOWS = {
    "type": "array",
    "description": (
        "When the door admits entries (UTC instants); empty: whenever it is open. An entry "
        "outside them is refused with reason outside_hours. Exits are always recorded."
    ),
    "items": {
        "type": "object",
        "properties": {
            "start": {"type": "string", "format": "date-time"},
            "end": {"type": "string", "format": "date-time"},
        },
    },
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error", "message"],
        "properties": {
            "error": {"type": "string", "examples": ["bad_request"]},
            "message": {"type": "string"},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "What is wrong with which field (400 on a scan).",
            },
        },
    },
    "ScanRequest": {
        "type": "object",
        "required": ["checkpoint", "direction", "nonce"],
        "oneOf": [{"required": ["code"]}, {"required": ["registration"]}],
        # An offline scan must say when it was made.
        "if": {"properties": {"offline": {"const": True}}, "required": ["offline"]},
        "then": {"required": ["scanned_at"]},
        "properties": {
            "code": {
                "type": "string",
                "maxLength": 200,
                "description": "The QR payload as read. Send `code` or `registration`.",
            },
            "registration": {
                "type": "string",
                "format": "uuid",
                "description": "A registration found with /search (a badge forgotten at home).",
            },
            "checkpoint": {"type": "integer", "minimum": 1, "maximum": 2147483647},
            "direction": {"type": "string", "enum": ["in", "out"]},
            "nonce": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_.:-]{8,64}$",
                "description": "Unique per scan; the same nonce again returns the first answer.",
            },
            "scanned_at": {
                "type": "string",
                "format": "date-time",
                "description": "When it was scanned; used for offline and late uploads only.",
            },
            "offline": {"type": "boolean", "default": False},
        },
    },
    "Delegate": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "passport_name": {
                "type": "string",
                "description": "The name in Latin letters as the passport prints it, when the "
                "name is written otherwise (Cyrillic); else empty.",
            },
            "organisation": {"type": "string"},
            "country": {"type": "string", "description": "ISO 3166-1 alpha-2"},
            "country_name": {"type": "string"},
            "category": {
                "type": "string",
                "enum": ["delegate", "speaker", "vip", "press", "organiser", "staff"],
            },
            "category_label": {"type": "string"},
            "category_colour": {"type": "string"},
            "state": {"type": "string"},
            "state_label": {"type": "string"},
            "photo_url": {"type": ["string", "null"]},
            "attention": ATTENTION,
            "answer": {
                "oneOf": [
                    {
                        "type": "object",
                        "required": ["label", "text"],
                        "properties": {
                            "label": {"type": "string", "example": "Interpretation"},
                            "text": {"type": "string", "example": "French"},
                        },
                    },
                    {"type": "null"},
                ],
                "description": "In a scan answer of an accepted entry only: the delegate's "
                "answer to the question the organisers show at the door (their registration "
                "form's questions), in the scanner's language; null when none is chosen or "
                "it was not answered.",
            },
        },
    },
    "CheckpointRef": {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
    },
    "ScanAnswer": {
        "type": "object",
        "required": ["status", "reason", "message", "delegate", "first_scan_at", "checkpoint"],
        "properties": {
            "status": {"type": "string", "enum": ["accepted", "rejected"]},
            "reason": {"type": "string", "enum": REASONS},
            "colour": {"type": "string", "enum": ["green", "amber", "red"]},
            "message": {"type": "string"},
            "delegate": {"oneOf": [_ref("Delegate"), {"type": "null"}]},
            "first_scan_at": {
                **NULLABLE_TIME,
                "description": "Since when the person is inside (already_inside), or this "
                "entry's time when accepted.",
            },
            "first_scan_door": {"type": ["string", "null"]},
            "checkpoint": _ref("CheckpointRef"),
            "direction": {"type": "string", "enum": ["in", "out"]},
            "nonce": {"type": "string"},
            "scanned_at": {"type": "string", "format": "date-time"},
            "offline": {"type": "boolean"},
            "flagged": {"type": "boolean"},
            "replayed": {"type": "boolean"},
            "annul_until": NULLABLE_TIME,
        },
    },
    "Checkpoint": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": ["venue", "room"]},
            "session_id": {"type": ["integer", "null"]},
            "allowed_categories": {"type": "array", "items": {"type": "string"}},
            "answer_seconds": {
                "type": ["integer", "null"],
                "description": "The scanner's answer goes back to scanning after this many "
                "seconds; null: it stays until the next scan or a tap.",
            },
            "entry_windows": ENTRY_WINDOWS,
            "hours": {"type": "string", "description": "The opening hours in words."},
        },
    },
    "CheckpointStats": {
        "type": "object",
        "properties": {
            "checkpoint": _ref("CheckpointRef"),
            "inside": {"type": "integer"},
            "capacity": {"type": ["integer", "null"]},
            "accepted": {"type": "integer"},
            "already_inside": {
                "type": "integer",
                "description": "Badges shown again by someone already inside (amber): not "
                "counted as refusals.",
            },
            "rejected": {"type": "integer", "description": "Refusals (not already_inside)."},
            "scans_last_minute": {"type": "integer"},
            "refusals": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "reason": {"type": "string"},
                        "label": {"type": "string"},
                        "count": {"type": "integer"},
                    },
                },
            },
        },
    },
    "SearchResult": {
        "description": (
            "Someone the checkpoint admits, with what the door needs to recognise them; "
            "anyone else only by name, to be sent to the accreditation desk."
        ),
        "oneOf": [
            {
                "allOf": [
                    _ref("Delegate"),
                    {
                        "type": "object",
                        "required": ["registration", "allowed", "reason", "message"],
                        "properties": {
                            "registration": {"type": "string", "format": "uuid"},
                            "allowed": {"const": True},
                            "reason": {"const": ""},
                            "message": {"const": ""},
                        },
                    },
                ]
            },
            {
                "type": "object",
                "required": ["name", "allowed", "message"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string"},
                    "allowed": {"const": False},
                    "message": {
                        "type": "string",
                        "description": '"Not admitted here: send to the accreditation desk."',
                    },
                },
            },
        ],
    },
    "OfflineList": {
        "type": "object",
        "properties": {
            "checkpoint": _ref("CheckpointRef"),
            "generated_at": {"type": "string", "format": "date-time"},
            "badges": {
                "type": "object",
                "description": (
                    "SHA-256 (hex) of the current badge code of each person the checkpoint "
                    "admits -> what to show, and the registration to send in a scan of "
                    "someone found by name offline. Nobody else is listed."
                ),
                "additionalProperties": {
                    "type": "object",
                    "required": [
                        "registration",
                        "name",
                        "passport_name",
                        "organisation",
                        "category",
                        "attention",
                    ],
                    "additionalProperties": False,
                    "properties": {
                        "registration": {"type": "string", "format": "uuid"},
                        "name": {"type": "string"},
                        "passport_name": {"type": "string"},
                        "organisation": {"type": "string"},
                        "category": {"type": "string"},
                        "attention": ATTENTION,
                    },
                },
            },
            "hours": {
                "type": "object",
                "description": "The door's opening hours, to refuse entries offline too.",
                "properties": {
                    "windows": ENTRY_WINDOWS,
                    "text": {"type": "string"},
                },
            },
        },
    },
    "ProgrammeSession": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "theme": {"type": "string"},
            "format": {
                "type": "string",
                "enum": ["plenary", "panel", "working_session", "bilateral"],
            },
            "description": {"type": "string"},
            "room": {
                "oneOf": [
                    {
                        "type": "object",
                        "properties": {
                            "id": {"type": "integer"},
                            "name": {"type": "string"},
                            "capacity": {"type": "integer"},
                        },
                    },
                    {"type": "null"},
                ]
            },
            "starts_at": {"type": "string", "format": "date-time"},
            "ends_at": {"type": "string", "format": "date-time"},
            "capacity": {"type": ["integer", "null"]},
            "signup_required": {"type": "boolean"},
            "url": {"type": "string", "format": "uri"},
            "speakers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "role": {
                            "type": "string",
                            "enum": ["keynote", "moderator", "panellist", "rapporteur"],
                        },
                        "organisation": {"type": "string"},
                    },
                },
            },
        },
    },
    "Programme": {
        "type": "object",
        "properties": {
            "language": {"type": "string", "enum": ["en", "uk"]},
            "event": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "timezone": {"type": "string"},
                    "starts_on": {"type": "string", "format": "date"},
                    "ends_on": {"type": "string", "format": "date"},
                },
            },
            "published": {"type": "boolean"},
            "sessions": {"type": "array", "items": _ref("ProgrammeSession")},
        },
    },
}

CHECKPOINT_ID = {
    "name": "checkpoint_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer"},
}


def document() -> dict:
    """The OpenAPI document as a dict (paths relative to the server URL)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "forum check-in API",
            "version": "1",
            "description": "Door scanning for the EU-Ukraine Defence Industry Forum. "
            "Authenticate with a staff session (send the CSRF token in X-CSRFToken), "
            "a device token (`Authorization: Bearer fdt_...`), or the session of a phone "
            "paired with a device token by its QR code (the forum_scanner_device cookie, "
            "with the CSRF token as for a staff session; see docs/checkin.md).",
        },
        "servers": [{"url": url_for("api.openapi", _external=True).rsplit("/", 1)[0]}],
        "security": [{"deviceToken": []}, {"staffSession": []}, {"pairedPhone": []}],
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "deviceToken": {"type": "http", "scheme": "bearer"},
                "staffSession": {"type": "apiKey", "in": "cookie", "name": "session"},
                "pairedPhone": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": pairing.COOKIE_NAME,
                    "description": "A phone paired with a device token: scans as that device.",
                },
            },
        },
        "paths": {
            "/scans": {
                "post": {
                    "operationId": "createScan",
                    "summary": "Decide and record a scan",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("ScanRequest")}},
                    },
                    "responses": {
                        "200": _json(_ref("ScanAnswer"), "The answer for the door."),
                        "400": _error(
                            "Not JSON (or nested too deeply to read), or missing/invalid fields."
                        ),
                        **STANDARD_ERRORS,
                        "404": _error("No such checkpoint."),
                        "409": _error(
                            "The nonce was used for a different scan (another badge or person, "
                            "checkpoint, direction or scanner). The same scan sent again gets "
                            "the first answer (200, replayed)."
                        ),
                    },
                }
            },
            "/scans/{nonce}/annul": {
                "post": {
                    "operationId": "annulScan",
                    "summary": "Annul the caller's own last accepted scan (within 2 minutes)",
                    "parameters": [
                        {
                            "name": "nonce",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {
                                    "nonce": {"type": "string"},
                                    "annulled_at": {"type": "string", "format": "date-time"},
                                },
                            },
                            "Annulled.",
                        ),
                        **STANDARD_ERRORS,
                        "409": _error("Not the caller's last accepted scan, or too late."),
                    },
                }
            },
            "/checkpoints": {
                "get": {
                    "operationId": "listCheckpoints",
                    "summary": "The checkpoints the caller may use",
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {
                                    "checkpoints": {"type": "array", "items": _ref("Checkpoint")}
                                },
                            },
                            "Active checkpoints, venue doors first.",
                        ),
                        **STANDARD_ERRORS,
                    },
                }
            },
            "/checkpoints/{checkpoint_id}/stats": {
                "get": {
                    "operationId": "checkpointStats",
                    "summary": "Inside now, capacity and scans at a checkpoint",
                    "parameters": [CHECKPOINT_ID],
                    "responses": {
                        "200": _json(_ref("CheckpointStats"), "The figures."),
                        **STANDARD_ERRORS,
                        "404": _error("No such checkpoint."),
                    },
                }
            },
            "/checkpoints/{checkpoint_id}/offline-list": {
                "get": {
                    "operationId": "offlineList",
                    "summary": "Badge digests and what to show, for scanning offline",
                    "parameters": [CHECKPOINT_ID],
                    "responses": {
                        "200": _json(_ref("OfflineList"), "The list (never cache it)."),
                        **STANDARD_ERRORS,
                        "404": _error("No such checkpoint."),
                    },
                }
            },
            "/search": {
                "get": {
                    "operationId": "searchDelegates",
                    "summary": "Find a person by name at one of the caller's checkpoints",
                    "description": (
                        "Matches names, and the organisation of people the checkpoint "
                        "admits; never e-mail addresses. Anyone the checkpoint does not "
                        "admit is answered by name only, to be sent to the accreditation "
                        "desk. The query is not written to the logs."
                    ),
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {
                                "type": "string",
                                "maxLength": 100,
                                "pattern": "\\S[\\s\\S]*\\S[\\s\\S]*\\S",
                                "description": "At least 3 letters (spaces not counted).",
                            },
                        },
                        {
                            "name": "checkpoint",
                            "in": "query",
                            "required": True,
                            "description": "The checkpoint searched at: one of the caller's.",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
                        },
                    ],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {
                                    "query": {"type": "string"},
                                    "results": {"type": "array", "items": _ref("SearchResult")},
                                },
                            },
                            "Up to 10 matches.",
                        ),
                        "400": _error("No checkpoint, a bad one, or fewer than 3 letters."),
                        **STANDARD_ERRORS,
                        "404": _error("No such checkpoint."),
                    },
                }
            },
            "/programme": {
                "get": {
                    "operationId": "programme",
                    "summary": "The published programme, in English or Ukrainian",
                    "description": "Published sessions in time order (none while the "
                    "programme is unpublished). Titles, themes, descriptions, room names and "
                    "guest speakers' organisations are in the language asked for: `lang`, else "
                    "the best match of "
                    "Accept-Language, else English; a text not translated yet comes in the "
                    "other language. Content-Language names the language of the answer.",
                    "security": [],
                    "parameters": [
                        {
                            "name": "lang",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": ["en", "uk"]},
                            "description": "The language of the texts; wins over Accept-Language.",
                        },
                        {
                            "name": "Accept-Language",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string"},
                            "example": "uk-UA,uk;q=0.9,en;q=0.8",
                        },
                    ],
                    "responses": {
                        "200": _json(_ref("Programme"), "The programme."),
                        "400": _error("`lang` is neither en nor uk."),
                    },
                }
            },
            "/registrations/{public_id}/photo": {
                "get": {
                    "operationId": "delegatePhoto",
                    "summary": "The badge photo shown on the answer screen",
                    "parameters": [
                        {
                            "name": "public_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "format": "uuid"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "A JPEG.",
                            "content": {"image/jpeg": {"schema": {"type": "string"}}},
                        },
                        **STANDARD_ERRORS,
                        "404": _error("No photo, or of nobody the caller's checkpoints admit."),
                    },
                }
            },
        },
    }


@bp.get("/openapi.json")
@public
def openapi() -> Response:
    """The OpenAPI 3.1 document of the check-in API."""
    return jsonify(document())
