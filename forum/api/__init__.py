"""The JSON API under /api/v1 (programme, check-in) and its OpenAPI document."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from forum.api import checkin, openapi, programme  # noqa: E402, F401  (routes register on import)
