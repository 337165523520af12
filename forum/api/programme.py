"""GET /api/v1/programme: the published programme for apps and screens in the venue."""

from flask import jsonify, url_for
from werkzeug.wrappers import Response

from forum.api import bp
from forum.auth.access import public
from forum.events.services import current_event
from forum.programme import queries, services
from forum.programme.speakers import ordered


def session_json(session, tz) -> dict:
    return {
        "id": session.id,
        "title": session.title,
        "theme": session.theme,
        "format": session.format.value,
        "description": session.description,
        "room": (
            {"id": session.room.id, "name": session.room.name, "capacity": session.room.capacity}
            if session.room
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
                    a.speaker_profile.organisation
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
    sessions = services.public_sessions(event)
    response = jsonify(
        {
            "event": {
                "name": event.name,
                "timezone": event.timezone,
                "starts_on": event.starts_on.isoformat(),
                "ends_on": event.ends_on.isoformat(),
            },
            "published": queries.programme_is_public(event),
            "sessions": [session_json(s, event.tz) for s in sessions],
        }
    )
    response.headers["Cache-Control"] = "public, max-age=60"
    return response
