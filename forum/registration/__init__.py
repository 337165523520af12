"""Delegate registration and accreditation."""

from flask import Blueprint

bp = Blueprint("registration", __name__)

from forum.registration import views  # noqa: E402, F401  (routes register on import)
