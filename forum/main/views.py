"""Public pages: home and the language switch."""

from flask import current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from forum.auth.access import public
from forum.events.services import find_current_event, registration_status
from forum.main import bp
from forum.redirects import safe_next
from forum.registration.services import CONSENT_VERSION


@bp.get("/")
@public
def index() -> str:
    event = find_current_event()
    status = registration_status(event) if event else None
    return render_template(
        "main/index.html",
        event=event,
        registration_status=status,
        register_url=url_for("registration.register"),
        programme_url=url_for("programme.public_programme"),
    )


@bp.get("/language/<code>")
@public
def set_language(code: str) -> Response:
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next")) or url_for("main.index"))


@bp.get("/privacy")
@public
def privacy() -> str:
    return render_template("main/privacy.html", event=find_current_event(), version=CONSENT_VERSION)
