"""GET /healthz: is the database reachable? For the load balancer and monitoring."""

import sqlalchemy as sa
from flask import Blueprint, jsonify
from werkzeug.wrappers import Response

from forum.auth.access import public
from forum.extensions import db, limiter

bp = Blueprint("ops", __name__)


def database_reachable() -> bool:
    """True when a trivial query succeeds on the app's database."""
    try:
        db.session.execute(sa.text("SELECT 1"))
        return True
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return False


@bp.get("/healthz")
@public
@limiter.exempt
def healthz() -> tuple[Response, int]:
    if database_reachable():
        return jsonify(status="ok", database="ok"), 200
    return jsonify(status="error", database="unreachable"), 503
