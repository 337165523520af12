"""How many statements the delegation pages cost: the same for 2 members or quotas as for 8.

Budgets, not copies of the SQL: each page reads its members and counts its quotas at once.
"""

import pytest
import sqlalchemy as sa

from forum.auth.models import Role
from forum.delegations.models import DelegationMember, EventQuota, QuotaKind
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories
from tests.delegations.conftest import create_delegation


@pytest.fixture
def count_statements(app):
    """count_statements(fetch) -> how many SQL statements fetch() sent."""

    def count(fetch) -> int:
        sent = []

        def record(conn, cursor, statement, parameters, context, executemany):
            sent.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert fetch().status_code == 200
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)
        return len(sent)

    return count


def add_members(event, delegation, how_many: int) -> None:
    for _n in range(how_many):
        registration = factories.create_registration(event, state=RegistrationState.PENDING)
        db.session.add(
            DelegationMember(delegation_id=delegation.id, registration_id=registration.id)
        )
    db.session.commit()


def add_quotas(event, *codes: str) -> None:
    for code in codes:
        db.session.add(EventQuota(event_id=event.id, kind=QuotaKind.COUNTRY, value=code, places=3))
    db.session.commit()


def test_a_delegation_page_reads_its_members_at_once(client, auth, event, count_statements):
    few, many = create_delegation(event, quota=20), create_delegation(event, quota=20)
    add_members(event, few, 2)
    add_members(event, many, 8)
    auth.as_role(Role.ORGANISER)
    staff_page = [
        count_statements(lambda d=d: client.get(f"/delegations/{d.id}")) for d in (few, many)
    ]
    assert staff_page[0] == staff_page[1]
    auth.sign_out()
    for delegation in (few, many):
        delegation.focal_point = few.focal_point
    db.session.commit()
    auth.sign_in(few.focal_point.email)
    focal_page = [
        count_statements(lambda d=d: client.get(f"/my/delegation/{d.id}")) for d in (few, many)
    ]
    assert focal_page[0] == focal_page[1]


def test_the_quotas_are_counted_in_one_statement(client, auth, event, count_statements):
    delegation = create_delegation(event)
    auth.as_role(Role.ORGANISER)
    pages = ("/delegations/quotas", f"/accreditation/?delegation={delegation.id}")
    add_quotas(event, "UA", "BE")
    with_two = [count_statements(lambda url=url: client.get(url)) for url in pages]
    add_quotas(event, "PL", "DE", "FR", "IT", "ES", "NL")
    with_eight = [count_statements(lambda url=url: client.get(url)) for url in pages]
    assert with_two == with_eight
