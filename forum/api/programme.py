"""GET /api/v1/programme: the published programme for apps and screens in the venue."""

from flask import abort, current_app, jsonify, request, url_for
from werkzeug.wrappers import Response

from forum.api import bp
from forum.auth.access import public
from forum.events.services import current_event
from forum.programme import queries, services
from forum.programme.speakers import ordered


def response_language() -> str:
    """?lang=en|uk, else the best of Accept-Language, else English (400 for another lang)."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked is not None:
        if asked not in languages:
            abort(400, description=f"lang must be one of: {', '.join(languages)}")
        return asked
    return request.accept_languages.best_match(languages) or languages[0]


def session_json(session, tz, language: str = "en") -> dict:
    """A session with its texts in `language` (a text not translated falls back to the
    other language)."""
    room = session.room
    return {
        "id": session.id,
        "title": session.localized("title", language),
        "theme": session.localized("theme", language),
        "format": session.format.value,
        "description": session.localized("description", language),
        "room": (
            {"id": room.id, "name": room.localized("name", language), "capacity": room.capacity}
            if room
            else None
        ),
        "starts_at": session.starts_at.astimezone(tz).isoformat(),
        "ends_at": session.ends_at.astimezone(tz).isoformat(),
        "capacity": session.effective_capacity,
        "signup_required": session.signup_required,
        "url": url_for("programme.public_session", session_id=session.id, _external=True),
        "speakers": [
            {
                "name": a.name,
                "role": a.role.value,
                "organisation": (
                    a.speaker_profile.localized("organisation", language)
                    if a.speaker_profile is not None
                    else a.registration.organisation
                ),
            }
            for a in ordered(session.speakers)
        ],
    }


@bp.get("/programme")
@public
def programme() -> Response:
    """Published sessions in time order (none while the programme is unpublished)."""
    event = current_event()
    language = response_language()
    sessions = services.public_sessions(event)
    response = jsonify(
        {
            "language": language,
            "event": {
                "name": event.localized("name", language),
                "timezone": event.timezone,
                "starts_on": event.starts_on.isoformat(),
                "ends_on": event.ends_on.isoformat(),
            },
            "published": queries.programme_is_public(event),
            "sessions": [session_json(s, event.tz, language) for s in sessions],
        }
    )
    response.headers["Cache-Control"] = "public, max-age=60"
    response.headers["Content-Language"] = language
    response.vary.add("Accept-Language")
    return response
