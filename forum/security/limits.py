"""Rate limits on routes that other features own, kept in one table.

The door scanner's API and search are limited per caller (device token or
staff account), not per address: at the venue every scanner may share one
Wi-Fi address, and one noisy device must not lock the others out.
"""

import hashlib
from collections.abc import Callable

from flask import Flask, current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from forum.extensions import limiter


def caller_key() -> str:
    """The device token (hashed), else the signed-in account, else the client address."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer " and header[7:].strip():
        return "device:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:24]
    if current_user and current_user.is_authenticated:
        return f"user:{current_user.id}"
    return "ip:" + (get_remote_address() or "-")


# endpoint -> config key of its limit (all keyed by caller)
ROUTE_LIMITS = {
    "api.create_scan": "SCAN_LIMIT",
    "api.annul_scan": "SCAN_LIMIT",
    "api.search": "SEARCH_LIMIT",
    "api.offline_list": "OFFLINE_LIST_LIMIT",
    "api.delegate_photo": "SEARCH_LIMIT",
    "registration.admin_list": "SEARCH_LIMIT",
}


# One limited wrapper per view function, shared by every app built in this process
# (tests build several): registering the same limit twice would count each hit twice.
_LIMITED: dict[Callable, Callable] = {}


def _limit_of(setting: str) -> Callable[[], str]:
    return lambda: current_app.config[setting]


def apply_route_limits(app: Flask) -> None:
    """Register the table's limits on the views that exist in this app."""
    for endpoint, setting in ROUTE_LIMITS.items():
        view = app.view_functions.get(endpoint)
        if view is None or getattr(view, "_forum_limited", False):
            continue
        if view not in _LIMITED:
            limited = limiter.limit(_limit_of(setting), key_func=caller_key, per_method=False)(view)
            limited._forum_limited = True  # type: ignore[attr-defined]
            _LIMITED[view] = limited
        app.view_functions[endpoint] = _LIMITED[view]
