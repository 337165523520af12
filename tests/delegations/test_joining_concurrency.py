"""Organisers moving registrations into a delegation race a focal point's invitation for its
last place, with real threads (SQLite and PostgreSQL): the quota is never exceeded."""

import threading

import sqlalchemy as sa

from forum.auth.models import Role, User
from forum.delegations import joining, members, services
from forum.delegations.models import Delegation, DelegationMember
from forum.extensions import db
from forum.registration.models import Registration
from tests import factories
from tests.delegations.conftest import create_delegation, person
from tests.threads import run_threads


def test_simultaneous_moves_and_an_invitation_share_the_last_two_places(app, event):
    delegation = create_delegation(event, quota=3)
    members.invite_member(delegation, person(1), delegation.focal_point)
    solo = [factories.create_registration(event).id for _ in range(8)]
    organiser_id = factories.create_user(Role.ORGANISER).id
    delegation_id = delegation.id
    db.session.commit()

    barrier = threading.Barrier(len(solo) + 1)
    outcomes: list[str] = []

    def act(kind: str, registration_id: int | None) -> None:
        with app.app_context():
            barrier.wait()
            try:
                racing = db.session.get(Delegation, delegation_id)
                if kind == "move":
                    joining.add_registration(
                        racing,
                        db.session.get(Registration, registration_id),
                        db.session.get(User, organiser_id),
                    )
                else:
                    members.invite_member(racing, person(2), racing.focal_point)
                db.session.commit()
                outcomes.append(kind)
            except services.QuotaFullError:
                db.session.rollback()
                outcomes.append("full")
            finally:
                db.session.remove()

    run_threads(act, [("move", rid) for rid in solo] + [("invite", None)])

    assert len(outcomes) == 9 and outcomes.count("full") == 7
    db.session.rollback()
    assert services.places_used(db.session.get(Delegation, delegation_id)) == 3
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 3


def test_two_organisers_moving_one_person_into_two_delegations(app, event):
    first = create_delegation(event, quota=5, name="Company X")
    second = create_delegation(event, quota=5, name="Company Y")
    registration_id = factories.create_registration(event).id
    organiser_id = factories.create_user(Role.ORGANISER).id
    ids = (first.id, second.id)
    db.session.commit()

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def move(delegation_id: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                joining.add_registration(
                    db.session.get(Delegation, delegation_id),
                    db.session.get(Registration, registration_id),
                    db.session.get(User, organiser_id),
                )
                db.session.commit()
                outcomes.append("moved")
            except services.DelegationError:
                db.session.rollback()
                outcomes.append("refused")
            finally:
                db.session.remove()

    run_threads(move, [(i,) for i in ids])

    assert sorted(outcomes) == ["moved", "refused"]
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 1
