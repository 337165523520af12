"""The check-in API: scans, annulling, checkpoints, door search, stats and offline lists.

Every route takes a staff session (with CSRF for POST) or a device's bearer
token; see forum.checkin.callers. Errors are JSON: {"error", "message"} and,
for 400 on a scan, "fields" (forum.errors.error_response; a feature error
raised here is answered the same way by the one handler, forum.main.errors).
"""

import uuid

from flask import abort, current_app, jsonify, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.api import bp
from forum.badges.tokens import badge_reference
from forum.bilingual import reader_language
from forum.checkin import hours, messages, offline, reads, services, stats
from forum.checkin.callers import current_caller, scanner_api
from forum.checkin.models import Checkpoint
from forum.checkin.payloads import MAX_ID, ScanRequest, parse_scan, read_json
from forum.checkin.reads import Door, EventRef, Holder
from forum.errors import error_response
from forum.events.services import current_event
from forum.extensions import db
from forum.registration.models import Registration
from forum.registration.views import photo_response
from forum.security.limits import process_limited


def _usable_checkpoint(checkpoint_id: int, event) -> Checkpoint | tuple:
    """The checkpoint, or the 404/403 answer when it is not this event's or not the caller's."""
    checkpoint = db.session.get(Checkpoint, checkpoint_id) if checkpoint_id <= MAX_ID else None
    if checkpoint is None or checkpoint.event_id != event.id:
        return error_response(404, _("There is no such checkpoint."))
    if not current_caller().may_use(checkpoint):
        return error_response(403, _("You may not scan at this checkpoint."))
    return checkpoint


def _scan_context(scan: ScanRequest) -> tuple[EventRef, Door | None, Holder | None]:
    """The event, the door (None if not the event's) and the badge's registration, locked.

    One round trip for a genuine badge of this event at one of its doors (or a
    delegate picked by name); otherwise two, and the registration is left for
    the decision to look up and explain. 404 when there is no event.
    """
    slug = current_app.config.get("EVENT_SLUG")
    public_id = scan.registration_public_id or badge_reference(scan.code)
    if public_id is not None:
        read = reads.read_scan(slug, scan.checkpoint_id, public_id)
        if read is not None:
            return read.event, read.door, read.holder
    found = reads.read_door(slug, scan.checkpoint_id)
    if found is None:
        abort(404)
    event, door = found
    return event, door, None


@bp.post("/scans")
@process_limited("SCAN_LIMIT")
@scanner_api
def create_scan() -> Response | tuple:
    """Decide and record one scan; the same nonce again gets the first answer."""
    scan_request = parse_scan(read_json(request))  # PayloadError: 400 (naming the fields)
    event, checkpoint, holder = _scan_context(scan_request)
    if checkpoint is None:
        return error_response(404, _("There is no such checkpoint."))
    if not current_caller().may_use(checkpoint):
        return error_response(403, _("You may not scan at this checkpoint."))
    # ScanConflict (the nonce belongs to another scan): 409
    answer = services.record_scan(event, current_caller(), checkpoint, scan_request, holder=holder)
    body = answer.to_json()
    return jsonify(body)


@bp.post("/scans/<nonce>/annul")
@scanner_api
def annul_scan(nonce: str) -> Response | tuple:
    """Annul the caller's own last accepted scan, within two minutes."""
    scan = services.annul_scan(current_caller(), nonce)  # AnnulError: 409 saying why
    body = {"nonce": scan.nonce, "annulled_at": services.iso(scan.annulled_at)}
    return jsonify(body)


@bp.get("/checkpoints")
@scanner_api
def list_checkpoints() -> Response:
    """The active checkpoints the caller may scan at."""
    event = current_event()
    checkpoints = services.checkpoints_for(event, current_caller())
    return jsonify(
        {
            "checkpoints": [
                {
                    "id": c.id,
                    "name": c.localized("name", reader_language()),
                    "kind": "room" if c.session_id is not None else "venue",
                    "session_id": c.session_id,
                    "allowed_categories": list(c.allowed_categories or []),
                    "answer_seconds": c.answer_seconds,
                    "entry_windows": hours.as_utc(c.entry_windows, event.timezone),
                    "hours": hours.describe(c.entry_windows),
                }
                for c in checkpoints
            ]
        }
    )


@bp.get("/checkpoints/<int:checkpoint_id>/stats")
@scanner_api
def checkpoint_stats(checkpoint_id: int) -> Response | tuple:
    """Inside now against capacity, accepted and refused scans at one checkpoint."""
    event = current_event()
    checkpoint = _usable_checkpoint(checkpoint_id, event)
    if not isinstance(checkpoint, Checkpoint):
        return checkpoint
    body = stats.checkpoint_stats(event, checkpoint)
    body["refusals"] = [
        {"reason": reason, "label": messages.reason_label(reason), "count": count}
        for reason, count in sorted(body["refusals"].items())
    ]
    return jsonify(body)


@bp.get("/checkpoints/<int:checkpoint_id>/offline-list")
@scanner_api
def offline_list(checkpoint_id: int) -> Response | tuple:
    """Digests of the current badge codes and what the door shows for each, for offline use."""
    event = current_event()
    checkpoint = _usable_checkpoint(checkpoint_id, event)
    if not isinstance(checkpoint, Checkpoint):
        return checkpoint
    response = jsonify(offline.offline_list(event, checkpoint))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/search")
@scanner_api
def search() -> Response | tuple:
    """Find a person by name (3+ letters) at one of the caller's checkpoints.

    The query names people: the log lines of this path do not show it
    (forum.ops.logging.redact).

    Those the checkpoint admits come with what the door needs to recognise them;
    anyone else only with their name and "send to the accreditation desk".
    """
    event = current_event()
    checkpoint_id = request.args.get("checkpoint", "")
    if not checkpoint_id:
        return error_response(400, _("Choose the checkpoint to search at."))
    if not checkpoint_id.isdigit():
        return error_response(400, _("The checkpoint must be a checkpoint id."))
    checkpoint = _usable_checkpoint(int(checkpoint_id), event)
    if not isinstance(checkpoint, Checkpoint):
        return checkpoint
    query = " ".join((request.args.get("q") or "").split())
    if len(query.replace(" ", "")) < services.SEARCH_MIN_CHARS:
        return error_response(400, _("Type at least 3 letters of the name."))
    if len(query) > services.SEARCH_MAX_CHARS:
        return error_response(400, _("The search is too long."))
    results = [services.search_result(m) for m in services.door_search(event, checkpoint, query)]
    return jsonify({"query": query, "results": results})


@bp.get("/registrations/<uuid:public_id>/photo")
@scanner_api
def delegate_photo(public_id: uuid.UUID) -> Response | tuple:
    """The badge photo, for the answer screen at the door: only of people one of the
    caller's checkpoints admits (404 for anyone else, as for no photo)."""
    event = current_event()
    registration = db.session.scalar(
        db.select(Registration).where(
            Registration.public_id == public_id, Registration.event_id == event.id
        )
    )
    if (
        registration is None
        or registration.photo is None
        or not services.admitted_at_any(current_caller(), event, registration)
    ):
        return error_response(404, _("There is no photo."))
    response = photo_response(registration)
    response.headers["Cache-Control"] = "no-store"
    return response
