"""The organisers' matchmaking pages: the overview grid, rules, blocks and tables, the tag
list, meetings placed or moved by hand, printed plans, the CSV and the outcomes report."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from forum.auth.access import allow
from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.db import utcnow
from forum.events.services import current_event
from forum.extensions import db
from forum.matchmaking import booking, bp, door, meeting_requests, printing, reports, setup
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.forms import BlockForm, MoveForm, PlaceForm, SettingsForm, TagForm
from forum.matchmaking.meeting_models import Meeting, Outcome
from forum.matchmaking.models import CapabilityTag
from forum.programme.services import event_days, local_datetime, rooms_of

organiser = allow(Role.ORGANISER)


def _several_days(event) -> bool:
    return event.ends_on != event.starts_on


@bp.get("/organise/matchmaking")
@organiser
def admin_overview() -> str:
    event = current_event()
    now = utcnow()
    meeting_requests.expire_overdue(event, now)
    return render_template(
        "matchmaking/admin_overview.html",
        event=event,
        settings=setup.settings_of(event),
        counts=reports.counts(event, now),
        grid=reports.grid(event),
        several_days=_several_days(event),
    )


@bp.route("/organise/matchmaking/settings", methods=["GET", "POST"])
@organiser
def admin_settings() -> Response | str:
    event = current_event()
    settings = setup.settings_of(event)
    form = SettingsForm(obj=settings, rooms=rooms_of(event))
    if request.method == "GET":
        form.table_count.data = len(setup.tables_of(event))
        form.room_id.data = settings.room_id or 0
    if form.validate_on_submit():
        setup.save_settings(
            event,
            setup.SettingsData(
                open=form.open.data,
                slot_minutes=form.slot_minutes.data,
                max_meetings=form.max_meetings.data,
                max_pending=form.max_pending.data,
                answer_hours=form.answer_hours.data,
                room_id=form.room_id.data or None,
                table_count=form.table_count.data,
                not_arrived_minutes=form.not_arrived_minutes.data,
            ),
        )
        flash(_("The matchmaking rules are saved."), "success")
        return redirect(url_for("matchmaking.admin_settings"))
    return render_template(
        "matchmaking/admin_settings.html",
        event=event,
        form=form,
        block_form=BlockForm(days=event_days(event)),
        blocks=setup.blocks_of(event),
        slots=setup.slots_of(event),
    )


@bp.post("/organise/matchmaking/blocks")
@organiser
def add_block() -> Response:
    event = current_event()
    form = BlockForm(days=event_days(event))
    if not form.validate():
        raise MatchmakingError(*[e for errors in form.errors.values() for e in errors])
    day = date.fromisoformat(form.day.data)
    setup.add_block(
        event,
        local_datetime(event, day, form.starts.data),
        local_datetime(event, day, form.ends.data),
    )
    flash(_("The block is added and cut into slots."), "success")
    return redirect(url_for("matchmaking.admin_settings"))


@bp.post("/organise/matchmaking/blocks/<int:block_id>/remove")
@organiser
def remove_block(block_id: int) -> Response:
    setup.remove_block(current_event(), block_id)
    flash(_("The block and its slots are removed."), "success")
    return redirect(url_for("matchmaking.admin_settings"))


@bp.route("/organise/matchmaking/tags", methods=["GET", "POST"])
@organiser
def admin_tags() -> Response | str:
    event = current_event()
    form = TagForm(event=event)
    if form.validate_on_submit():
        setup.save_tag(event, None, form.label.data, form.label_uk.data or "")
        flash(_("The tag is added."), "success")
        return redirect(url_for("matchmaking.admin_tags"))
    language = reader_language()
    return render_template(
        "matchmaking/admin_tags.html",
        event=event,
        form=form,
        tags=sorted(
            setup.tags_of(event), key=lambda t: reports.sort_key(t.localized("label", language))
        ),
        usual=setup.USUAL_TAGS,
    )


@bp.route("/organise/matchmaking/tags/<int:tag_id>", methods=["GET", "POST"])
@organiser
def edit_tag(tag_id: int) -> Response | str:
    event = current_event()
    tag = db.session.get(CapabilityTag, tag_id)
    if tag is None or tag.event_id != event.id:
        abort(404)
    form = TagForm(obj=tag, event=event, tag=tag)
    if form.validate_on_submit():
        setup.save_tag(event, tag, form.label.data, form.label_uk.data or "")
        flash(_("The tag is saved."), "success")
        return redirect(url_for("matchmaking.admin_tags"))
    return render_template("matchmaking/admin_tag.html", event=event, form=form, tag=tag)


@bp.post("/organise/matchmaking/tags/<int:tag_id>/delete")
@organiser
def delete_tag(tag_id: int) -> Response:
    setup.delete_tag(current_event(), tag_id)
    flash(_("The tag is deleted and taken off every profile."), "success")
    return redirect(url_for("matchmaking.admin_tags"))


@bp.post("/organise/matchmaking/tags/usual")
@organiser
def add_usual_tags() -> Response:
    added = setup.add_usual_tags(current_event())
    flash(ngettext("%(num)s tag added.", "%(num)s tags added.", added), "success")
    return redirect(url_for("matchmaking.admin_tags"))


@bp.route("/organise/matchmaking/place", methods=["GET", "POST"])
@organiser
def place() -> Response | str:
    event = current_event()
    now = utcnow()
    form = PlaceForm(
        people=reports.people(event),
        slots=[s for s in setup.slots_of(event) if s.starts_at > now],
        tables=setup.tables_of(event),
        with_day=_several_days(event),
    )
    if request.method == "GET" and len(form.second.choices) > 1:
        form.second.data = form.second.choices[1][0]  # two different people to start with
    if form.validate_on_submit():
        booking.place(
            event, form.first.data, form.second.data, form.slot.data, now, form.table.data or None
        )
        flash(_("The meeting is set; both people are told."), "success")
        return redirect(url_for("matchmaking.admin_overview"))
    return render_template("matchmaking/admin_place.html", event=event, form=form)


def _meeting_or_404(event, meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.event_id != event.id:
        abort(404)
    return meeting


@bp.route("/organise/matchmaking/meetings/<int:meeting_id>", methods=["GET", "POST"])
@organiser
def admin_meeting(meeting_id: int) -> Response | str:
    event = current_event()
    now = utcnow()
    meeting = _meeting_or_404(event, meeting_id)
    form = MoveForm(
        slots=[s for s in setup.slots_of(event) if s.starts_at > now],
        tables=setup.tables_of(event),
        with_day=_several_days(event),
    )
    if request.method == "GET":
        form.slot.data, form.table.data = meeting.slot_id, meeting.table_id
    if form.validate_on_submit():
        booking.move(event, meeting_id, None, form.slot.data, now, form.table.data or None)
        flash(_("The meeting is moved; both people are told."), "success")
        return redirect(url_for("matchmaking.admin_overview"))
    return render_template(
        "matchmaking/admin_meeting.html", event=event, meeting=meeting, form=form, now=now
    )


@bp.post("/organise/matchmaking/meetings/<int:meeting_id>/cancel")
@organiser
def admin_cancel(meeting_id: int) -> Response:
    event = current_event()
    _meeting_or_404(event, meeting_id)
    booking.cancel(event, meeting_id, None, request.form.get("reason", "")[:1000], utcnow())
    flash(_("The meeting is cancelled; both people are told."), "success")
    return redirect(url_for("matchmaking.admin_overview"))


@bp.get("/organise/matchmaking/today")
@organiser
def admin_today() -> str:
    event = current_event()
    now = utcnow()
    return render_template(
        "matchmaking/admin_today.html",
        event=event,
        settings=setup.settings_of(event),
        meetings=door.todays_meetings(event, now),
        today=door.day_bounds(event, now)[0],
        now=now,
    )


@bp.post("/organise/matchmaking/meetings/<int:meeting_id>/release")
@organiser
def release_table(meeting_id: int) -> Response:
    event = current_event()
    _meeting_or_404(event, meeting_id)
    door.release_table(event, meeting_id, request.form.get("request", type=int), utcnow())
    flash(_("The table is released; both people are told."), "success")
    return redirect(url_for("matchmaking.admin_today"))


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/organise/matchmaking/table-plan.pdf")
@organiser
def table_plan() -> Response:
    body = printing.table_plan_pdf(current_event(), reader_language())
    return _download(body, "application/pdf", "table-plan.pdf")


@bp.get("/organise/matchmaking/people.pdf")
@organiser
def people_plan() -> Response:
    event = current_event()
    body = printing.people_plan_pdf(event, reports.people(event), reader_language())
    return _download(body, "application/pdf", "meetings-per-person.pdf")


@bp.get("/organise/matchmaking/meetings.csv")
@organiser
def meetings_csv() -> Response:
    body = reports.meetings_csv(current_event(), reader_language())
    return _download(body, "text/csv; charset=utf-8", "meetings.csv")


@bp.get("/organise/matchmaking/report")
@organiser
def admin_report() -> str:
    event = current_event()
    now = utcnow()
    meeting_requests.expire_overdue(event, now)
    return render_template(
        "matchmaking/admin_report.html",
        event=event,
        counts=reports.counts(event, now),
        report=reports.outcome_report(event, reader_language()),
        outcomes=list(Outcome),
    )
