"""One rule each: what "accredited" means, how e-mails compare, the registration row lock."""

import sqlalchemy as sa

from forum.auth.models import Role
from forum.auth.services import create_user, find_user
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from forum.registration.queries import find_by_email, lock_registration
from forum.text import normalise_email
from tests import factories

S = RegistrationState


def test_only_an_approved_registration_is_accredited_in_python_and_in_sql(event):
    for state in S:
        factories.create_registration(event, state=state)
    accredited = db.session.scalars(sa.select(Registration).where(Registration.is_accredited))
    assert [r.state for r in accredited] == [S.APPROVED]
    assert {state for state in S if Registration(state=state).is_accredited} == {S.APPROVED}


def test_emails_are_normalised_by_lower_casing_not_case_folding():
    assert normalise_email("  Olena.Kovalenko@Example.ORG ") == "olena.kovalenko@example.org"
    # casefold() would make "ß" into "ss": another mailbox.
    assert normalise_email("STRAẞE@Example.de") == "straße@example.de"
    assert normalise_email("Straße@example.de") != normalise_email("Strasse@example.de")


def test_registrations_and_accounts_find_an_email_whatever_its_case(event):
    registration = factories.create_registration(event, email="Jürgen.Straße@Example.de")
    user = create_user("Jürgen.Straße@Example.de", "a long enough password", Role.DELEGATE)
    assert registration.email_key == user.email == "jürgen.straße@example.de"
    assert find_by_email(event, " JÜRGEN.STRAẞE@example.DE") is registration
    assert find_user("JÜRGEN.STRAẞE@example.DE") is user
    assert find_by_email(event, "jurgen.strasse@example.de") is None
    assert find_user("jürgen.strasse@example.de") is None


def test_lock_registration_reloads_the_row(event):
    registration = factories.create_registration(event)
    db.session.execute(  # as another request's committed change would be
        sa.update(Registration)
        .where(Registration.id == registration.id)
        .values(state=S.APPROVED)
        .execution_options(synchronize_session=False)
    )
    assert registration.state is S.PENDING  # the stale copy this request holds
    assert lock_registration(registration) is registration
    assert registration.is_accredited
