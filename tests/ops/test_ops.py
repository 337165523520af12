"""Operations: /healthz, request ids, clean logs, proxy settings."""

import io
import logging

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from forum.auth.access import public
from forum.auth.models import Role
from forum.extensions import db
from forum.ops.health import database_reachable
from forum.ops.logging import redact
from tests import factories


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert body["queue"]["mail"] == {"waiting": 0, "oldest_waiting_seconds": None, "failed": 0}


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        import sqlalchemy as sa

        raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    assert database_reachable() is False
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_healthz_is_public_and_not_rate_limited(client):
    statuses = {client.get("/healthz").status_code for _ in range(60)}
    assert statuses == {200}


def test_request_ids_come_from_the_proxy_or_are_made(client):
    given = client.get("/healthz", headers={"X-Request-ID": "edge-1234abcd"})
    assert given.headers["X-Request-ID"] == "edge-1234abcd"
    made = client.get("/healthz")
    assert len(made.headers["X-Request-ID"]) == 32
    assert made.headers["X-Request-ID"] != client.get("/healthz").headers["X-Request-ID"]
    # Junk (or a log-injection attempt) is replaced, not echoed.
    junk = client.get("/healthz", headers={"X-Request-ID": "bad id; INFO forged"})
    assert junk.headers["X-Request-ID"] != "bad id; INFO forged"
    assert len(junk.headers["X-Request-ID"]) == 32


@pytest.fixture
def log_output(app):
    """Everything the app's log handler writes during the test."""
    [handler] = [h for h in app.logger.handlers if getattr(h, "forum_handler", False)]
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_log_lines_carry_the_request_id(client, log_output):
    client.get("/healthz", headers={"X-Request-ID": "trace-abcdef12"})
    assert "[trace-abcdef12] forum.access: GET /healthz 200" in log_output.getvalue()


def test_no_password_or_token_reaches_the_logs(client, app, log_output, event):
    user = factories.create_user(email="secretive@example.org")
    db.session.commit()
    client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    client.get("/password/reset/eyJ1c2VyIjo0Mn0.ZzQxYQ.s3cr3t-signature-value")
    client.get("/register/confirm/IjEyMyI.ZzQxYQ.another-secret-signature")
    client.get("/programme/calendar/Q2FsZW5kYXJUb2tlblNlY3JldDEyMzQ1Njc4OTA.ics")
    client.get("/healthz?token=abc123secret&password=hunter2hunter2")
    app.logger.warning("debug dump: password=%s token=%s", "hunter2hunter2", "abc123secret")
    app.logger.info("device says Authorization: Bearer dev_9f8e7d6c5b4a39281706")
    logs = log_output.getvalue()
    assert "GET /password/reset/[redacted]" in logs
    for secret in (
        factories.PASSWORD,
        "s3cr3t-signature-value",
        "another-secret-signature",
        "Q2FsZW5kYXJUb2tlblNlY3JldDEyMzQ1Njc4OTA",
        "abc123secret",
        "hunter2hunter2",
        "dev_9f8e7d6c5b4a39281706",
    ):
        assert secret not in logs


def test_redaction_leaves_ordinary_paths_alone():
    assert redact("GET /programme/sessions/12 200") == "GET /programme/sessions/12 200"
    uuid_path = "GET /badges/0b9f3c1e-1234-4d5e-8f00-123456789abc 200"
    assert redact(uuid_path) == uuid_path
    assert redact("GET /invitation/abc.def.ghi 200") == "GET /invitation/[redacted] 200"


def test_proxy_fix_is_applied_when_configured(fresh_app, monkeypatch):
    monkeypatch.setenv("FORUM_PROXY_FIX_X_FOR", "1")
    other = fresh_app()
    assert not isinstance(other.wsgi_app, ProxyFix)  # test config ignores the environment

    from forum import create_app
    from tests.conftest import make_test_config

    config = make_test_config(__import__("pathlib").Path(other.instance_path), "sqlite://")
    config.update(PROXY_FIX_X_FOR=1, PROXY_FIX_X_PROTO=1)
    proxied = create_app(config)
    assert isinstance(proxied.wsgi_app, ProxyFix)

    @proxied.get("/_test/whoami")
    @public
    def whoami():
        from flask import request

        return {"ip": request.remote_addr, "scheme": request.scheme}

    seen = proxied.test_client().get(
        "/_test/whoami",
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    assert seen.get_json() == {"ip": "203.0.113.9", "scheme": "https"}


def test_logging_filters_cover_werkzeug_and_gunicorn(app):
    from forum.ops.logging import RedactFilter

    for name in ("werkzeug", "gunicorn.access", "gunicorn.error"):
        assert any(isinstance(f, RedactFilter) for f in logging.getLogger(name).filters)


def test_ids_beyond_32_bits_are_not_found_rather_than_a_server_error(client, auth, event):
    auth.as_role(Role.ORGANISER)
    assert client.get("/accreditation/2147483647").status_code == 404
    assert client.get("/accreditation/99999999999").status_code == 404


def test_input_the_database_cannot_hold_is_a_bad_request(fresh_app):
    import sqlalchemy as sa

    other = fresh_app()

    @other.get("/_test/overflow")
    @public
    def overflow():
        raise sa.exc.DataError("SELECT", {}, Exception("integer out of range"))

    response = other.test_client().get("/_test/overflow")
    assert response.status_code == 400
