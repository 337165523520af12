"""The demo forum's delegations: a ministry, an EU institution and three companies, members in
every state, a focal point who signs in; security vetting off until switched on."""

import sqlalchemy as sa

from forum.delegations.models import Delegation, DelegationMember
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import OrganisationType, RegistrationState
from forum.vetting import services as vetting


def test_the_demo_has_delegations_with_members_in_every_state(runner, client):
    result = runner.invoke(args=["seed-demo", "--delegates", "60"])
    assert result.exit_code == 0, result.output
    delegations = db.session.scalars(sa.select(Delegation)).all()
    types = sorted(d.organisation_type for d in delegations)
    assert types.count(OrganisationType.UA_GOVERNMENT) == 1
    assert types.count(OrganisationType.EU_INSTITUTION) == 1
    assert len(delegations) == 5
    members = db.session.scalars(sa.select(DelegationMember)).all()
    states = {m.registration.state for m in members}
    assert states == set(RegistrationState)
    assert any(m.on_behalf for m in members) and any(m.replacement for m in members)

    # The first focal point's login is printed and works; vetting is off until switched on.
    login = next(line for line in result.output.splitlines() if "focal_point" in line)
    _role, email, password = login.split()
    response = client.post("/sign-in", data={"email": email, "password": password})
    assert response.headers["Location"].endswith("/my/delegation")
    page = client.get("/my/delegation", follow_redirects=True).get_data(as_text=True)
    assert "Гриценко" in page
    event = db.session.scalar(sa.select(Event))
    assert not vetting.is_required(event)
    switched = runner.invoke(args=["vetting", "on"])
    assert switched.exit_code == 0 and "Security vetting is on" in switched.output
    db.session.expire_all()
    assert vetting.is_required(event)
