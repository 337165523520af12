"""Door scanning: checkpoints, scans and device tokens."""

from flask import Blueprint

bp = Blueprint("checkin", __name__)

from forum.checkin import views  # noqa: E402, F401  (routes register on import)
