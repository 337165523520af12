"""Logs with request ids, and without passwords or tokens.

Every request gets an id: the reverse proxy's X-Request-ID when it is a sane
value, otherwise a new one; it is sent back in the response and written on
every log line of the request. Secrets in URLs (reset, confirmation,
invitation and calendar links) and in query strings, and the names typed into
the door search, are masked before any line is written.
"""

import logging
import re
import time
import uuid

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
REDACTED = "[redacted]"

# Path segments that are secrets: everything after these prefixes up to / ? or space.
_SECRET_PATHS = re.compile(
    r"(/(?:password/reset|register/confirm|invitation|programme/calendar|calendar|confirm|reset)/)"
    r"[^/?#\s\"']+"
)
# Query or form fields that carry secrets, in URLs or key=value text.
_SECRET_FIELDS = re.compile(
    r"\b((?:password|passwd|new_password|password2|confirm|token|secret|code|csrf_token|"
    r"recovery_code|api_key|key)=)[^&\s\"']+",
    re.IGNORECASE,
)
# The door search's query string names the person looked for: personal data, not logged.
# (Up to the end of the request line: a raw apostrophe, as in O'Brien, is part of it.)
_DOOR_SEARCH = re.compile(r"(/api/v1/search\?)[^\s\"#]+")
_BEARER = re.compile(r"((?:Bearer|Token)\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
# Long random-looking URL segments (signed tokens), but not UUIDs or file names.
_LONG_TOKEN = re.compile(
    r"(?<=/)(?![0-9a-f]{8}-[0-9a-f]{4}-)[A-Za-z0-9_\-]{24,}(?:\.[A-Za-z0-9_\-]{6,})*"
)


def redact(text: str) -> str:
    """`text` with secrets in URLs, query strings and auth headers masked."""
    text = _SECRET_PATHS.sub(r"\1" + REDACTED, text)
    text = _SECRET_FIELDS.sub(r"\1" + REDACTED, text)
    text = _DOOR_SEARCH.sub(r"\1" + REDACTED, text)
    text = _BEARER.sub(r"\1" + REDACTED, text)
    return _LONG_TOKEN.sub(REDACTED, text)


def current_request_id() -> str:
    if has_request_context():
        return g.get("request_id", "-")
    return "-"


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (a dash outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


class RedactFilter(logging.Filter):
    """Masks secrets in the message, once its arguments are merged in."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def incoming_request_id() -> str:
    """The proxy's request id when well-formed, else a fresh one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if _VALID_REQUEST_ID.match(given) else uuid.uuid4().hex


def configure_logging(app: Flask) -> None:
    """One handler on the app's logger, with ids and redaction; also redact werkzeug's lines."""
    level = str(app.config.get("LOG_LEVEL") or "INFO").upper()
    logger = app.logger
    logger.setLevel(level)
    if not any(getattr(h, "forum_handler", False) for h in logger.handlers):
        from flask.logging import default_handler

        logger.removeHandler(default_handler)
        handler = logging.StreamHandler()
        handler.forum_handler = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.addFilter(RequestIdFilter())
        handler.addFilter(RedactFilter())
        logger.addHandler(handler)
    for name in ("werkzeug", "gunicorn.error", "gunicorn.access"):
        other = logging.getLogger(name)
        if not any(isinstance(f, RedactFilter) for f in other.filters):
            other.addFilter(RedactFilter())


def init_app(app: Flask) -> None:
    configure_logging(app)
    access_log = app.logger.getChild("access") if app.config["ACCESS_LOG"] else None

    @app.before_request
    def start_request() -> None:
        g.request_id = incoming_request_id()
        g.request_started = time.perf_counter()

    @app.after_request
    def finish_request(response: Response) -> Response:
        request_id = g.get("request_id") or incoming_request_id()
        response.headers[REQUEST_ID_HEADER] = request_id
        if access_log is not None and request.endpoint != "static":
            elapsed = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
            access_log.info(
                "%s %s %s %.0fms",
                request.method,
                request.full_path.rstrip("?"),
                response.status_code,
                elapsed,
            )
        return response
