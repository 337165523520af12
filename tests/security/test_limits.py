"""Rate limits on the door search and the scan API: per device or account, not per address."""

import re
from pathlib import Path

import limits
import pytest

from forum.auth.models import Role
from forum.extensions import db
from forum.security.limits import ROUTE_LIMITS, ProcessLimit
from tests import factories


@pytest.mark.parametrize(
    "method, path, setting",
    [
        ("get", "/api/v1/search?q=dub", "SEARCH_LIMIT"),
        ("post", "/api/v1/scans", "SCAN_LIMIT"),
    ],
)
def test_scanner_routes_are_limited_per_account(client, auth, app, event, method, path, setting):
    app.config[setting] = "3 per minute"
    auth.as_role(Role.STAFF)
    responses = [getattr(client, method)(path, json={}) for _ in range(5)]
    statuses = [response.status_code for response in responses]
    assert 429 not in statuses[:3]
    assert statuses[3:] == [429, 429]
    assert 0 < int(responses[-1].headers["Retry-After"]) <= 60
    assert responses[-1].get_json()["message"] == "Please wait a moment before trying again."
    # Another staff member at the same door (same address) is not held back.
    client.post("/sign-out")
    other = factories.create_user(Role.STAFF)
    db.session.commit()
    auth.sign_in(other.email)
    assert getattr(client, method)(path, json={}).status_code != 429


def test_devices_have_their_own_budget(client, app, event):
    app.config["SEARCH_LIMIT"] = "2 per minute"

    def search(token):
        headers = {"Authorization": f"Bearer {token}"}
        return client.get("/api/v1/search?q=abc", headers=headers).status_code

    assert [search("device-one-token") for _ in range(3)][-1] == 429
    assert search("device-two-token") != 429


def test_every_limited_endpoint_exists(app):
    missing = [endpoint for endpoint in ROUTE_LIMITS if endpoint not in app.view_functions]
    assert missing == []


def test_a_process_limit_window_starts_with_the_first_request_and_ends(app, monkeypatch):
    limit = ProcessLimit("TEST_LIMIT")
    monkeypatch.setitem(app.config, "TEST_LIMIT", "2 per 1 second")
    clock = [1000.0]  # the limiter's monotonic clock, moved by the test
    monkeypatch.setattr("forum.security.limits.time.monotonic", lambda: clock[0])
    device = {"Authorization": "Bearer device-one-token"}
    with app.test_request_context(headers=device):
        assert [limit.hit(), limit.hit()] == [None, None]
        wait = limit.hit()
        assert wait is not None and 0 < wait <= 1
    with app.test_request_context(headers={"Authorization": "Bearer device-two-token"}):
        assert limit.hit() is None  # another device, its own window
    clock[0] += wait + 0.05
    with app.test_request_context(headers=device):
        assert limit.hit() is None  # a new window
    assert len(limit._windows) == 1  # the other device's ended window was dropped


def documented_limit(what: str) -> str:
    """The limit docs/security.md's rate-limit table gives for `what`."""
    table = (Path(__file__).parents[2] / "docs" / "security.md").read_text(encoding="utf-8")
    [limit] = re.findall(rf"^\s*\| {re.escape(what)} \| ([^|]+) \| client address \|$", table, re.M)
    return limit.strip()


def test_the_documented_registration_limit_is_the_real_one(client, app, event):
    """Issue 13, finding 16: docs/security.md said 10 per hour; the route allowed 60."""
    documented = limits.parse(documented_limit("registration"))
    statuses = [client.post("/register", data={}).status_code for _ in range(documented.amount)]
    assert 429 not in statuses
    assert client.post("/register", data={}).status_code == 429
    # ... because the route reads the setting the table documents.
    assert limits.parse(app.config["REGISTRATION_LIMIT"]) == documented
