"""Helpers for the delegation tests: a delegation with its focal point signed in or not."""

import pytest

from forum.auth.models import Role
from forum.delegations.models import Delegation, DelegationCategoryQuota
from forum.extensions import db
from forum.registration.models import BadgeCategory, OrganisationType
from tests import factories
from tests.mail.conftest import new_worker, start_worker  # noqa: F401 (the real worker, for piles)
from tests.matchmaking.conftest import forum  # noqa: F401 (a fixture: matchmaking open)


def create_delegation(event, quota: int = 5, shares: dict | None = None, **fields) -> Delegation:
    """A delegation whose focal point has an account with the test password."""
    focal_point = fields.pop("focal_point", None) or factories.create_user(Role.FOCAL_POINT)
    values = dict(
        name=f"Ministry of Strategic Industries of Ukraine {focal_point.id}",
        name_latin="",
        organisation_type=OrganisationType.UA_GOVERNMENT,
        country="UA",
        focal_point_name="Oksana Melnyk",
        focal_point_email=focal_point.email,
    )
    values.update(fields)
    delegation = Delegation(event_id=event.id, quota=quota, focal_point=focal_point, **values)
    for category, places in (shares or {}).items():
        delegation.category_quotas.append(
            DelegationCategoryQuota(category=BadgeCategory(category), places=places)
        )
    db.session.add(delegation)
    db.session.flush()
    return delegation


def person(n: int = 1, **changes) -> dict:
    values = {
        "title": "",
        "given_name": "Андрій",
        "family_name": f"Шевченко{n}",
        "passport_given_name": "",
        "passport_family_name": "",
        "email": f"member{n}@mil.example.org",
        "country": "UA",
        "category": "delegate",
        "locale": "uk",
    }
    values.update(changes)
    return values


@pytest.fixture
def delegation(event):
    made = create_delegation(event)
    db.session.commit()
    return made
