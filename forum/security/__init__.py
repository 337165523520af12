"""Security: headers, two-factor sign-in, sign-in delays and the guard that enforces 2FA."""

from flask import Blueprint, Flask, abort, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forum.main.navigation import add_nav_entry
from forum.security.twofactor import ROLES_WITH_TWO_FACTOR

bp = Blueprint("security", __name__)

# What an organiser or officer without two-factor may still reach when it is required.
ENROLMENT_ALLOWED = frozenset(
    {
        "static",
        "auth.sign_out",
        "main.set_language",
        "main.privacy",
        "ops.healthz",
        "security.two_factor",
        "security.begin_enrolment",
        "security.enrol",
    }
)


def enforce_two_factor_enrolment():
    """Send an organiser or officer without two-factor to enrolment when it is required."""
    from forum.security.twofactor import has_two_factor, two_factor_required

    if not current_user.is_authenticated or request.endpoint in ENROLMENT_ALLOWED:
        return None
    if two_factor_required(current_user) and not has_two_factor(current_user):
        if request.path.startswith("/api/"):
            abort(403)
        return redirect(url_for("security.two_factor"))
    return None


def init_app(app: Flask) -> None:
    from forum.security import headers, views  # noqa: F401  (routes)
    from forum.security.limits import apply_route_limits

    headers.init_app(app)
    app.register_blueprint(bp)
    apply_route_limits(app)
    app.before_request(enforce_two_factor_enrolment)


add_nav_entry("security.two_factor", _l("Sign-in security"), *ROLES_WITH_TWO_FACTOR)
