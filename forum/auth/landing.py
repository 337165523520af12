"""Where each role starts after signing in: the page where its work is."""

from flask import current_app, url_for

from forum.auth.models import Role, User

# Delegates follow their registration, officers work the pending queue, door staff scan,
# organisers watch the forum fill.
LANDING = {
    Role.DELEGATE: "registration.dashboard",
    Role.OFFICER: "registration.admin_list",
    Role.STAFF: "checkin.scanner",
    Role.ORGANISER: "checkin.attendance",
    Role.FOCAL_POINT: "delegations.mine",
    Role.SECURITY_OFFICER: "vetting.people",
}


def landing_url(user: User) -> str:
    """The page `user` lands on after signing in (the home page for a role with none)."""
    endpoint = LANDING.get(user.role)
    if endpoint is None or endpoint not in current_app.view_functions:
        return url_for("main.index")
    return url_for(endpoint)
