"""Where a `next` parameter may send the browser: only back onto this site."""

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """Only follow a `next` that stays on this site (a path, no host or scheme)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
