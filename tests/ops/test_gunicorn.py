"""The gunicorn configuration file: it starts the app, and its access log is clean."""

import os
import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from forum import PROJECT_ROOT

SECRET = "eyJ1IjoxfQ.ZzQxYQ.very-secret-signature"


def listening_socket() -> socket.socket:
    """A socket already listening on a free port: gunicorn takes it over (fd://), so a
    request sent before the workers are up waits in its backlog instead of being refused."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.set_inheritable(True)
    return listener


def get(url: str, **headers: str):
    """GET `url`; an HTTP error answer is returned like any other."""
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30)
    except urllib.error.HTTPError as error:
        return error


def serve_and_log(tmp_path, database_url, app="wsgi:app", extra=(), env=None) -> tuple[int, str]:
    """Start gunicorn with gunicorn.conf.py, ask for /healthz, then for a password reset
    link with a secret token; return the health check's status and everything logged."""
    listener = listening_socket()
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    env = {
        **os.environ,
        "FORUM_BIND": f"fd://{listener.fileno()}",
        "WEB_CONCURRENCY": "2",
        "FORUM_DATABASE_URL": database_url,
        "FORUM_INSTANCE_PATH": str(tmp_path),
        "FORUM_SECRET_KEY": "g" * 40,
        **(env or {}),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(gunicorn), "-c", "gunicorn.conf.py", *extra, app],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
        )
    try:
        with get(f"{base}/healthz", **{"X-Request-ID": "probe-12345678"}) as response:
            status = response.status
            if status == 200:
                assert response.headers["X-Request-ID"] == "probe-12345678"
                assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        get(f"{base}/password/reset/{SECRET}").close()
    except OSError as error:  # no answer: gunicorn or the app did not start
        raise AssertionError(log.read_text()) from error
    finally:
        # A graceful stop: workers finish their requests, and so write their access lines.
        process.terminate()
        process.wait(timeout=30)
        listener.close()
    return status, log.read_text()


def test_gunicorn_serves_the_app_with_request_ids_and_redacted_access_log(tmp_path, database_url):
    status, text = serve_and_log(tmp_path, database_url)
    assert status == 200
    # the line of gunicorn.conf.py's access_log_format, written by its ForumLogger
    line = r'127\.0\.0\.1 "GET /healthz HTTP/1\.1" 200 \d+ \d+ms rid=probe-12345678 "Python-urllib/'
    assert re.search(line, text), text
    assert "forum.access" not in text  # gunicorn's access line only, not the app's as well
    assert "/password/reset/[redacted]" in text
    assert SECRET not in text and "very-secret-signature" not in text


def test_the_access_log_is_redacted_when_the_app_failed_to_load(tmp_path, database_url):
    # With --reload, gunicorn answers with an error page when the app cannot be imported;
    # the app never attached its log filter, so the logger must mask the secret itself.
    (tmp_path / "broken_wsgi.py").write_text("app = (\n")
    extra = ("--reload", "--pythonpath", str(tmp_path))
    status, text = serve_and_log(tmp_path, database_url, app="broken_wsgi:app", extra=extra)
    assert status == 500
    assert "/password/reset/[redacted]" in text
    assert SECRET not in text and "very-secret-signature" not in text


def test_an_instance_never_takes_another_instances_control_socket(tmp_path, database_url):
    """gunicorn 25+ puts its control socket at one path per user (~/.gunicorn/gunicorn.ctl):
    two instances on one machine would take it from each other. Ours is off, unless an
    instance is given its own path."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_RUNTIME_DIR": ""}
    status, text = serve_and_log(tmp_path, database_url, env=env)
    assert status == 200
    assert "Control socket listening" not in text
    assert not (home / ".gunicorn").exists()

    own = tmp_path / "forum-brussels.ctl"
    status, text = serve_and_log(
        tmp_path, database_url, env={**env, "FORUM_CONTROL_SOCKET": str(own)}
    )
    assert status == 200
    assert f"Control socket listening at {own}" in text
