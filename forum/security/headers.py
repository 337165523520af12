"""Security headers on every response: CSP, framing, referrer, sniffing, camera, HSTS.

The Content-Security-Policy allows no inline script or style: every page loads
its code from static/js and its look from static/css (tests/security checks
every template). The door scanner needs the camera (getUserMedia), plays the
stream as a blob: video and may decode frames in a blob: worker.
"""

from flask import Flask, Response, g, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob: mediastream:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "frame-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

PERMISSIONS_POLICY = ", ".join(
    [
        "camera=(self)",
        "microphone=()",
        "geolocation=()",
        "payment=()",
        "usb=()",
        "serial=()",
        "bluetooth=()",
        "interest-cohort=()",
    ]
)

# Two years, the value the HSTS preload list asks for.
HSTS = "max-age=63072000; includeSubDomains"

BASE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def add_security_headers(response: Response, production: bool) -> Response:
    """Set the headers on `response`; a header a view already set is left alone."""
    headers = response.headers
    present = {name.lower() for name in headers.keys()}
    for name, value in BASE_HEADERS.items():
        if name.lower() not in present:
            headers.add(name, value)
    if production and "strict-transport-security" not in present:
        headers.add("Strict-Transport-Security", HSTS)
    # Pages with personal data must not stay in a shared computer's cache.
    if "cache-control" not in present and request.endpoint != "static" and _signed_in():
        headers["Cache-Control"] = "no-store"
    return response


def _signed_in() -> bool:
    """Whether this request served a signed-in user.

    Flask-Login keeps the user it loaded on `g`. A request that never asked who
    is signed in (a device's scan, a public file) showed nobody's pages, and is
    not made to load the session's user only to find that out.
    """
    user = g.get("_login_user")
    return user is not None and user.is_authenticated


def init_app(app: Flask) -> None:
    production = app.config["ENV"] == "production"

    @app.after_request
    def security_headers(response: Response) -> Response:
        return add_security_headers(response, production)
