"""The organisers' check-in pages: the live attendance dashboard, the scan log export, and
the doors (checkpoints, their settings and door staff). The scanner's own pages are in
scanner_views, the device tokens and pairing in device_views."""

from flask import (
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from forum.audit.services import record
from forum.auth.access import allow
from forum.auth.models import Role, User
from forum.bilingual import reader_language
from forum.checkin import attention, bp, doors, exports, hours, stats
from forum.checkin.forms import (
    WINDOW_ROWS,
    AttentionForm,
    CheckpointForm,
    DoorSettingsForm,
    StaffCheckpointsForm,
)
from forum.checkin.hours import HoursError
from forum.checkin.models import Checkpoint
from forum.events.services import current_event
from forum.extensions import db
from forum.registration.models import BadgeCategory, Registration


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
    return Response(
        data,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="scans-{event.slug}.csv"',
            "Cache-Control": "no-store",
        },
    )


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
        hours_text={c.id: hours.describe(c.entry_windows) for c in checkpoints},
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
    flash(_("Checkpoint %(name)s added.", name=checkpoint.name), "success")
    return redirect(url_for("checkin.doors_page"))


@bp.post("/scanner/doors/<int:checkpoint_id>/<any(open, close):action>")
@allow(Role.ORGANISER)
def open_or_close_checkpoint(checkpoint_id: int, action: str) -> Response:
    checkpoint = db.get_or_404(Checkpoint, checkpoint_id)
    if checkpoint.event_id != current_event().id:
        abort(404)
    if doors.set_checkpoint_active(checkpoint, action == "open", current_user):
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
        doors.set_staff_checkpoints(user, kept + chosen, current_user)
        flash(_("Doors of %(name)s saved.", name=user.full_name or user.email), "success")
    else:
        flash(_("Those checkpoints could not be saved; please try again."), "error")
    return redirect(url_for("checkin.doors_page"))


def _event_checkpoint(checkpoint_id: int) -> Checkpoint:
    checkpoint = db.get_or_404(Checkpoint, checkpoint_id)
    if checkpoint.event_id != current_event().id:
        abort(404)
    return checkpoint


def _door_form_data(checkpoint: Checkpoint) -> dict:
    windows = [
        {"day": w.day.isoformat(), "opens": w.opens, "closes": w.closes}
        for w in hours.parse(checkpoint.entry_windows)
    ]
    return {
        "name": checkpoint.name,
        "name_uk": checkpoint.name_uk,
        "answer_seconds": checkpoint.answer_seconds or 0,
        "windows": windows + [{}] if len(windows) < WINDOW_ROWS else windows,  # a row to add
    }


def _save_door(event, checkpoint: Checkpoint, form: DoorSettingsForm) -> bool | None:
    """Rename the door and set its settings: whether anything changed, or None (nothing
    changed, the reason beside its field) when the service refused."""
    try:
        renamed = doors.rename_checkpoint(
            event, checkpoint, form.name.data, form.name_uk.data or "", current_user
        )
    except doors.CheckpointError as error:  # the name, taken a moment ago by another door
        db.session.rollback()
        form.name.errors.append(error.message)
        return None
    try:
        changed = doors.set_door_settings(
            checkpoint, event, form.chosen_seconds(), form.chosen_windows(), current_user
        )
    except (doors.CheckpointError, HoursError) as error:
        db.session.rollback()
        form.windows.errors.append(error.message)
        return None
    return renamed or changed


@bp.route("/scanner/doors/<int:checkpoint_id>", methods=["GET", "POST"])
@allow(Role.ORGANISER)
def door_settings(checkpoint_id: int) -> Response | str | tuple[str, int]:
    """One door's settings: its name in English and Ukrainian, how long the scanner's
    answer stays, and its opening hours."""
    checkpoint = _event_checkpoint(checkpoint_id)
    event = current_event()
    if request.method == "GET":
        form = DoorSettingsForm(
            event, formdata=None, data=_door_form_data(checkpoint), checkpoint=checkpoint
        )
    else:
        form = DoorSettingsForm(event, checkpoint=checkpoint)
        if form.validate():
            changed = _save_door(event, checkpoint, form)
            if changed is not None:
                if changed:
                    name = checkpoint.localized("name", reader_language())
                    flash(_("Settings of %(name)s saved.", name=name), "success")
                return redirect(url_for("checkin.doors_page"))
    page = render_template(
        "checkin/door_settings.html", event=event, checkpoint=checkpoint, form=form
    )
    return (page, 400) if request.method == "POST" else page


@bp.post("/accreditation/<int:registration_id>/attention")
@allow(Role.OFFICER, Role.ORGANISER)
def set_attention(registration_id: int) -> Response:
    """The officers' note and tags for the door, on the registration's page."""
    registration = db.get_or_404(Registration, registration_id)
    if registration.event_id != current_event().id:
        abort(404)
    back = url_for("registration.admin_detail", registration_id=registration.id) + "#attention"
    form = AttentionForm()
    if not form.validate():
        flash(" ".join(form.note.errors + form.tags.errors), "error")
        return redirect(back)
    if attention.set_attention(registration, form.note.data, form.tags.data or [], current_user):
        flash(_("The note for the door was saved."), "success")
    return redirect(back)
