"""The scanner page for door staff, its service worker and manifest, the live attendance
dashboard, the scan log export and the organisers' device tokens page."""

import json
from pathlib import Path

import sqlalchemy as sa
from flask import (
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from forum.audit.services import record
from forum.auth.access import allow
from forum.auth.models import Role, User
from forum.checkin import bp, doors, exports, messages, services, stats
from forum.checkin.callers import Caller, staff_checkpoint_ids
from forum.checkin.devices import create_device_token, device_tokens, revoke_device_token
from forum.checkin.forms import CheckpointForm, DeviceTokenForm, StaffCheckpointsForm
from forum.checkin.models import Checkpoint, DeviceToken
from forum.events.services import current_event
from forum.extensions import db
from forum.registration.models import CATEGORY_LABELS, BadgeCategory

SCANNER_ROLES = (Role.STAFF, Role.ORGANISER)
SCRIPTS = Path(__file__).resolve().parents[2] / "static" / "js"
SW_SOURCE = SCRIPTS / "scanner-sw.js"
# The scanner's script is an ES module (js/scanner.js) importing every file of this folder.
SCANNER_MODULES = SCRIPTS / "scanner"


def _caller() -> Caller:
    if current_user.role is Role.ORGANISER:
        return Caller(current_user.id, None, None)
    return Caller(current_user.id, None, staff_checkpoint_ids(current_user.id))


def scanner_texts() -> dict:
    """The words the scanner's JavaScript shows, in the staff member's language."""
    return {
        "green": _("Welcome"),
        "amber": _("Already inside"),
        "red": _("Refused"),
        "exit": _("Goodbye"),
        "online": _("Online"),
        "offline": _("Offline"),
        "waiting": _("%(num)s waiting", num="{n}"),
        "offlineAnswer": _("Offline: checked against the list downloaded at %(time)s.", time="{t}"),
        "noList": _("Offline and no list for this door: let in only with an organiser's word."),
        "unknownOffline": _(
            "Not on this door's list: not admitted here (send to the accreditation desk), "
            "or a forged, old or unreadable code."
        ),
        "signOutQueued": _(
            "Scans not sent yet: %(num)s. Signing out deletes them. Sign out anyway?", num="{n}"
        ),
        "insideOffline": _("Already let in by this scanner at %(time)s.", time="{t}"),
        "cameraOff": _("Camera off"),
        "cameraOn": _("Camera on"),
        "cameraDenied": _("The camera is not available. Use the scanner field or the search."),
        "searchShort": _("Type at least 3 letters of the name."),
        "searchNone": _("Nobody found."),
        "confirm": _("Let %(name)s in?", name="{name}"),
        "confirmOut": _("Record the exit of %(name)s?", name="{name}"),
        "annulled": _("The last scan was annulled."),
        "inside": _("Inside now: %(num)s", num="{n}"),
        "insideOf": _("Inside now: %(num)s of %(capacity)s", num="{n}", capacity="{c}"),
        "error": _("The server did not answer. The scan was kept and will be sent again."),
        "notAllowed": _("Not admitted here"),
        "reload": _("sign in again or reload the page to send them"),
        **{f"reason_{reason}": str(text) for reason, text in messages.REASON_LABELS.items()},
    }


@bp.get("/scanner/")
@allow(*SCANNER_ROLES)
def scanner() -> str:
    """The scanner: choose a door and a direction, then scan with the camera, a handheld
    scanner (keyboard wedge) or a name search."""
    event = current_event()
    checkpoints = services.checkpoints_for(event, _caller())
    return render_template(
        "checkin/scanner.html",
        event=event,
        checkpoints=checkpoints,
        texts=scanner_texts(),
        categories={c.value: str(label) for c, label in CATEGORY_LABELS.items()},
        csrf=generate_csrf(),
    )


@bp.get("/scanner/sw.js")
@allow(*SCANNER_ROLES)
def service_worker() -> Response:
    """The service worker, served under /scanner/ so that its scope is the scanner."""
    shell = [
        url_for("checkin.scanner"),
        url_for("checkin.manifest"),
        url_for("static", filename="css/forum.css"),
        url_for("static", filename="css/scanner.css"),
        url_for("static", filename="js/scanner.js"),
        *(
            url_for("static", filename=f"js/scanner/{module.name}")
            for module in sorted(SCANNER_MODULES.glob("*.js"))
        ),
        url_for("static", filename="vendor/jsqr/jsQR.js"),
        url_for("static", filename="img/mark.svg"),
    ]
    source = f"self.SCANNER_SHELL = {json.dumps(shell)};\n" + SW_SOURCE.read_text("utf-8")
    response = Response(source, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = url_for("checkin.scanner")
    return response


@bp.get("/scanner/manifest.webmanifest")
@allow(*SCANNER_ROLES)
def manifest() -> Response:
    """The web app manifest: the scanner can be installed on a phone's home screen."""
    event = current_event()
    body = {
        "name": _("%(event)s door scanner", event=event.short_name),
        "short_name": _("Scanner"),
        "start_url": url_for("checkin.scanner"),
        "scope": url_for("checkin.scanner"),
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#0b1f3a",
        "theme_color": "#0b1f3a",
        "icons": [
            {
                "src": url_for("static", filename="img/mark.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
                "purpose": "any",
            }
        ],
    }
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/attendance")
@allow(Role.ORGANISER)
def attendance() -> str:
    """Live attendance: the page fetches attendance.json every few seconds."""
    event = current_event()
    return render_template("checkin/attendance.html", event=event)


@bp.get("/attendance.json")
@allow(Role.ORGANISER)
def attendance_data() -> Response:
    response = jsonify(stats.dashboard(current_event()))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/attendance/scans.csv")
@allow(Role.ORGANISER)
def export_scans() -> Response:
    """The whole scan log as CSV (UTF-8 with BOM, safe to open in a spreadsheet); who took
    it, and when, is in the audit log."""
    event = current_event()
    data = exports.scans_csv(event)
    record("scans.export", event)
    db.session.commit()
    return Response(
        data,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="scans-{event.slug}.csv"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/scanner/devices", methods=["GET", "POST"])
@allow(Role.ORGANISER)
def devices() -> Response:
    """Device tokens: make one (shown once) and revoke."""
    event = current_event()
    checkpoints = db.session.scalars(
        sa.select(Checkpoint)
        .where(Checkpoint.event_id == event.id)
        .order_by(Checkpoint.session_id.is_not(None), Checkpoint.name)
    ).all()
    form = DeviceTokenForm(checkpoints)
    new_token = None
    if form.validate_on_submit():
        chosen = [c for c in checkpoints if c.id in set(form.checkpoints.data)]
        device, new_token = create_device_token(form.name.data, chosen, current_user)
        db.session.commit()
        form = DeviceTokenForm(checkpoints, formdata=None)
    response = Response(
        render_template(
            "checkin/devices.html",
            event=event,
            form=form,
            devices=device_tokens(),
            new_token=new_token,
        )
    )
    response.headers["Cache-Control"] = "no-store"  # the new token is on this page
    return response


@bp.post("/scanner/devices/<int:device_id>/revoke")
@allow(Role.ORGANISER)
def revoke_device(device_id: int) -> Response:
    device = db.get_or_404(DeviceToken, device_id)
    if revoke_device_token(device, current_user):
        db.session.commit()
        flash(_("The token of %(name)s was revoked.", name=device.name), "success")
    else:
        flash(_("This token was already revoked."), "warning")
    return redirect(url_for("checkin.devices"))


def _doors_page(event, checkpoint_form=None) -> str:
    checkpoints = doors.checkpoints_of(event)
    sessions = doors.sessions_of(event)
    staff = doors.door_staff()
    active = [c for c in checkpoints if c.active]
    staff_forms = {
        user.id: StaffCheckpointsForm(
            active,
            prefix=f"staff-{user.id}",
            formdata=None,
            data={"checkpoints": [c.id for c in user.checkpoints]},
        )
        for user in staff
    }
    form = checkpoint_form or CheckpointForm(event, sessions, formdata=None)
    return render_template(
        "checkin/doors.html",
        event=event,
        checkpoints=checkpoints,
        sessions={s.id: s for s in sessions},
        staff=staff,
        staff_forms=staff_forms,
        form=form,
        category_labels={c.value: c.label for c in BadgeCategory},
    )


@bp.get("/scanner/doors")
@allow(Role.ORGANISER)
def doors_page() -> str:
    """Checkpoints (add, open, close) and which door staff scan where."""
    return _doors_page(current_event())


@bp.post("/scanner/doors")
@allow(Role.ORGANISER)
def add_checkpoint() -> Response | str:
    event = current_event()
    sessions = doors.sessions_of(event)
    form = CheckpointForm(event, sessions)
    if not form.validate():
        return _doors_page(event, form), 400
    session = next((s for s in sessions if s.id == form.session.data), None)
    checkpoint = doors.create_checkpoint(
        event,
        form.name.data,
        session,
        form.categories.data or [],
        current_user,
        name_uk=form.name_uk.data or "",
    )
    db.session.commit()
    flash(_("Checkpoint %(name)s added.", name=checkpoint.name), "success")
    return redirect(url_for("checkin.doors_page"))


@bp.post("/scanner/doors/<int:checkpoint_id>/<any(open, close):action>")
@allow(Role.ORGANISER)
def open_or_close_checkpoint(checkpoint_id: int, action: str) -> Response:
    checkpoint = db.get_or_404(Checkpoint, checkpoint_id)
    if checkpoint.event_id != current_event().id:
        abort(404)
    if doors.set_checkpoint_active(checkpoint, action == "open", current_user):
        db.session.commit()
        message = (
            _("%(name)s is open for scanning.", name=checkpoint.name)
            if action == "open"
            else _("%(name)s is closed: nobody can scan there.", name=checkpoint.name)
        )
        flash(message, "success")
    return redirect(url_for("checkin.doors_page"))


@bp.post("/scanner/staff/<int:user_id>")
@allow(Role.ORGANISER)
def set_staff_checkpoints(user_id: int) -> Response:
    user = db.get_or_404(User, user_id)
    if user.role is not Role.STAFF:
        abort(404)
    event = current_event()
    active = [c for c in doors.checkpoints_of(event) if c.active]
    form = StaffCheckpointsForm(active, prefix=f"staff-{user.id}")
    if form.validate():
        chosen = [c for c in active if c.id in set(form.checkpoints.data or [])]
        # Doors of other events, or closed ones, are kept as they are.
        kept = [c for c in user.checkpoints if c.event_id != event.id or not c.active]
        if doors.set_staff_checkpoints(user, kept + chosen, current_user):
            db.session.commit()
        flash(_("Doors of %(name)s saved.", name=user.full_name or user.email), "success")
    else:
        flash(_("Those checkpoints could not be saved; please try again."), "error")
    return redirect(url_for("checkin.doors_page"))
