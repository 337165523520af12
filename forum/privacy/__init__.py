"""Privacy: what a delegate can see and erase of their data, and the retention purge."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

from forum.auth.models import Role
from forum.main.navigation import add_nav_entry

bp = Blueprint("privacy", __name__)


def init_app(app: Flask) -> None:
    from forum.privacy import views  # noqa: F401  (routes)

    app.register_blueprint(bp)


add_nav_entry("privacy.my_data", _l("My data"), Role.DELEGATE)
