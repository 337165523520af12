"""Staff accounts: organisers invite organisers, accreditation officers, door staff and
security officers, change their role and switch them off, without the command line."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from forum.staff import views  # noqa: E402, F401  (routes register on import)
