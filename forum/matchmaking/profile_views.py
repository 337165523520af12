"""The organisation's profile page: its manager edits it and adds colleagues; others read it."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.matchmaking import bp, profiles
from forum.matchmaking.access import people_of
from forum.matchmaking.forms import ColleagueForm, ProfileForm
from forum.matchmaking.setup import tags_of
from forum.matchmaking.views import current_viewer, delegate


@bp.route("/matchmaking/our-profile", methods=["GET", "POST"])
@delegate
def edit_profile() -> Response | str:
    event, participant = current_viewer()
    profile = participant.profile
    manager = profile.managed_by_id == participant.registration_id
    form = ProfileForm(obj=profile, tags=tags_of(event))
    if request.method == "GET":
        form.fill_choices_of(profile)
    if manager and form.validate_on_submit():
        profiles.save_profile(event, profile, participant.registration, form.profile_data())
        flash(_("Your organisation's profile is saved."), "success")
        return redirect(url_for("matchmaking.edit_profile"))
    colleagues = ColleagueForm()
    if manager:
        colleagues.colleague.choices = [
            (r.id, f"{r.display_name} · {r.job_title}" if r.job_title else r.display_name)
            for r in profiles.colleagues_to_add(event, profile)
        ]
    return render_template(
        "matchmaking/edit_profile.html",
        event=event,
        participant=participant,
        profile=profile,
        manager=manager,
        form=form,
        colleagues=colleagues,
        people=people_of(profile),
        invited=[p for p in profile.participants if not p.opted_in],
    )


@bp.post("/matchmaking/our-profile/colleagues")
@delegate
def add_colleague() -> Response:
    event, participant = current_viewer()
    added = profiles.add_colleague(
        event,
        participant.profile,
        participant.registration,
        request.form.get("colleague", type=int) or 0,
    )
    flash(
        _(
            "%(name)s is added: they take part once they opt in on their matchmaking page.",
            name=added.registration.display_name,
        ),
        "success",
    )
    return redirect(url_for("matchmaking.edit_profile"))


@bp.post("/matchmaking/our-profile/colleagues/<int:participant_id>/remove")
@delegate
def remove_colleague(participant_id: int) -> Response:
    event, participant = current_viewer()
    profiles.remove_colleague(event, participant.profile, participant.registration, participant_id)
    flash(_("Your colleague is no longer on the profile."), "success")
    return redirect(url_for("matchmaking.edit_profile"))
