"""The programme: rooms, working sessions, speakers and delegate sign-ups."""

from flask import Blueprint

bp = Blueprint("programme", __name__)

from forum.programme import views  # noqa: E402, F401  (routes register on import)
