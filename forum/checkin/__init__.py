"""Door scanning: checkpoints, scans and device tokens."""

from flask import Blueprint, Response, g
from flask_babel import lazy_gettext as _l
from flask_login import user_logged_out

from forum.auth.models import Role
from forum.main.navigation import add_nav_entry

bp = Blueprint("checkin", __name__)
add_nav_entry("checkin.scanner", _l("Scanner"), Role.STAFF, Role.ORGANISER)
add_nav_entry("checkin.attendance", _l("Attendance"), Role.ORGANISER)


@user_logged_out.connect
def _forget_the_browser_copies(_app, user=None) -> None:
    g.clear_site_data = True


@bp.after_app_request
def _clear_site_data(response: Response) -> Response:
    """Sign-out tells the browser to drop what it kept: the scanner's offline lists and
    queue (IndexedDB), its service worker and cached pages. The scanner page also deletes
    its own database before it signs out (static/js/scanner/signout.js)."""
    if g.get("clear_site_data"):
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.record_once
def _register_cli(state) -> None:
    from forum.checkin.cli import create_device_token_command

    state.app.cli.add_command(create_device_token_command)


from forum.checkin import views  # noqa: E402, F401  (routes register on import)
