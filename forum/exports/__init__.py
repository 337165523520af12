"""Large exports through the task queue: the officer asks, the worker makes the file,
the officer downloads it from the job's page (small exports stay direct downloads)."""

from flask import Blueprint

bp = Blueprint("exports", __name__)


from forum.exports import tasks, views  # noqa: E402, F401  (routes register on import)
