"""The welcome link of a new staff account: choose a password, within a week."""

from forum.auth.links import WelcomeLink
from forum.auth.models import STAFF_ROLES

STAFF_WELCOME = WelcomeLink("staff-welcome", max_age_days=7, roles=frozenset(STAFF_ROLES))
