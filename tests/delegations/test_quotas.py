"""An organisation's quota counts its people however its name was typed."""

import sqlalchemy as sa

from forum.auth.models import Role
from forum.delegations import quotas
from forum.delegations.models import EventQuota, QuotaKind
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories

SPELLINGS = ["Kyiv Drone Works", "KYIV  drone works", "Київ Drone Works", "Kyiv Drone Works "]


def test_an_organisation_quota_counts_every_spelling_and_refuses_beyond_it(client, auth, event):
    organiser = factories.create_user(role=Role.ORGANISER)
    quota = quotas.set_quota(event, QuotaKind.ORGANISATION, "Kyiv Drone Works", 3, organiser)
    people = [factories.create_registration(event, organisation=name) for name in SPELLINGS]
    other = factories.create_registration(event, organisation="Kyiv Optics")
    db.session.commit()
    auth.as_role(Role.OFFICER)

    for registration in [*people[:3], other]:
        client.post(f"/accreditation/{registration.id}/decide", data={"action": "approve"})
    page = client.post(
        f"/accreditation/{people[3].id}/decide", data={"action": "approve"}, follow_redirects=True
    ).data.decode()

    assert "The quota for Kyiv Drone Works is full (3 accredited)." in page
    for registration in [*people, other]:
        db.session.refresh(registration)
    assert [r.state for r in people] == [RegistrationState.APPROVED] * 3 + [
        RegistrationState.PENDING
    ]
    assert other.state is RegistrationState.APPROVED
    assert quotas.used(quota) == 3
    assert [(use.quota.id, use.used) for use in quotas.quota_use(event)] == [(quota.id, 3)]


def test_setting_a_quota_again_in_another_spelling_changes_the_same_quota(event):
    organiser = factories.create_user(role=Role.ORGANISER)
    first = quotas.set_quota(event, QuotaKind.ORGANISATION, "Kyiv Drone Works", 3, organiser)
    again = quotas.set_quota(event, QuotaKind.ORGANISATION, "Київ drone works", 5, organiser)
    db.session.commit()
    assert again.id == first.id
    assert db.session.scalars(sa.select(EventQuota.places)).all() == [5]
