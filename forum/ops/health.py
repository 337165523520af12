"""GET /healthz: is the database reachable, and how is the queue? For the load balancer
and monitoring.

The status (200 or 503) follows the database alone: a late mail queue is a matter for
monitoring (alert on `queue.mail.oldest_waiting_seconds`, `queue.mail.failed` and
`queue.tasks.worker_seen_seconds_ago`), not a reason to take a web server out.
"""

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify
from werkzeug.wrappers import Response

from forum.auth.access import public
from forum.extensions import db, limiter
from forum.mail.queries import outbox_figures
from forum.tasks import queue_status

bp = Blueprint("ops", __name__)


def database_reachable() -> bool:
    """True when a trivial query succeeds on the app's database."""
    try:
        db.session.execute(sa.text("SELECT 1"))
        return True
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return False


def queue_report() -> dict:
    """The mail outbox's figures and the task queue's; "unreachable" for a part that does
    not answer (Redis away)."""
    report: dict = {}
    try:
        figures = outbox_figures()
        report["mail"] = {
            "waiting": figures.waiting,
            "oldest_waiting_seconds": figures.oldest_waiting_seconds(),
            "failed": figures.failed,
        }
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        report["mail"] = "unreachable"
    try:
        report["tasks"] = queue_status()
    except Exception:  # the queue's storage (Redis, a file) did not answer
        current_app.logger.warning("The task queue did not answer the health check", exc_info=True)
        report["tasks"] = "unreachable"
    return report


@bp.get("/healthz")
@public
@limiter.exempt
def healthz() -> tuple[Response, int]:
    if database_reachable():
        return jsonify(status="ok", database="ok", queue=queue_report()), 200
    return jsonify(status="error", database="unreachable"), 503
