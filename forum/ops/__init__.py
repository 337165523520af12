"""Operations: health check, request ids and clean logs, backups."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def apply_proxy_fix(app: Flask) -> None:
    """Trust X-Forwarded-* from as many proxies as configured (0, the default, trusts none)."""
    counts = {
        name: int(app.config.get(f"PROXY_FIX_{name.upper()}") or 0)
        for name in ("x_for", "x_proto", "x_host", "x_port", "x_prefix")
    }
    if any(counts.values()):
        app.wsgi_app = ProxyFix(app.wsgi_app, **counts)  # type: ignore[method-assign]


def init_app(app: Flask) -> None:
    from forum.ops import logging as ops_logging
    from forum.ops.errors import register_data_error_handler
    from forum.ops.health import bp

    ops_logging.init_app(app)
    app.register_blueprint(bp)
    register_data_error_handler(app)
    apply_proxy_fix(app)
