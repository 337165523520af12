"""Flask extensions, created unbound and initialised by create_app()."""

from flask import session
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from forum.db import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()


class ForumLoginManager(LoginManager):
    """Flask-Login with "strong" session protection for signed-in sessions only.

    A visitor's session (a form's CSRF token, nothing else) has no identity to protect;
    Flask-Login would still "clear" it on every request, and every response, a style
    sheet's too, would then send the cookie again. A style sheet's answer arriving after
    the page's would put back the cookie without the page form's CSRF token: "form
    expired" on sign-in.
    """

    def _session_protection_failed(self) -> bool:
        if "_user_id" not in session:
            return False
        return super()._session_protection_failed()


login_manager = ForumLoginManager()
csrf = CSRFProtect()
babel = Babel()
# In memory by default; shared Redis when FORUM_REDIS_URL is set (see create_app).
# The storage comes from the app's RATELIMIT_STORAGE_URI: a storage_uri given here
# would win over the configuration and keep every server counting on its own.
limiter = Limiter(key_func=get_remote_address)
