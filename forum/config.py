"""Default settings. Secrets come from the environment (FORUM_*) or instance/config.py."""

from datetime import timedelta

DEV_SECRET_KEY = "dev-only-not-secret"
DEV_BASE_URL = "http://127.0.0.1:5000"


class Defaults:
    ENV = "development"
    SECRET_KEY = DEV_SECRET_KEY
    # None means SQLite in the instance folder; set by create_app().
    DATABASE_URL: str | None = None
    # Slug of the event this instance serves; None means the only (or latest) one.
    EVENT_SLUG: str | None = None

    # Keys that sign badge QR codes, newest last (the newest signs, all verify; see
    # docs/badges.md). None derives one key from SECRET_KEY.
    BADGE_SIGNING_KEYS: list[str] | None = None

    LANGUAGES = ("en", "uk")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/Brussels"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # "Keep me signed in" (never for organisers and officers, forum/auth/sessions.py), and
    # how long a session not kept lasts on the server. Sign-out ends either at once.
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    SIGN_IN_SESSION_LIFETIME = timedelta(hours=24)
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024

    # Where the site is reached (FORUM_BASE_URL, e.g. https://forum.example.org): every
    # link in a mail is built on it, never on the request's Host header. Required in
    # production; None in development means DEV_BASE_URL.
    BASE_URL: str | None = None
    # Production answers only for BASE_URL's host plus these (FORUM_TRUSTED_HOSTS: host
    # names, comma-separated or a JSON list); any other Host header gets 400. None in
    # development: any host.
    TRUSTED_HOSTS: list[str] | str | None = None

    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_SENDER = "forum@localhost"
    MAIL_SENDER_NAME = "EU-Ukraine Defence Industry Forum"
    # Named in every mail for questions (FORUM_MAIL_CONTACT): a mailbox people read.
    # None names MAIL_SENDER, which is only right when replies to it are read.
    MAIL_CONTACT: str | None = None
    # Where mail goes when no MAIL_SERVER is set; None means instance/outbox/.
    MAIL_OUTBOX: str | None = None
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_USE_TLS = False
    # The outbox (forum/mail, docs/deployment.md): seconds the SMTP server may take per
    # step; the waits before each new attempt at a mail the server did not take (seconds,
    # the last one repeats) and for how long it is tried before it is marked failed; when
    # a mail claimed by a worker that died goes back in the queue; how long one delivery
    # task runs before it hands over; how long sent and failed mails are kept (they name
    # people). FORUM_* variables give durations in seconds.
    MAIL_TIMEOUT = 20
    MAIL_RETRY_DELAYS = (20, 60, 180, 600, 1800, 3600)
    MAIL_RETRY_FOR = timedelta(days=2)
    MAIL_CLAIM_TIMEOUT = timedelta(minutes=15)
    MAIL_DELIVERY_SECONDS = 30
    MAIL_KEEP_SENT = timedelta(days=30)
    MAIL_KEEP_FAILED = timedelta(days=90)

    # Rate limits live in memory unless FORUM_REDIS_URL points at a shared Redis.
    REDIS_URL: str | None = None
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # If Redis goes away mid-event, keep serving (doors must open): count in memory
    # per process until it is back, and never turn a storage error into a 500.
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}

    # The task queue (forum/tasks): on Redis when REDIS_URL is set, else on a SQLite file
    # (None: instance/tasks.sqlite; one machine only). Instances sharing one Redis keep
    # apart by name (None: a name derived from the database URL). TASKS_IMMEDIATE runs a
    # task at once in the code that queues it, with no worker (the tests do).
    TASK_QUEUE_NAME: str | None = None
    TASK_QUEUE_SQLITE: str | None = None
    TASKS_IMMEDIATE = False
    # Tasks one `flask --app forum worker` runs at once (threads).
    WORKER_THREADS = 2

    # Generated files (badge print runs): None keeps them in the database, which every
    # server reads; a directory must be one shared by every web server and worker
    # (docs/deployment.md). FORUM_* variables give durations in seconds.
    FILE_STORAGE_DIR: str | None = None
    # Badge print runs (forum/badges/runs.py): how long a finished run and its PDF are
    # kept (badges are door keys); after how long without a sign of life from its
    # worker a run is taken over by another; how many starts before it is given up.
    BADGE_RUN_KEEP = timedelta(days=1)
    BADGE_RUN_STALE_SECONDS = 60
    BADGE_RUN_ATTEMPTS = 3
    # The officers' exports of registrations (forum/exports): up to this many rows the
    # file is made in the request and downloaded at once; a larger one is made by the
    # worker. Its file is kept this long (personal data); a job waiting or running this
    # long (seconds) is queued again, as its task was lost or its worker died.
    EXPORT_INLINE_ROWS = 1000
    EXPORT_KEEP = timedelta(days=1)
    EXPORT_STALE_SECONDS = 600

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Security (forum/security): two-factor sign-in for organisers and officers is
    # required when this is True; None means "required when ENV is production".
    TWO_FACTOR_REQUIRED: bool | None = None
    # Name shown in authenticator apps next to the account.
    TWO_FACTOR_ISSUER = "EU-UA Defence Industry Forum"
    # Sign-in limits: per client address and per account (e-mail typed).
    SIGN_IN_LIMIT_PER_IP = "30 per 15 minutes"
    SIGN_IN_LIMIT_PER_ACCOUNT = "10 per 15 minutes"
    # Registrations sent per client address: a registration desk at the venue (or one
    # ministry's network) shares one address, hence the room. docs/security.md quotes it.
    REGISTRATION_LIMIT = "60 per hour"
    # Per scanner device or staff account (not per address: the venue shares one).
    SCAN_LIMIT = "120 per minute"
    SEARCH_LIMIT = "60 per minute"
    OFFLINE_LIST_LIMIT = "30 per minute"
    # Photo uploads per account (per address before signing in), counted only when a
    # photo is sent; and how many photos one server process decodes at once, and how
    # long an upload waits for its turn before "try again" (forum/photos.py).
    PHOTO_UPLOAD_LIMIT = "20 per hour"
    PHOTO_DECODERS = 2
    PHOTO_WAIT_SECONDS = 10
    # After this many failed sign-ins in a row, an account waits 2**n seconds (n failures).
    SIGN_IN_DELAY_AFTER = 5
    SIGN_IN_MAX_DELAY = 15 * 60

    # Operations (forum/ops): log level; how many proxies in front set X-Forwarded-*
    # (0 trusts none; behind one nginx: FORUM_PROXY_FIX_X_FOR=1 FORUM_PROXY_FIX_X_PROTO=1).
    LOG_LEVEL = "INFO"
    # The app's own access line per request (with its request id). gunicorn.conf.py turns
    # it off: gunicorn writes that line itself, and the app's would repeat it.
    ACCESS_LOG = True
    PROXY_FIX_X_FOR = 0
    PROXY_FIX_X_PROTO = 0
    PROXY_FIX_X_HOST = 0
    PROXY_FIX_X_PORT = 0
    PROXY_FIX_X_PREFIX = 0
