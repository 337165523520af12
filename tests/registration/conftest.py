"""Helpers for the registration tests: a valid form, a tiny photo."""

import io

import pytest
from PIL import Image


def form_data(**changes) -> dict:
    data = {
        "title": "Dr",
        "given_name": "Олена",
        "family_name": "Бондаренко",
        "email": "olena.bondarenko@example.org",
        "phone": "+380 44 123 4567",
        "job_title": "Head of International Cooperation",
        "organisation": "Kyiv Drone Works",
        "organisation_type": "ua_industry",
        "country": "UA",
        "requested_category": "delegate",
        "dietary_needs": "",
        "accessibility_needs": "",
        "password": "a long enough password",
        "password_again": "a long enough password",
        "consent_data": "y",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def image_bytes(fmt: str = "JPEG", size=(400, 500)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 80, 160)).save(out, fmt)
    return out.getvalue()


@pytest.fixture
def registration_form():
    return form_data
