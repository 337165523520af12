"""Signing in and out, and who may use which page."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from forum.auth import reset, views  # noqa: E402, F401  (routes register on import)
