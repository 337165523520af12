"""Focal points racing for a delegation's last places, with real threads (SQLite and PostgreSQL)."""

import threading

import sqlalchemy as sa

from forum.delegations import members, services
from forum.delegations.models import Delegation, DelegationMember
from forum.extensions import db
from forum.registration.models import Registration
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
