"""The programme: rooms, working sessions, speakers and delegate sign-ups."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from forum.auth.access import EVERYONE
from forum.auth.models import Role
from forum.main.navigation import add_nav_entry
from forum.signals import registration_left

bp = Blueprint("programme", __name__)

add_nav_entry("programme.public_programme", _l("Programme"), EVERYONE)
add_nav_entry("programme.admin_schedule", _l("Schedule"), Role.ORGANISER)
add_nav_entry("programme.my_agenda", _l("My agenda"), Role.DELEGATE)


@bp.record_once
def _connect_signals(state) -> None:
    # A delegate who is no longer accredited gives up their seats to the waiting lists.
    registration_left.connect(signups.release_sign_ups)


from forum.programme import admin_views, signups, speaker_views, views  # noqa: E402, F401  (routes)
