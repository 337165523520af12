"""Flask extensions, created unbound and initialised by create_app()."""

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
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# In memory by default; shared Redis when FORUM_REDIS_URL is set (see create_app).
# The storage comes from the app's RATELIMIT_STORAGE_URI: a storage_uri given here
# would win over the configuration and keep every server counting on its own.
limiter = Limiter(key_func=get_remote_address)
