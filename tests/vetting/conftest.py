"""Helpers for the vetting tests: valid identity data, an event that vets."""

import pytest

from forum.extensions import db
from forum.vetting import services


def identity(**changes) -> dict:
    values = {
        "document_family_name": "KAMYSHYN",
        "document_given_names": "OLEKSANDR",
        "nationality": "UA",
        "date_of_birth": "1984-06-12",
        "place_of_birth": "Kyiv",
        "document_type": "diplomatic_passport",
        "document_number": "DP123456",
        "document_country": "UA",
        "document_expiry": "2031-01-31",
    }
    values.update(changes)
    return values


@pytest.fixture
def vetted_event(event):
    services.switch(event, True)
    db.session.commit()
    return event
