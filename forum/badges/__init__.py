"""QR-coded badges: signed tokens and print-ready PDFs."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from forum.auth.models import Role
from forum.main.navigation import add_nav_entry
from forum.signals import badge_details_changed

bp = Blueprint("badges", __name__)
add_nav_entry("badges.admin_badges", _l("Badges"), Role.ORGANISER)


@bp.record_once
def _register_cli(state) -> None:
    from forum.badges.cli import badges_command

    state.app.cli.add_command(badges_command)


@bp.record_once
def _connect_signals(state) -> None:
    # A delegate's printed details changed: the old badge's QR code must stop working.
    badge_details_changed.connect(services.reissue)


from forum.badges import attachments, services, tasks, views  # noqa: E402, F401  (routes register on import)
