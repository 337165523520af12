"""Door scanning: checkpoints, scans and device tokens."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from forum.auth.models import Role
from forum.main.navigation import add_nav_entry

bp = Blueprint("checkin", __name__)
add_nav_entry("checkin.scanner", _l("Scanner"), Role.STAFF, Role.ORGANISER)
add_nav_entry("checkin.attendance", _l("Attendance"), Role.ORGANISER)


@bp.record_once
def _register_cli(state) -> None:
    from forum.checkin.cli import create_device_token_command

    state.app.cli.add_command(create_device_token_command)


from forum.checkin import views  # noqa: E402, F401  (routes register on import)
