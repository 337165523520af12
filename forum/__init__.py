"""forum: event management for the EU-Ukraine Defence Industry Forum."""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from forum import tasks, transactions
from forum.config import DEV_BASE_URL, DEV_SECRET_KEY, Defaults
from forum.db import sqlite_write_lock_at_begin
from forum.extensions import csrf, db, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete; the app refuses to start."""


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: config -> extensions -> blueprints -> cli -> errors."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("FORUM_INSTANCE_PATH") or str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    load_config(app, test_config)
    register_extensions(app)
    from forum.ops.errors import install_bounded_int_converter

    install_bounded_int_converter(app)  # before any route: ids beyond 32 bits are a 404
    register_blueprints(app)
    register_security_and_ops(app)
    register_tasks(app)
    register_cli(app)
    transactions.init_app(app)  # last: its commit runs before every other after-request step
    return app


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Defaults, then instance/config.py, then FORUM_* variables, then test overrides."""
    app.config.from_object(Defaults)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("FORUM")
    else:
        app.config.update(test_config)

    url = app.config.get("DATABASE_URL") or f"sqlite:///{Path(app.instance_path) / 'forum.sqlite'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(url)
    if app.config.get("REDIS_URL"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]

    if app.config["ENV"] == "production":
        secret = app.config.get("SECRET_KEY") or ""
        if secret == DEV_SECRET_KEY or len(secret) < 32:
            raise ConfigError(
                "FORUM_ENV=production needs FORUM_SECRET_KEY: a random value of 32+ characters "
                '(python -c "import secrets; print(secrets.token_urlsafe(48))").'
            )
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    configure_hosts(app)


def configure_hosts(app: Flask) -> None:
    """BASE_URL (required in production) and the hosts production answers for.

    Links in mails are built on BASE_URL alone; production also refuses requests whose
    Host header names another host, so nothing can be built on a forged one.
    """
    config = app.config
    production = config["ENV"] == "production"
    base_url = config.get("BASE_URL") or ("" if production else DEV_BASE_URL)
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            "FORUM_BASE_URL must be where the site is reached, e.g. https://forum.example.org "
            "(required with FORUM_ENV=production): links in mails are built on it."
        )
    config["BASE_URL"] = base_url.rstrip("/")
    extra = config.get("TRUSTED_HOSTS") or []
    if isinstance(extra, str):
        extra = extra.split(",")
    extra = [host.strip() for host in extra if host.strip()]
    if production:
        config["TRUSTED_HOSTS"] = [parts.hostname, *(h for h in extra if h != parts.hostname)]
    else:
        config["TRUSTED_HOSTS"] = extra or None


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def register_extensions(app: Flask) -> None:
    import forum.models  # noqa: F401  (every model registered before mappers configure)
    from forum import bilingual, i18n, mail
    from forum.search import terms as search_terms

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    search_terms.listen()
    mail.listen()
    bilingual.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            sqlite_write_lock_at_begin(db.engine)


def register_blueprints(app: Flask) -> None:
    from forum.api import bp as api_bp
    from forum.auth import bp as auth_bp
    from forum.badges import bp as badges_bp
    from forum.checkin import bp as checkin_bp
    from forum.delegations.views import bp as delegations_bp
    from forum.events.views import bp as events_bp
    from forum.exports import bp as exports_bp
    from forum.mail.views import bp as outbox_bp
    from forum.mailings.views import bp as mailings_bp
    from forum.main import bp as main_bp
    from forum.main import navigation
    from forum.main.errors import register_error_handlers
    from forum.matchmaking import bp as matchmaking_bp
    from forum.programme import bp as programme_bp
    from forum.questions import bp as questions_bp
    from forum.registration import bp as registration_bp
    from forum.staff import bp as staff_bp
    from forum.vetting.views import bp as vetting_bp

    for blueprint in (
        main_bp,
        auth_bp,
        registration_bp,
        questions_bp,
        programme_bp,
        events_bp,
        badges_bp,
        exports_bp,
        checkin_bp,
        matchmaking_bp,
        delegations_bp,
        vetting_bp,
        api_bp,
        outbox_bp,
        staff_bp,
        mailings_bp,
    ):
        app.register_blueprint(blueprint)
    register_error_handlers(app)
    navigation.init_app(app)


def register_security_and_ops(app: Flask) -> None:
    """Headers, two-factor, privacy pages, audit viewer, health check, request ids, proxy."""
    from forum import ops, privacy, security
    from forum.audit import views as audit_views

    security.init_app(app)
    privacy.init_app(app)
    audit_views.init_app(app)
    ops.init_app(app)


def register_tasks(app: Flask) -> None:
    """The task queue (Redis or SQLite) and the tasks the worker runs."""
    tasks.init_app(app)


def register_cli(app: Flask) -> None:
    from forum.cli import register_commands

    register_commands(app)


__all__ = ["create_app", "ConfigError"]
