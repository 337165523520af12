"""Organisers' speaker pages: guest profiles, speakers on a session, speaker lists and exports."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from forum.auth.access import allow
from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.events.services import current_event
from forum.extensions import db
from forum.programme import bp, exports, services, speakers
from forum.programme.forms import AssignmentForm, AssignSpeakerForm, SpeakerProfileForm
from forum.programme.models import SpeakerRole
from forum.programme.services import ProgrammeError
from forum.programme.speakers import ProfileData
from forum.registration.titles import titled_name

organiser = allow(Role.ORGANISER)


def _profile_or_404(event, profile_id: int):
    try:
        return speakers.get_profile(event, profile_id)
    except ProgrammeError:
        abort(404)


def _session_or_404(event, session_id: int):
    try:
        return services.get_session(event, session_id)
    except ProgrammeError:
        abort(404)


# ---- Guest profiles ----------------------------------------------------------------------


@bp.get("/organise/speakers")
@organiser
def speaker_profiles() -> str:
    event = current_event()
    query = request.args.get("q", "")[:100]
    profiles = speakers.profiles_of(event, query, reader_language())
    return render_template(
        "programme/speaker_profiles.html",
        event=event,
        profiles=profiles,
        query=query,
        with_photo=speakers.has_photo([p.id for p in profiles]),
    )


@bp.route("/organise/speakers/new", methods=["GET", "POST"])
@bp.route("/organise/speakers/<int:profile_id>/edit", methods=["GET", "POST"])
@organiser
def edit_profile(profile_id: int | None = None) -> str | Response:
    event = current_event()
    profile = _profile_or_404(event, profile_id) if profile_id is not None else None
    form = SpeakerProfileForm(obj=profile)
    if form.validate_on_submit():
        upload = form.photo.data
        data = ProfileData(
            title=form.title.data or "",
            full_name=form.full_name.data,
            full_name_latin=form.full_name_latin.data or "",
            position=form.position.data or "",
            position_uk=form.position_uk.data or "",
            organisation=form.organisation.data or "",
            organisation_uk=form.organisation_uk.data or "",
            country=form.country.data or "",
            bio=form.bio.data or "",
            bio_uk=form.bio_uk.data or "",
            photo=upload.read() if upload else None,
            remove_photo=form.remove_photo.data,
        )
        try:
            speakers.save_profile(event, profile, data)
        except ProgrammeError as error:
            db.session.rollback()
            form.photo.errors = [*form.photo.errors, *error.messages]
        else:
            flash(_("The speaker is saved."), "success")
            return redirect(url_for("programme.speaker_profiles"))
    has_photo = bool(profile and speakers.has_photo([profile.id]))
    return render_template(
        "programme/profile_form.html", event=event, form=form, profile=profile, has_photo=has_photo
    )


@bp.post("/organise/speakers/<int:profile_id>/delete")
@organiser
def delete_profile(profile_id: int) -> Response:
    event = current_event()
    speakers.delete_profile(event, _profile_or_404(event, profile_id))
    flash(_("The speaker is deleted."), "success")
    return redirect(url_for("programme.speaker_profiles"))


@bp.get("/organise/speakers/<int:profile_id>/photo.jpg")
@organiser
def admin_speaker_photo(profile_id: int) -> Response:
    event = current_event()
    _profile_or_404(event, profile_id)
    photo = speakers.profile_photo(profile_id)
    if not photo:
        abort(404)
    response = Response(photo, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, no-cache"
    return response


# ---- Speakers on a session ---------------------------------------------------------------


@bp.post("/organise/sessions/<int:session_id>/speakers")
@organiser
def add_speaker(session_id: int) -> Response:
    event = current_event()
    session = _session_or_404(event, session_id)
    form = AssignSpeakerForm(profiles=speakers.profiles_of(event, language=reader_language()))
    back = url_for("programme.admin_session", session_id=session.id)
    if not form.validate_on_submit():
        for message in [*form.form_errors, *[e for f in form for e in f.errors]]:
            flash(str(message), "error")
        return redirect(back)
    # A ProgrammeError (already speaks here, unknown person) is flashed on the session page.
    assignment, warnings = speakers.assign_speaker(
        event,
        session,
        SpeakerRole(form.role.data),
        form.position.data,
        registration_id=int(form.registration_id.data) if form.registration_id.data else None,
        profile_id=int(form.profile_id.data) if form.profile_id.data else None,
    )
    name = titled_name(assignment.registration or assignment.speaker_profile)
    flash(_("%(name)s added to the speakers.", name=name), "success")
    for warning in warnings:
        flash(str(warning.message), "warning")
    return redirect(back)


@bp.post("/organise/sessions/<int:session_id>/speakers/<int:assignment_id>")
@organiser
def update_speaker(session_id: int, assignment_id: int) -> Response:
    event = current_event()
    session = _session_or_404(event, session_id)
    form = AssignmentForm(prefix=f"a{assignment_id}")
    assignment = speakers.get_assignment(session, assignment_id)
    if not form.validate_on_submit():
        raise ProgrammeError(*[e for f in form for e in f.errors])
    speakers.update_assignment(assignment, SpeakerRole(form.role.data), form.position.data)
    flash(_("The speaker order is saved."), "success")
    return redirect(url_for("programme.admin_session", session_id=session_id))


@bp.post("/organise/sessions/<int:session_id>/speakers/<int:assignment_id>/remove")
@organiser
def remove_speaker(session_id: int, assignment_id: int) -> Response:
    event = current_event()
    session = _session_or_404(event, session_id)
    speakers.remove_assignment(speakers.get_assignment(session, assignment_id))
    flash(_("The speaker is removed from the session."), "success")
    return redirect(url_for("programme.admin_session", session_id=session_id))


# ---- Speaker lists -----------------------------------------------------------------------


def _listing(event):
    session_id = request.args.get("session", type=int)
    if session_id is not None:
        _session_or_404(event, session_id)
    return speakers.speaker_list(event, public=False, session_id=session_id), session_id


@bp.get("/organise/speaker-list")
@organiser
def speaker_list() -> str:
    event = current_event()
    listing, session_id = _listing(event)
    return render_template(
        "programme/speaker_list.html", event=event, listing=listing, session_id=session_id
    )


@bp.get("/organise/speaker-list.pdf")
@organiser
def speaker_list_pdf() -> Response:
    event = current_event()
    listing, session_id = _listing(event)
    language = reader_language()
    title = (
        listing[0][0].localized("title", language) if session_id and listing else _("Speaker list")
    )
    body = exports.speakers_pdf(event, listing, title, language)
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = 'inline; filename="speakers.pdf"'
    return response


@bp.get("/organise/speaker-list.csv")
@organiser
def speaker_list_csv() -> Response:
    event = current_event()
    listing, _session_id = _listing(event)
    body = exports.speakers_csv(event, listing, reader_language())
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="speakers.csv"'
    return response
