"""Configuration: safe defaults, environment variables, production refusals."""

import pytest
import sqlalchemy as sa

from forum import ConfigError, create_app, normalise_database_url
from forum.extensions import db
from tests import factories


def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FORUM_ENV", "production")
    monkeypatch.delenv("FORUM_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="FORUM_SECRET_KEY"):
        create_app()
    monkeypatch.setenv("FORUM_SECRET_KEY", "short")
    with pytest.raises(ConfigError):
        create_app()


def test_production_with_a_secret_key_sets_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FORUM_ENV", "production")
    monkeypatch.setenv("FORUM_SECRET_KEY", "k" * 48)
    monkeypatch.setenv("FORUM_BASE_URL", "https://forum.example.org")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_production_refuses_to_start_without_a_base_url(monkeypatch, tmp_path):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FORUM_ENV", "production")
    monkeypatch.setenv("FORUM_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("FORUM_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="FORUM_BASE_URL"):
        create_app()
    monkeypatch.setenv("FORUM_BASE_URL", "forum.example.org")  # no scheme: not a URL
    with pytest.raises(ConfigError, match="FORUM_BASE_URL"):
        create_app()


def test_production_answers_only_for_the_configured_hosts(app, database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FORUM_DATABASE_URL", database_url)
    monkeypatch.setenv("FORUM_ENV", "production")
    monkeypatch.setenv("FORUM_SECRET_KEY", "k" * 48)
    monkeypatch.setenv("FORUM_BASE_URL", "https://forum.example.org")
    monkeypatch.setenv("FORUM_TRUSTED_HOSTS", "door.example.org, localhost")
    production = create_app()
    assert production.config["TRUSTED_HOSTS"] == [
        "forum.example.org",
        "door.example.org",
        "localhost",
    ]
    client = production.test_client()
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
    for host in ("forum.example.org", "door.example.org:443", "localhost"):
        assert client.get("/healthz", headers={"Host": host}).status_code == 200, host


def test_development_has_a_local_base_url_and_trusts_any_host(monkeypatch, tmp_path):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("FORUM_ENV", raising=False)
    monkeypatch.delenv("FORUM_BASE_URL", raising=False)
    app = create_app()
    assert app.config["BASE_URL"] == "http://127.0.0.1:5000"
    assert app.config["TRUSTED_HOSTS"] is None


def test_default_database_is_sqlite_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("FORUM_DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'forum.sqlite'}"


def test_environment_variables_override_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FORUM_MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("FORUM_MAIL_PORT", "2525")
    monkeypatch.setenv("FORUM_DATABASE_URL", "postgres://forum@db/forum")
    app = create_app()
    assert app.config["MAIL_SERVER"] == "smtp.example.org"
    assert app.config["MAIL_PORT"] == 2525
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://forum@db/forum"


def test_instance_config_file_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    (tmp_path / "config.py").write_text('MAIL_SENDER = "accreditation@forum.example"\n')
    assert create_app().config["MAIL_SENDER"] == "accreditation@forum.example"


def test_postgres_urls_use_psycopg3():
    assert normalise_database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_sqlite_enforces_foreign_keys(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(
            sa.text("INSERT INTO rooms (event_id, name, capacity, notes) VALUES (999, 'X', 1, '')")
        )
        db.session.flush()


def test_every_model_is_on_one_metadata(app):
    names = set(db.metadata.tables)
    assert {
        "events",
        "users",
        "registrations",
        "photos",
        "rooms",
        "working_sessions",
        "speaker_profiles",
        "speaker_assignments",
        "sign_ups",
        "checkpoints",
        "scans",
        "device_tokens",
        "audit_log",
        "staff_checkpoints",
    } <= names
    factories.create_event()
