"""The focal point's welcome link: choose a password for the account made with the
delegation, within 30 days (forum.auth.links.WelcomeLink)."""

from forum.auth.links import WelcomeLink
from forum.auth.models import Role, User

FOCAL_POINT_WELCOME = WelcomeLink(
    "focal-point-welcome", max_age_days=30, roles=frozenset({Role.FOCAL_POINT})
)


def make_welcome_token(user: User) -> str:
    return FOCAL_POINT_WELCOME.make(user)


def read_welcome_token(token: str) -> User | None:
    """The focal point's account the link was made for, while its password is unchanged."""
    return FOCAL_POINT_WELCOME.read(token)
