"""The gunicorn configuration file: it starts the app, and its access log is clean."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from forum import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_serves_the_app_with_request_ids_and_redacted_access_log(tmp_path, database_url):
    port = free_port()
    env = {
        **os.environ,
        "FORUM_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "FORUM_DATABASE_URL": database_url,
        "FORUM_INSTANCE_PATH": str(tmp_path),
        "FORUM_SECRET_KEY": "g" * 40,
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(gunicorn), "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "probe-12345678"}
                )
                with urllib.request.urlopen(request, timeout=2) as response:
                    assert response.status == 200
                    assert response.headers["X-Request-ID"] == "probe-12345678"
                    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
        secret = "eyJ1IjoxfQ.ZzQxYQ.very-secret-signature"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/password/reset/{secret}", timeout=5)
        except urllib.error.HTTPError:
            pass
        time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(timeout=20)
    text = log.read_text()
    # the line of gunicorn.conf.py's access_log_format, written by its ForumLogger
    line = r'127\.0\.0\.1 "GET /healthz HTTP/1\.1" 200 \d+ \d+ms rid=probe-12345678 "Python-urllib/'
    assert re.search(line, text), text
    assert "forum.access" not in text  # gunicorn's access line only, not the app's as well
    assert "/password/reset/[redacted]" in text
    assert secret not in text and "very-secret-signature" not in text
