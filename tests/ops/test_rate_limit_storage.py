"""Rate limits across app servers (shared Redis) and when Redis fails (doors keep working).

Each case runs apps in separate processes, as separate servers would: the test
process's own limiter stays untouched.
"""

import os
import socket
import subprocess
import sys
import uuid

import pytest

from forum import PROJECT_ROOT

SERVER = """
import os, sys
sys.path.insert(0, {root!r})
os.environ["FORUM_INSTANCE_PATH"] = {instance!r}
from forum import create_app
from forum.extensions import db
app = create_app({{
    "TESTING": True, "SECRET_KEY": "r" * 40, "WTF_CSRF_ENABLED": False,
    "DATABASE_URL": "sqlite:///" + {instance!r} + "/forum.sqlite",
    "REDIS_URL": {redis!r}, "RATELIMIT_KEY_PREFIX": {prefix!r},
    "SIGN_IN_LIMIT_PER_IP": "3 per minute",
}})
with app.app_context():
    db.create_all()
client = app.test_client()
print(" ".join(
    str(client.post("/sign-in", data={{"email": "a@example.org", "password": "x"}}).status_code)
    for _ in range({count})
))
print(client.get("/healthz").status_code)
"""


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def run_server(tmp_path, redis: str, prefix: str, count: int) -> list[str]:
    instance = tmp_path / uuid.uuid4().hex[:8]
    instance.mkdir()
    code = SERVER.format(
        root=str(PROJECT_ROOT), instance=str(instance), redis=redis, prefix=prefix, count=count
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.splitlines()


def test_two_app_servers_share_their_counts_through_redis(tmp_path):
    if not redis_up():
        message = "needs Redis on 127.0.0.1:6379 (.ci/start-redis starts it)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI starts Redis: a missing one is a broken run, not a skip
        pytest.skip(message)
    prefix = f"forum-test-{uuid.uuid4().hex[:8]}"
    first = run_server(tmp_path, "redis://127.0.0.1:6379/0", prefix, 2)
    second = run_server(tmp_path, "redis://127.0.0.1:6379/0", prefix, 2)
    assert first[0] == "200 200"
    assert second[0] == "200 429"  # the third attempt was made on the other server


def test_the_site_keeps_working_when_redis_is_down(tmp_path):
    # Nothing listens on port 1: every storage call fails fast; limits fall back to memory.
    lines = run_server(tmp_path, "redis://127.0.0.1:1/0", "forum-test-down", 5)
    assert lines == ["200 200 200 429 429", "200"]
