"""QR-coded badges: signed tokens and print-ready PDFs."""

from flask import Blueprint

bp = Blueprint("badges", __name__)

from forum.badges import views  # noqa: E402, F401  (routes register on import)
