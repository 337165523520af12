"""Security headers on every response, HSTS only in production."""

from forum import create_app
from forum.auth.models import Role


def directives(policy: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2] for part in policy.split(";")
    }


def assert_strict_policy(served: str) -> None:
    """The policy forbids inline code, framing and foreign origins; the scanner's camera works."""
    policy = directives(served)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert "unsafe-inline" not in served
    assert "unsafe-eval" not in served
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["img-src"] == "'self' data: blob:"
    # The door scanner: camera stream shown as blob:/mediastream:, decoding in a blob: worker.
    assert "blob:" in policy["media-src"] and "blob:" in policy["worker-src"]
    assert "http" not in served


def test_every_response_has_the_security_headers(client, event):
    for path in ("/", "/sign-in", "/privacy", "/no-such-page", "/static/css/forum.css", "/healthz"):
        response = client.get(path)
        headers = response.headers
        assert_strict_policy(headers["Content-Security-Policy"])
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"
        assert "camera=(self)" in headers["Permissions-Policy"]
        assert "microphone=()" in headers["Permissions-Policy"]
        assert "Strict-Transport-Security" not in headers  # development


def test_hsts_in_production(tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        {
            "ENV": "production",
            "SECRET_KEY": "p" * 48,
            "BASE_URL": "https://forum.example.org",
            "DATABASE_URL": database_url,
            "TESTING": True,
        }
    )
    response = app.test_client().get("/healthz", base_url="https://forum.example.org")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=63072000")


def test_signed_in_pages_are_not_cached(client, auth, event):
    assert "Cache-Control" not in client.get("/").headers
    auth.as_role(Role.ORGANISER)
    assert client.get("/").headers["Cache-Control"] == "no-store"
