"""Delegate registration and accreditation."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from forum.auth.models import Role
from forum.main.navigation import add_nav_entry
from forum.signals import password_accepted

bp = Blueprint("registration", __name__)

add_nav_entry("registration.dashboard", _l("My registration"), Role.DELEGATE)
add_nav_entry("registration.admin_list", _l("Registrations"), Role.ORGANISER, Role.OFFICER)


@bp.record_once
def _connect_signals(state) -> None:
    # An account whose e-mail address is not confirmed yet cannot sign in.
    password_accepted.connect(services.refuse_unconfirmed)


from forum.registration import (  # noqa: E402, F401  (routes register on import)
    admin_views,
    desk_views,
    services,
    titles,
    views,
)

bp.add_app_template_global(titles.salutation)  # the first line of a mail to a delegate
bp.add_app_template_filter(titles.titled_name, "titled_name")  # the officers' lists' names
