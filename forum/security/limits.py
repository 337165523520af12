"""Rate limits on routes that other features own, kept in one table.

The door scanner's API and search are limited per caller (device token or
staff account), not per address: at the venue every scanner may share one
Wi-Fi address, and one noisy device must not lock the others out.

Recording a scan, the busiest route by far, is limited in each server process
(`process_limited`) rather than through Flask-Limiter and Redis, whose work
around every request cost a fifth of a scan's CPU (docs/performance.md).
"""

import functools
import hashlib
import threading
import time
from collections.abc import Callable
from typing import Any

import limits
from flask import Flask, current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user
from werkzeug.exceptions import TooManyRequests

from forum.checkin.pairing import COOKIE_NAME as PAIRED_PHONE_COOKIE
from forum.extensions import limiter


def caller_key() -> str:
    """The device token (hashed), else a paired phone's session (hashed), else the
    signed-in account, else the client address."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer " and header[7:].strip():
        return "device:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:24]
    paired = request.cookies.get(PAIRED_PHONE_COOKIE)
    if paired:
        return "phone:" + hashlib.sha256(paired.encode()).hexdigest()[:24]
    if current_user and current_user.is_authenticated:
        return f"user:{current_user.id}"
    return "ip:" + (get_remote_address() or "-")


# endpoint -> config key of its limit (all keyed by caller); api.create_scan: process_limited
ROUTE_LIMITS = {
    "api.annul_scan": "SCAN_LIMIT",
    "api.search": "SEARCH_LIMIT",
    "api.offline_list": "OFFLINE_LIST_LIMIT",
    "api.delegate_photo": "SEARCH_LIMIT",
    "registration.admin_list": "SEARCH_LIMIT",
}

# endpoint -> config key of its limit on POSTs that carry a file (a photo), keyed by caller:
# decoding a photo is the costliest thing a visitor can ask for (forum/photos.py).
PHOTO_UPLOAD_LIMITS = {
    "registration.register": "PHOTO_UPLOAD_LIMIT",
    "registration.accept_invitation": "PHOTO_UPLOAD_LIMIT",
    "registration.edit": "PHOTO_UPLOAD_LIMIT",
    "programme.edit_profile": "PHOTO_UPLOAD_LIMIT",
}


def _no_file_sent() -> bool:
    return not any(file.filename for file in request.files.values())


# One limited wrapper per view function, shared by every app built in this process
# (tests build several): registering the same limit twice would count each hit twice.
_LIMITED: dict[Callable, Callable] = {}


def _limit_of(setting: str) -> Callable[[], str]:
    return lambda: current_app.config[setting]


def apply_route_limits(app: Flask) -> None:
    """Register the tables' limits on the views that exist in this app."""
    for endpoint, setting in ROUTE_LIMITS.items():
        _limit_view(app, endpoint, setting, per_method=False)
    for endpoint, setting in PHOTO_UPLOAD_LIMITS.items():
        _limit_view(app, endpoint, setting, methods=["POST"], exempt_when=_no_file_sent)


def _limit_view(app: Flask, endpoint: str, setting: str, **options: Any) -> None:
    view = app.view_functions.get(endpoint)
    if view is None or getattr(view, "_forum_limited", False):
        return
    if view not in _LIMITED:
        limited = limiter.limit(_limit_of(setting), key_func=caller_key, **options)(view)
        limited._forum_limited = True  # type: ignore[attr-defined]
        _LIMITED[view] = limited
    app.view_functions[endpoint] = _LIMITED[view]


class ProcessLimit:
    """A limit per caller counted in this server process only: a fixed window per caller
    (Flask-Limiter's default strategy), in a dictionary under a lock.

    With W server processes a caller may make up to W times the limit: it stops a
    runaway or misused device, which is its purpose, without a round trip to Redis
    on every request. Not the `limits` library's memory storage: it starts a timer
    thread every 10 ms while requests come in, which cost a twentieth of a scan's
    CPU at the opening rush (docs/performance.md).
    """

    def __init__(self, setting: str) -> None:
        self.setting = setting
        self._lock = threading.Lock()
        # (limit, caller) -> (when its window ends, hits in it)
        self._windows: dict[tuple[str, str], tuple[float, int]] = {}
        self._sweep_at = 0.0  # when ended windows are next dropped

    def hit(self) -> float | None:
        """Count this request; None if within the limit, else the seconds until it resets.

        A caller's window starts with its first request, as in Flask-Limiter.
        """
        item = _parse_limit(current_app.config[self.setting])
        now = time.monotonic()
        key = (str(item), caller_key())
        with self._lock:
            if now >= self._sweep_at:
                self._windows = {k: w for k, w in self._windows.items() if w[0] > now}
                self._sweep_at = now + item.get_expiry()
            ends, count = self._windows.get(key, (0.0, 0))
            if ends <= now:
                ends, count = now + item.get_expiry(), 0
            if count >= item.amount:
                return ends - now
            self._windows[key] = (ends, count + 1)
        return None

    def reset(self) -> None:
        with self._lock:
            self._windows = {}


_PROCESS_LIMITS: list[ProcessLimit] = []


def process_limited(setting: str) -> Callable[[Callable], Callable]:
    """Limit a view per caller to the config value `setting`, counted in this process."""
    limit = ProcessLimit(setting)
    _PROCESS_LIMITS.append(limit)

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def limited(*args: Any, **kwargs: Any) -> Any:
            wait = limit.hit()
            if wait is not None:
                raise TooManyRequests(retry_after=int(wait) + 1)
            return view(*args, **kwargs)

        limited.process_limited = True  # type: ignore[attr-defined]
        return limited

    return decorate


@limiter.request_filter
def _limited_in_process() -> bool:
    """Flask-Limiter skips the routes process_limited counts (its checks cost as much)."""
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "process_limited", False)


def reset_process_limits() -> None:
    """Forget every count (tests)."""
    for limit in _PROCESS_LIMITS:
        limit.reset()


@functools.lru_cache(maxsize=32)
def _parse_limit(text: str) -> limits.RateLimitItem:
    return limits.parse(text)
