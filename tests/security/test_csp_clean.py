"""Pages stay CSP-clean: no inline script, style or event handler in any template or page.

The Content-Security-Policy would block them silently in the browser; this test
catches them first, in every template file and in every page a crawler reaches
as each role (anonymous, delegate, door staff, officer, organiser, focal point,
security officer).
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from forum import PROJECT_ROOT
from tests.security.conftest import sign_in_demo

INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc\s*=)(?![^>]*type\s*=\s*[\"']application/(?:ld\+)?json)[^>]*>",
    re.IGNORECASE,
)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"(?:href|src|action)\s*=\s*[\"']\s*javascript:", re.IGNORECASE)
CHECKS = {
    "inline <script>": INLINE_SCRIPT,
    "style= attribute": STYLE_ATTRIBUTE,
    "<style> element": STYLE_ELEMENT,
    "on*= event handler": EVENT_HANDLER,
    "javascript: URL": JAVASCRIPT_URL,
}
# Not pages: downloads that take long to build and are not HTML.
SKIP_SUFFIXES = (".pdf", ".xlsx", ".csv", ".ics", ".jpg", ".png", ".json", ".js", ".css")
MAX_PAGES_PER_ROLE = 120


def csp_problems(html: str) -> list[str]:
    problems = []
    for name, pattern in CHECKS.items():
        for match in pattern.finditer(html):
            problems.append(f"{name}: {match.group(0)[:120]}")
    return problems


def test_the_checks_catch_what_the_policy_blocks():
    assert csp_problems("<script>alert(1)</script>")
    assert csp_problems('<p style="color:red">')
    assert csp_problems("<button onclick='go()'>")
    assert csp_problems('<a href="javascript:go()">')
    assert csp_problems("<style>p{}</style>")
    assert not csp_problems('<script src="/static/js/x.js" defer></script>')
    assert not csp_problems('<script type="application/json" id="data">{}</script>')
    assert not csp_problems('<p class="onboarding" data-style="x">')


def test_no_template_has_inline_script_or_style():
    problems = {}
    for path in sorted((PROJECT_ROOT / "templates").rglob("*.html")):
        if path.parent.name == "mail":
            # Mails, not pages: mail clients drop <style> and read only inline styles.
            # Organisers see them in a sandboxed frame with its own policy (forum/mailings).
            continue
        found = csp_problems(path.read_text(encoding="utf-8"))
        if found:
            problems[str(path.relative_to(PROJECT_ROOT))] = found
    assert problems == {}


def crawl(client, start: str = "/") -> dict[str, int]:
    """GET every same-site link reachable from `start`; returns path -> status."""
    seen: dict[str, int] = {}
    queue = deque([start])
    problems = {}
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if not response.content_type.startswith("text/html"):
            continue
        html = response.get_data(as_text=True)
        found = csp_problems(html)
        if found:
            problems[path] = found
        for href in re.findall(r'href="([^"]+)"', html):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/"):
                continue
            if href.startswith(("/static/", "/language/", "/sign-out")):
                continue
            if parts.path.endswith(SKIP_SUFFIXES):
                continue
            if href not in seen:
                queue.append(href)
    assert problems == {}
    return seen


@pytest.mark.parametrize(
    "role",
    [None, "delegate", "staff", "officer", "organiser", "focal_point", "security_officer"],
)
def test_every_reachable_page_is_csp_clean_and_works(client, demo, role):
    if role:
        sign_in_demo(client, demo, role)
    statuses = crawl(client)
    assert len(statuses) > 3
    errors = {path: status for path, status in statuses.items() if status >= 500}
    assert errors == {}
