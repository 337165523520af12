"""Which side of the forum an organisation is on, from its type and country."""

from forum.matchmaking.models import Audience, Side
from forum.registration.models import OrganisationType

# The member states of the European Union (ISO 3166-1 alpha-2).
EU_MEMBER_STATES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
UKRAINIAN_TYPES = frozenset({OrganisationType.UA_GOVERNMENT, OrganisationType.UA_INDUSTRY})
EU_TYPES = frozenset(
    {OrganisationType.EU_INSTITUTION, OrganisationType.EU_GOVERNMENT, OrganisationType.EU_INDUSTRY}
)


def side_of(organisation_type: OrganisationType, country: str) -> Side:
    """Ukrainian organisations (by type or country) are on Ukraine's side, EU institutions,
    governments and companies of member states on the EU's; partners are neither."""
    if organisation_type in UKRAINIAN_TYPES or country == "UA":
        return Side.UKRAINE
    if organisation_type in EU_TYPES or country in EU_MEMBER_STATES:
        return Side.EU
    return Side.OTHER


def may_see(audience: Audience, viewer_side: Side) -> bool:
    """May a participant of `viewer_side` see a profile shown to `audience`?"""
    return audience is Audience.EVERYONE or audience.value == viewer_side.value
