"""Organisers' pages: the day schedule, sessions, rooms and the conflicts page."""

from datetime import date, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.auth.access import allow
from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.events.services import current_event
from forum.extensions import db
from forum.mail import queued_in_this_transaction
from forum.programme import bp, queries, services, signups, speakers
from forum.programme.conflicts import conflicts_for_event, conflicts_for_session, slot_of
from forum.programme.forms import AssignmentForm, AssignSpeakerForm, RoomForm, SessionForm
from forum.programme.models import SessionFormat
from forum.programme.schedule import build_day_grid, session_days
from forum.programme.services import ProgrammeError, SessionData

organiser = allow(Role.ORGANISER)


def _session_or_404(event, session_id: int):
    try:
        return services.get_session(event, session_id)
    except ProgrammeError:
        abort(404)


def _room_or_404(event, room_id: int):
    try:
        return services.get_room(event, room_id)
    except ProgrammeError:
        abort(404)


@bp.get("/organise/schedule")
@organiser
def admin_schedule() -> str:
    event = current_event()
    days = session_days(event)
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        day = days[0]
    conflicts = conflicts_for_event(event)
    return render_template(
        "programme/admin_schedule.html",
        event=event,
        days=days,
        grid=build_day_grid(event, day, conflicts),
        conflict_count=len(conflicts),
    )


@bp.post("/organise/programme/publication")
@organiser
def publish_programme() -> Response:
    event = current_event()
    publish = request.form.get("published") == "1"
    services.set_programme_published(event, publish)
    flash(
        _("The programme is public.") if publish else _("The programme is hidden from the public."),
        "success",
    )
    return redirect(url_for("programme.admin_schedule"))


@bp.get("/organise/conflicts")
@organiser
def conflicts() -> str:
    event = current_event()
    return render_template(
        "programme/conflicts.html", event=event, conflicts=conflicts_for_event(event)
    )


# ---- Sessions ----------------------------------------------------------------------------


def _session_data(event, form: SessionForm) -> SessionData:
    return SessionData(
        title=form.title.data,
        title_uk=form.title_uk.data or "",
        theme=form.theme.data or "",
        theme_uk=form.theme_uk.data or "",
        format=SessionFormat(form.format.data),
        description=form.description.data or "",
        description_uk=form.description_uk.data or "",
        room_id=form.room_id,
        starts_at=services.local_datetime(event, form.day.data, form.starts.data),
        ends_at=services.local_datetime(event, form.day.data, form.ends.data),
        capacity=form.capacity.data,
        signup_required=form.signup_required.data,
        published=form.published.data,
    )


def _save(event, session, form) -> Response | None:
    """Save through the service; on refusal, put the reasons on the form and return None."""
    try:
        result = services.save_session(event, session, _session_data(event, form))
    except ProgrammeError as error:
        db.session.rollback()
        form.form_errors.extend(error.messages)
        return None
    session_id = result.session.id
    sent = queued_in_this_transaction()
    flash(_("The session is saved."), "success")
    if result.moved:
        flash(_("The session moved: %(count)s people were e-mailed.", count=sent), "info")
    for warning in result.warnings:
        flash(str(warning.message), "warning")
    return redirect(url_for("programme.admin_session", session_id=session_id))


@bp.route("/organise/sessions/new", methods=["GET", "POST"])
@organiser
def new_session() -> str | Response:
    event = current_event()
    form = SessionForm(rooms=services.rooms_of(event))
    if request.method == "GET":
        _prefill_from_schedule(event, form)
    if form.validate_on_submit():
        response = _save(event, None, form)
        if response is not None:
            return response
    return render_template("programme/session_form.html", event=event, form=form, session=None)


def _prefill_from_schedule(event, form: SessionForm) -> None:
    """The schedule's "+" links pass the day, room and hour they were clicked at."""
    try:
        form.day.data = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        form.day.data = event.starts_on
    try:
        form.starts.data = time.fromisoformat(request.args.get("start", ""))
        form.ends.data = time(min(form.starts.data.hour + 1, 23), form.starts.data.minute)
    except ValueError:
        pass
    if request.args.get("room", "").isdigit():
        form.room.data = request.args["room"]


@bp.route("/organise/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@organiser
def edit_session(session_id: int) -> str | Response:
    event = current_event()
    session = _session_or_404(event, session_id)
    form = SessionForm(rooms=services.rooms_of(event), obj=session)
    if request.method == "GET":
        local_start = session.starts_at.astimezone(event.tz)
        form.day.data = local_start.date()
        form.starts.data = local_start.time()
        form.ends.data = session.ends_at.astimezone(event.tz).time()
        form.room.data = str(session.room_id) if session.room_id else ""
        form.format.data = session.format.value
    if form.validate_on_submit():
        response = _save(event, session, form)
        if response is not None:
            return response
    return render_template("programme/session_form.html", event=event, form=form, session=session)


@bp.get("/organise/sessions/<int:session_id>")
@organiser
def admin_session(session_id: int) -> str:
    event = current_event()
    session = _session_or_404(event, session_id)
    query = request.args.get("q", "").strip()
    assign_form = AssignSpeakerForm(
        profiles=speakers.profiles_of(event, language=reader_language())
    )
    return render_template(
        "programme/admin_session.html",
        event=event,
        session=session,
        speakers=speakers.ordered(session.speakers),
        edit_forms={
            a.id: AssignmentForm(prefix=f"a{a.id}", role=a.role.value, position=a.position)
            for a in session.speakers
        },
        conflicts=conflicts_for_session(
            event, slot_of(session, queries.confirmed_count(session.id))
        ),
        sign_ups=signups.sign_up_list(session),
        query=query,
        matches=services.search_registrations(event, query, language=reader_language())
        if query
        else [],
        assign_form=assign_form,
        local_start=session.starts_at.astimezone(event.tz),
    )


@bp.post("/organise/sessions/<int:session_id>/delete")
@organiser
def delete_session(session_id: int) -> Response:
    event = current_event()
    session = _session_or_404(event, session_id)
    day = session.starts_at.astimezone(event.tz).date().isoformat()
    services.delete_session(event, session)
    flash(_("The session is deleted."), "success")
    return redirect(url_for("programme.admin_schedule", day=day))


# ---- Rooms -------------------------------------------------------------------------------


@bp.get("/organise/rooms")
@organiser
def rooms() -> str:
    event = current_event()
    return render_template("programme/rooms.html", event=event, rooms=services.rooms_of(event))


@bp.route("/organise/rooms/new", methods=["GET", "POST"])
@bp.route("/organise/rooms/<int:room_id>/edit", methods=["GET", "POST"])
@organiser
def edit_room(room_id: int | None = None) -> str | Response:
    event = current_event()
    room = _room_or_404(event, room_id) if room_id is not None else None
    form = RoomForm(event=event, room=room, obj=room)
    if form.validate_on_submit():
        try:
            services.save_room(
                event,
                room,
                form.name.data,
                form.capacity.data,
                form.notes.data or "",
                name_uk=form.name_uk.data or "",
            )
        except ProgrammeError as error:
            db.session.rollback()
            form.form_errors.extend(error.messages)
        else:
            flash(_("The room is saved."), "success")
            return redirect(url_for("programme.rooms"))
    return render_template("programme/room_form.html", event=event, form=form, room=room)


@bp.post("/organise/rooms/<int:room_id>/delete")
@organiser
def delete_room(room_id: int) -> Response:
    event = current_event()
    room = _room_or_404(event, room_id)
    services.delete_room(event, room)  # ProgrammeError (sessions use it): flashed
    flash(_("The room is deleted."), "success")
    return redirect(url_for("programme.rooms"))
