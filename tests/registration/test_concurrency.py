"""Approvals racing for the last places, with real threads (on SQLite and PostgreSQL)."""

import threading

import sqlalchemy as sa

from forum.auth.models import Role, User
from forum.extensions import db
from forum.registration import decisions
from forum.registration.models import Registration, RegistrationState
from tests import factories
from tests.threads import run_threads


def test_thirty_simultaneous_approvals_for_the_last_five_places(app, event):
    event.delegate_capacity = 25
    for _ in range(20):
        factories.create_registration(event, state=RegistrationState.APPROVED)
    pending = [factories.create_registration(event).id for _ in range(30)]
    officer_id = factories.create_user(Role.OFFICER).id
    db.session.commit()

    barrier = threading.Barrier(len(pending))
    outcomes: list[str] = []

    def approve(registration_id: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                registration = db.session.get(Registration, registration_id)
                officer = db.session.get(User, officer_id)
                decisions.approve(registration, officer)
                db.session.commit()
                outcomes.append("approved")
            except decisions.CapacityError:
                db.session.rollback()
                outcomes.append("full")
            finally:
                db.session.remove()

    run_threads(approve, [(rid,) for rid in pending])

    assert sorted(outcomes) == ["approved"] * 5 + ["full"] * 25
    approved = db.session.scalar(
        sa.select(sa.func.count(Registration.id)).where(
            Registration.state == RegistrationState.APPROVED
        )
    )
    assert approved == 25
