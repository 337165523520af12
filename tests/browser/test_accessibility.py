"""axe-core over every page of every role, in Chromium: no serious or critical finding.

The pages are the ones a crawler reaches as each role on the demo forum (the same
crawl as the CSP test); pages of one route with other ids ("/accreditation/12",
"/accreditation/13") are checked once. axe-core is vendored for the tests only,
under tests/browser/vendor/axe-core/ with its licence (MPL-2.0).
"""

import re
from pathlib import Path

import pytest

from forum.demo.seed import seed_demo
from forum.extensions import db
from tests.browser.test_officers import sign_in
from tests.security.test_csp_clean import crawl

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}
ROLES = [None, "delegate", "staff", "officer", "organiser", "focal_point", "security_officer"]
# A page each role must have been checked on (the crawl reached its work).
WORK_PAGES = {
    None: "/register",
    "delegate": "/my/registration",
    "staff": "/scanner/",
    "officer": "/accreditation/",
    "organiser": "/organise/schedule",
    "focal_point": "/my/delegation/1",
    "security_officer": "/vetting/",
}


@pytest.fixture
def logins(app) -> dict[str, tuple[str, str]]:
    """The demo forum (30 delegates); role -> (e-mail, password) of its demo accounts."""
    result = seed_demo(delegates=30)
    db.session.commit()
    return {role: (email, password) for role, email, password in result.logins}


def one_page_per_route(paths: list[str]) -> list[str]:
    """The first path of each route: numbers and ids stand for any."""
    seen, chosen = set(), []
    for path in paths:
        shape = re.sub(r"/[0-9a-f-]{6,}|/\d+", "/N", path.split("?")[0])
        shape += "?" if "?" in path else ""
        if shape not in seen:
            seen.add(shape)
            chosen.append(path)
    return chosen


def findings(page) -> list[dict]:
    """axe's serious and critical violations on the page now shown (axe is in every page of
    the test's contexts: add_init_script)."""
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))"
    )
    return [v for v in result if v["impact"] in FAILING_IMPACTS]


def test_axe_finds_a_problem_when_there_is_one(live_server, browser, event):
    """The check itself works: an image without a text alternative is a critical finding."""
    db.session.commit()
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(live_server + "/")
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = '/static/x.png';"
        " document.querySelector('main').appendChild(img); }"
    )
    assert "image-alt" in {v["id"] for v in findings(page)}
    context.close()


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_every_page_has_no_serious_or_critical_axe_finding(
    live_server, browser, client, logins, role
):
    if role:
        # The live server turns CSRF protection on: the crawler signs in as a browser does.
        form = client.get("/sign-in").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
        email, password = logins[role]
        signed_in = client.post(
            "/sign-in", data={"email": email, "password": password, "csrf_token": token}
        )
        assert signed_in.status_code == 302
    statuses = crawl(client)
    pages = one_page_per_route([p for p, status in statuses.items() if status == 200])
    assert WORK_PAGES[role] in pages, pages

    # The pages' CSP forbids inline scripts: axe is put in by the test, not by the page.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    if role:
        sign_in(page, live_server, *logins[role])
    problems = {}
    for path in pages:
        response = page.goto(live_server + path)
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue  # a manifest, a feed: not a page
        found = findings(page)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
