"""The home page, language switch and error pages."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from forum.main import views  # noqa: E402, F401  (routes register on import)
