"""Error answers, in the user's language: error pages for 400-500, and feature errors.

A feature error (forum.errors.ForumError) is a refusal the user should read: on
a page it becomes a flashed message and a redirect back; under /api a JSON 4xx.
Either way the session is rolled back first, so nothing of the request is kept.
"""

from urllib.parse import urlsplit

from flask import Flask, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError
from werkzeug.wrappers import Response

from forum.errors import ForumError, error_response
from forum.extensions import db
from forum.redirects import safe_next

ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please go back and try again."),
    ),
    401: (_l("Sign-in needed"), _l("Please sign in to continue.")),
    403: (_l("Access denied"), _l("Your account does not have access to this page.")),
    404: (_l("Page not found"), _l("There is no page at this address. It may have moved.")),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
    413: (_l("Too large"), _l("The file you sent is too large.")),
    429: (_l("Too many attempts"), _l("Please wait a moment before trying again.")),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error happened on our side. It has been logged; please try again."),
    ),
}
CSRF_TEXT = _l("The form expired or was sent from elsewhere. Please reload the page and try again.")


def render_error(code: int, message: str | None = None) -> tuple[str, int]:
    title, text = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    if request.path.startswith("/api/"):
        return jsonify(error=str(title), message=str(message or text)), code
    return render_template(
        "errors/error.html", code=code, title=title, message=message or text
    ), code


def back_target() -> str:
    """Where a page goes after a refusal: the form's `next`, the page it was sent from, or home.

    Only paths on this site are followed, and never the failing page itself on a
    GET (that would redirect in a circle).
    """
    referrer = urlsplit(request.referrer or "")
    same_site = referrer.path if referrer.netloc == request.host else None
    if same_site and referrer.query:
        same_site += "?" + referrer.query
    for candidate in (request.form.get("next"), same_site):
        target = safe_next(candidate)
        if target and not (request.method == "GET" and urlsplit(target).path == request.path):
            return target
    return url_for("main.index")


def feature_error(error: ForumError) -> Response | tuple:
    """Nothing of the request is kept; the user reads why (flashed, or the JSON message)."""
    db.session.rollback()
    if request.path.startswith("/api/"):
        return error_response(error.status, error.message, **error.details())
    flash(error.message, "error")
    return redirect(error.redirect_to or back_target())


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(ForumError, feature_error)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_error(400, str(CSRF_TEXT))

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError) -> tuple[str, int, dict]:
        # A Host header outside TRUSTED_HOSTS: no page can be built for a host we do not serve.
        return "Unknown host.\n", 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        body, code = render_error(error.code)
        # Keep the headers the error carries, such as Allow on a 405 or Retry-After on a 429.
        kept = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        return body, code, kept

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> tuple[str, int]:
        db.session.rollback()
        return render_error(500)
