"""Door scanning: checkpoints, scans and device tokens."""

from flask import Blueprint, Response, g
from flask_babel import lazy_gettext as _l
from flask_login import user_logged_out

from forum.auth.models import Role
from forum.checkin import pairing
from forum.checkin.tags import AttentionTag
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
    its own database before it signs out (static/js/scanner/signout.js).

    A paired phone whose device session no longer works (forum.checkin.callers) loses its
    cookie and the same stored data."""
    if g.get("forget_paired_phone"):
        response.delete_cookie(pairing.COOKIE_NAME, path="/")
    if g.get("clear_site_data") or g.get("forget_paired_phone"):
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.app_context_processor
def _door_attention_tags() -> dict:
    """The tags officers may set for the door (templates/checkin/_attention.html)."""
    return {"door_attention_tags": list(AttentionTag)}


@bp.record_once
def _register_cli(state) -> None:
    from forum.checkin.cli import create_device_token_command

    state.app.cli.add_command(create_device_token_command)


from forum.checkin import device_views, scanner_views, views  # noqa: E402, F401  (routes)
