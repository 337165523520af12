"""Files uploaded as answers, for the officers and for the delegate who sent them.

Always a download (Content-Disposition: attachment) in a sandbox, never shown
inside the site's pages; never cached, as a press card or a passport scan may be
opened on a shared computer.
"""

from urllib.parse import quote

from flask import abort
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth.access import allow
from forum.auth.models import Role
from forum.events.services import current_event
from forum.extensions import db
from forum.questions import bp, queries
from forum.questions.answer_models import AnswerFile
from forum.registration.models import Registration, RegistrationState
from forum.registration.queries import registration_of


@bp.get("/accreditation/<int:registration_id>/answers/<int:question_id>/file")
@allow(Role.OFFICER, Role.ORGANISER)
def officer_file(registration_id: int, question_id: int) -> Response:
    registration = db.session.get(Registration, registration_id)
    if (
        registration is None
        or registration.event_id != current_event().id
        or registration.state is RegistrationState.SUBMITTED
    ):
        abort(404)
    return _download(queries.answer_file(registration.id, question_id))


@bp.get("/my/registration/answers/<int:question_id>/file")
@allow(Role.DELEGATE)
def own_file(question_id: int) -> Response:
    registration = registration_of(current_user, current_event())
    if registration is None:
        abort(404)
    return _download(queries.answer_file(registration.id, question_id))


def _download(file: AnswerFile | None) -> Response:
    if file is None:
        abort(404)
    response = Response(file.data, mimetype=file.content_type)
    ascii_name = file.filename.encode("ascii", "replace").decode().replace('"', "_")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file.filename)}"
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = "sandbox"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
