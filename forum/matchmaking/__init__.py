"""B2B matchmaking: organisation profiles, a directory, meeting requests, slots and tables."""

from flask import Blueprint, url_for
from flask_babel import lazy_gettext as _l

from forum.auth.models import Role
from forum.main.navigation import add_nav_entry
from forum.signals import agenda_entries, registration_left

bp = Blueprint("matchmaking", __name__)

add_nav_entry("matchmaking.home", _l("Matchmaking"), Role.DELEGATE)
add_nav_entry("matchmaking.admin_overview", _l("Matchmaking"), Role.ORGANISER)


@bp.record_once
def _connect_signals(state) -> None:
    # A delegate who is no longer accredited leaves matchmaking; the other sides are told.
    registration_left.connect(profiles.release_participant)
    # The programme's My agenda and calendar feed show the delegate's meetings.
    agenda_entries.connect(agenda.agenda_entries)


@bp.app_context_processor
def _matchmaking_link() -> dict:
    """Where the programme's B2B sessions send people: the matchmaking pages."""
    return {"matchmaking_url": url_for("matchmaking.home")}


from forum.matchmaking import (  # noqa: E402, F401  (routes and receivers)
    admin_views,
    agenda,
    profile_views,
    profiles,
    views,
)
