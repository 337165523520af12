"""The check-in API: scans, annulling, checkpoints, door search, stats and offline lists.

Every route takes a staff session (with CSRF for POST) or a device's bearer
token; see forum.checkin.callers. Errors are JSON: {"error", "message"} and,
for 400 on a scan, "fields".
"""

import functools
import uuid

import sqlalchemy as sa
from flask import abort, current_app, g, jsonify, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.api import bp
from forum.checkin import decide as rules
from forum.checkin import messages, offline, services, stats
from forum.checkin.callers import current_caller, error_response, scanner_api
from forum.checkin.models import Checkpoint
from forum.checkin.payloads import MAX_ID, PayloadError, parse_scan
from forum.events.models import Event
from forum.events.services import current_event, current_event_query
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from forum.registration.views import photo_response


def _usable_checkpoint(checkpoint_id: int, event) -> Checkpoint | tuple:
    """The checkpoint, or the 404/403 answer when it is not this event's or not the caller's."""
    checkpoint = db.session.get(Checkpoint, checkpoint_id) if checkpoint_id <= MAX_ID else None
    if checkpoint is None or checkpoint.event_id != event.id:
        return error_response(404, _("There is no such checkpoint."))
    if not current_caller().may_use(checkpoint):
        return error_response(403, _("You may not scan at this checkpoint."))
    return checkpoint


def _event_and_checkpoint(checkpoint_id: int) -> tuple[Event, Checkpoint | None]:
    """The current event and its checkpoint `checkpoint_id` (None if not the event's), one query.

    The scan path runs this on every scan; it answers what current_event() and
    _usable_checkpoint() would, in one round trip instead of two. 404 if no event.
    """
    if g.get("event") is not None:
        checkpoint = _checkpoint_of(checkpoint_id, g.event)
        return g.event, checkpoint
    params = {"cp": checkpoint_id if checkpoint_id <= MAX_ID else 0}
    row = db.session.execute(_event_and_checkpoint_query(), params).first()
    if row is None:
        abort(404)
    g.event = row.Event
    return row.Event, row.Checkpoint


def _event_and_checkpoint_query() -> sa.Select:
    return _event_and_checkpoint_select(current_app.config.get("EVENT_SLUG"))


@functools.cache
def _event_and_checkpoint_select(slug: str | None) -> sa.Select:
    """Built once per EVENT_SLUG (building it cost more than running it)."""
    query = (
        sa.select(Event, Checkpoint)
        .select_from(Event)
        .outerjoin(
            Checkpoint,
            sa.and_(Checkpoint.event_id == Event.id, Checkpoint.id == sa.bindparam("cp")),
        )
    )
    return current_event_query(query, slug)


def _checkpoint_of(checkpoint_id: int, event: Event) -> Checkpoint | None:
    checkpoint = db.session.get(Checkpoint, checkpoint_id) if checkpoint_id <= MAX_ID else None
    return checkpoint if checkpoint is not None and checkpoint.event_id == event.id else None


@bp.post("/scans")
@scanner_api
def create_scan() -> Response | tuple:
    """Decide and record one scan; the same nonce again gets the first answer."""
    data = request.get_json(force=True, silent=True)
    if data is None:
        return error_response(400, _("The request body must be JSON."))
    try:
        scan_request = parse_scan(data)
    except PayloadError as error:
        return error_response(400, error.message, fields=error.fields)
    event, checkpoint = _event_and_checkpoint(scan_request.checkpoint_id)
    if checkpoint is None:
        return error_response(404, _("There is no such checkpoint."))
    if not current_caller().may_use(checkpoint):
        return error_response(403, _("You may not scan at this checkpoint."))
    try:
        answer = services.record_scan(event, current_caller(), checkpoint, scan_request)
    except services.ScanConflict:
        db.session.rollback()
        return error_response(409, _("This nonce was already used for another scan."))
    body = answer.to_json()
    db.session.commit()
    return jsonify(body)


@bp.post("/scans/<nonce>/annul")
@scanner_api
def annul_scan(nonce: str) -> Response | tuple:
    """Annul the caller's own last accepted scan, within two minutes."""
    try:
        scan = services.annul_scan(current_caller(), nonce)
    except services.AnnulError as error:
        db.session.rollback()
        return error_response(409, str(error.args[0]))
    body = {"nonce": scan.nonce, "annulled_at": services.iso(scan.annulled_at)}
    db.session.commit()
    return jsonify(body)


@bp.get("/checkpoints")
@scanner_api
def list_checkpoints() -> Response:
    """The active checkpoints the caller may scan at."""
    event = current_event()
    checkpoints = services.checkpoints_for(event, current_caller())
    db.session.commit()  # the device token's last use
    return jsonify(
        {
            "checkpoints": [
                {
                    "id": c.id,
                    "name": c.name,
                    "kind": "room" if c.session_id is not None else "venue",
                    "session_id": c.session_id,
                    "allowed_categories": list(c.allowed_categories or []),
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
    """Find a delegate by name (3+ letters) at the door: only what the door needs."""
    query = " ".join((request.args.get("q") or "").split())
    if len(query.replace(" ", "")) < services.SEARCH_MIN_CHARS:
        return error_response(400, _("Type at least 3 letters of the name."))
    if len(query) > services.SEARCH_MAX_CHARS:
        return error_response(400, _("The search is too long."))
    event = current_event()
    checkpoint = None
    if "checkpoint" in request.args:
        if not request.args["checkpoint"].isdigit():
            return error_response(400, _("The checkpoint must be a checkpoint id."))
        checkpoint = _usable_checkpoint(int(request.args["checkpoint"]), event)
        if not isinstance(checkpoint, Checkpoint):
            return checkpoint
    found = services.search(event, query)
    with_photo = services.photo_ids([r.id for r in found])
    results = []
    for registration in found:
        item = services.delegate_json(registration, registration.id in with_photo)
        item["registration"] = str(registration.public_id)
        if checkpoint is not None:
            reason = rules.admission(checkpoint, registration)
            item["allowed"] = not reason
            item["reason"] = reason
            item["message"] = messages.message(reason, "in", registration) if reason else ""
        results.append(item)
    return jsonify({"query": query, "results": results})


@bp.get("/registrations/<uuid:public_id>/photo")
@scanner_api
def delegate_photo(public_id: uuid.UUID) -> Response | tuple:
    """The badge photo, for the answer screen at the door."""
    registration = db.session.scalar(
        db.select(Registration).where(
            Registration.public_id == public_id,
            Registration.event_id == current_event().id,
            Registration.state != RegistrationState.SUBMITTED,
        )
    )
    if registration is None or registration.photo is None:
        return error_response(404, _("There is no photo."))
    return photo_response(registration)
