"""Who may use which route: the one place where roles are checked.

Every view declares its audience with `@allow(...)`; a test walks the URL map
and fails for any route that does not.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, request
from flask_login import current_user

from forum.auth.models import Role

F = TypeVar("F", bound=Callable[..., Any])

EVERYONE = "everyone"


def allow(*audience: Role | str) -> Callable[[F], F]:
    """Let only `audience` (roles, or EVERYONE) use the view; others get 401/login or 403."""
    allowed = frozenset(audience)

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if EVERYONE not in allowed:
                if not current_user.is_authenticated:
                    if request.path.startswith("/api/"):
                        abort(401)
                    return current_app.login_manager.unauthorized()
                if current_user.role not in allowed:
                    abort(403)
            return view(*args, **kwargs)

        wrapped.access = allowed  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


public = allow(EVERYONE)
signed_in = allow(*Role)
