"""Focal points racing for a delegation's last places, officers for a quota's, with real threads
(SQLite and PostgreSQL)."""

import threading

import sqlalchemy as sa

from forum.auth.models import Role, User
from forum.delegations import members, services
from forum.delegations.models import Delegation, DelegationMember, EventQuota, QuotaKind
from forum.extensions import db
from forum.registration import decisions
from forum.registration.models import Registration
from tests import factories
from tests.delegations.conftest import create_delegation, person
from tests.threads import run_threads


def test_twenty_simultaneous_invitations_for_the_last_three_places(app, event):
    delegation = create_delegation(event, quota=5)
    for n in range(2):
        members.invite_member(delegation, person(100 + n), delegation.focal_point)
    delegation_id, focal_point_id = delegation.id, delegation.focal_point_id
    db.session.commit()

    barrier = threading.Barrier(20)
    outcomes: list[str] = []

    def invite(n: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                racing = db.session.get(Delegation, delegation_id)
                members.invite_member(racing, person(n), racing.focal_point)
                db.session.commit()
                outcomes.append("invited")
            except services.QuotaFullError:
                db.session.rollback()
                outcomes.append("full")
            finally:
                db.session.remove()

    run_threads(invite, [(n,) for n in range(20)])

    assert sorted(outcomes) == ["full"] * 17 + ["invited"] * 3
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 5
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 5
    assert focal_point_id is not None


def test_a_replacement_racing_an_invitation_never_exceeds_the_quota(app, event):
    delegation = create_delegation(event, quota=1)
    old = members.invite_member(delegation, person(1), delegation.focal_point)
    ids = (delegation.id, old.id)
    db.session.commit()

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(kind: str) -> None:
        with app.app_context():
            barrier.wait()
            try:
                racing = db.session.get(Delegation, ids[0])
                if kind == "replace":
                    member = db.session.get(DelegationMember, ids[1])
                    members.replace_member(member, person(2), racing.focal_point)
                else:
                    members.invite_member(racing, person(3), racing.focal_point)
                db.session.commit()
                outcomes.append(kind)
            except services.QuotaFullError:
                db.session.rollback()
                outcomes.append("full")
            finally:
                db.session.remove()

    run_threads(act, [("replace",), ("invite",)])

    assert sorted(outcomes) == ["full", "replace"]
    db.session.rollback()
    assert services.places_used(db.session.get(Delegation, ids[0])) == 1


def test_simultaneous_approvals_never_exceed_a_country_quota(app, event):
    db.session.add(EventQuota(event_id=event.id, kind=QuotaKind.COUNTRY, value="UA", places=3))
    pending = [factories.create_registration(event, country="UA").id for _ in range(12)]
    officer_id = factories.create_user(Role.OFFICER).id
    db.session.commit()

    barrier = threading.Barrier(len(pending))
    outcomes: list[str] = []

    def approve(registration_id: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                decisions.approve(
                    db.session.get(Registration, registration_id),
                    db.session.get(User, officer_id),
                )
                db.session.commit()
                outcomes.append("approved")
            except decisions.CapacityError:
                db.session.rollback()
                outcomes.append("quota full")
            finally:
                db.session.remove()

    run_threads(approve, [(rid,) for rid in pending])

    assert sorted(outcomes) == ["approved"] * 3 + ["quota full"] * 9
