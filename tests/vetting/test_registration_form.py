"""When the forum vets its participants, the registration form asks for the identity data."""

import sqlalchemy as sa

from forum.extensions import db
from forum.registration.models import Registration
from forum.vetting import services
from forum.vetting.models import VettingStatus as V
from tests.registration.conftest import form_data
from tests.vetting.conftest import identity

UK = {"Accept-Language": "uk-UA,uk;q=0.9"}


def with_identity(**changes) -> dict:
    return {**form_data(), **{f"identity-{k}": v for k, v in identity(**changes).items()}}


def registrations() -> list[Registration]:
    db.session.rollback()
    return db.session.scalars(sa.select(Registration)).all()


def test_the_registration_form_takes_the_identity_data_when_vetting_is_on(client, vetted_event):
    page = client.get("/register").get_data(True)
    assert (
        "Identity data for security vetting" in page and 'name="identity-document_number"' in page
    )

    response = client.post("/register", data=with_identity())
    assert response.status_code == 302, response.get_data(True)
    (registration,) = registrations()
    assert services.status_of(registration) is V.AWAITING
    assert services.vetting_of(registration).identity["document_number"] == "DP123456"


def test_wrong_identity_data_keeps_the_form_and_saves_nothing(client, vetted_event):
    page = client.post(
        "/register", data=with_identity(document_expiry="2020-01-01"), headers=UK
    ).get_data(True)
    assert "Строк дії документа спливає до форуму" in page  # by field, in the reader's language
    assert registrations() == []

    missing = {k: v for k, v in with_identity().items() if k != "identity-document_number"}
    page = client.post("/register", data=missing).get_data(True)
    assert "Please correct 1 field" in page
    assert registrations() == []


def test_the_form_asks_nothing_of_the_kind_when_vetting_is_off(client, event):
    assert "identity-document_number" not in client.get("/register").get_data(True)
    assert client.post("/register", data=form_data()).status_code == 302
    (registration,) = registrations()
    assert services.vetting_of(registration) is None
