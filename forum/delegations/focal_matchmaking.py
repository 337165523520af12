"""The focal point's matchmaking page: the profile of the delegation's organisation, and
which of the delegation's accredited members attend with it (each takes part once they
opt in themselves). The focal point never sees the directory or other organisations.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.delegations import services
from forum.delegations.focal_views import _me, _own_delegation, focal_point_only
from forum.delegations.models import Delegation
from forum.delegations.views import bp
from forum.events.services import current_event
from forum.matchmaking import profiles
from forum.matchmaking.access import takes_part
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.forms import ColleagueForm, ProfileForm
from forum.matchmaking.setup import is_open, tags_of


def _member_ids(delegation: Delegation) -> set[int]:
    return {m.registration_id for m in services.members_of(delegation, with_replaced=False)}


def _page(delegation_id: int) -> str:
    return url_for("delegations.focal_matchmaking", delegation_id=delegation_id)


@bp.route("/my/delegation/<int:delegation_id>/matchmaking", methods=["GET", "POST"])
@focal_point_only
def focal_matchmaking(delegation_id: int) -> str | Response:
    delegation = _own_delegation(delegation_id)
    event = current_event()
    matchmaking_open = is_open(event)
    profile = profiles.delegation_profile(event, delegation.name)
    form = ProfileForm(obj=profile, tags=tags_of(event))
    if request.method == "GET" and profile is not None:
        form.fill_choices_of(profile)
    if matchmaking_open and form.validate_on_submit():
        profiles.save_delegation_profile(event, delegation, form.profile_data(), _me())
        flash(_("The matchmaking profile of %(name)s is saved.", name=delegation.name), "success")
        return redirect(_page(delegation.id))
    member_ids = _member_ids(delegation)
    colleagues = ColleagueForm()
    colleagues.colleague.label.text = _("Member")
    if profile is not None:
        colleagues.colleague.choices = [
            (r.id, f"{r.display_name} · {r.job_title}" if r.job_title else r.display_name)
            for r in profiles.members_to_add(event, profile, member_ids)
        ]
    return render_template(
        "delegations/focal_matchmaking.html",
        delegation=delegation,
        is_open=matchmaking_open,
        profile=profile,
        form=form,
        colleagues=colleagues,
        participants=profile.participants if profile is not None else [],
        member_ids=member_ids,
        takes_part=takes_part,
    )


@bp.post("/my/delegation/<int:delegation_id>/matchmaking/members")
@focal_point_only
def focal_matchmaking_add(delegation_id: int) -> Response:
    delegation = _own_delegation(delegation_id)
    event = current_event()
    profile = profiles.delegation_profile(event, delegation.name)
    if profile is None:
        raise MatchmakingError(_("Save the profile first; then add who attends with it."))
    added = profiles.add_member(
        event,
        profile,
        _member_ids(delegation),
        request.form.get("colleague", type=int) or 0,
        _me(),
    )
    flash(
        _(
            "%(name)s is added: they take part once they opt in on their matchmaking page.",
            name=added.registration.display_name,
        ),
        "success",
    )
    return redirect(_page(delegation.id))


@bp.post("/my/delegation/<int:delegation_id>/matchmaking/members/<int:participant_id>/remove")
@focal_point_only
def focal_matchmaking_remove(delegation_id: int, participant_id: int) -> Response:
    delegation = _own_delegation(delegation_id)
    event = current_event()
    profile = profiles.delegation_profile(event, delegation.name)
    if profile is None:
        raise MatchmakingError(_("That person is not on your profile."))
    profiles.remove_member(event, profile, _member_ids(delegation), participant_id)
    flash(_("They are no longer on the profile; their meetings are cancelled."), "success")
    return redirect(_page(delegation.id))
