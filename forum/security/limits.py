"""Rate limits on routes that other features own, kept in one table.

The door scanner's API and search are limited per caller (device token or
staff account), not per address: at the venue every scanner may share one
Wi-Fi address, and one noisy device must not lock the others out.
"""

import hashlib

from flask import Flask, request
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


def apply_route_limits(app: Flask) -> None:
    """Register the table's limits on the views that exist in this app."""
    for endpoint, setting in ROUTE_LIMITS.items():
        view = app.view_functions.get(endpoint)
        if view is None or getattr(view, "_forum_limited", False):
            continue
        limited = limiter.limit(
            lambda setting=setting: app.config[setting], key_func=caller_key, per_method=False
        )(view)
        limited._forum_limited = True  # type: ignore[attr-defined]
        app.view_functions[endpoint] = limited
