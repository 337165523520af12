"""Security in a real browser: no Content-Security-Policy violation on any role's pages,
and the two-factor, privacy and audit pages as people see them (English and Ukrainian)."""

import time

import pyotp
import pytest
from playwright.sync_api import expect

from forum.auth.models import User
from forum.extensions import db
from tests.browser.conftest import screenshot
from tests.security.conftest import demo  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

# Pages each role reaches beyond the header links (which are visited too).
EXTRA_PAGES = {
    None: ["/", "/sign-in", "/register", "/privacy", "/programme", "/password/reset"],
    "delegate": ["/my/registration", "/my/data", "/my/agenda"],
    "staff": ["/scanner/"],
    "officer": ["/accreditation/", "/account/two-factor"],
    "organiser": ["/organise/audit/", "/organise/erasure-requests", "/account/two-factor"],
}


def watch_csp(page) -> list[str]:
    """Collect CSP violations reported by the console and by securitypolicyviolation events."""
    seen: list[str] = []
    page.on(
        "console",
        lambda msg: (
            seen.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    page.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def sign_in(page, base, email, password):
    page.goto(base + "/language/en?next=/sign-in")  # the labels below are English
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("role", [None, "delegate", "staff", "officer", "organiser"])
def test_no_page_breaks_the_content_security_policy(live_server, browser, demo, role):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console = watch_csp(page)
    if role:
        sign_in(page, live_server, *demo.by_role[role])
    page.goto(live_server + "/")
    nav = [a.get_attribute("href") for a in page.locator(".main-nav a").all()]
    problems = {}
    for path in dict.fromkeys(EXTRA_PAGES[None if role is None else role] + nav):
        response = page.goto(live_server + path)
        assert response.status < 500, path
        page.wait_for_load_state("networkidle")  # scripts ran and fetched what they fetch
        violations = page.evaluate("window.__csp") + console
        if violations:
            problems[path] = list(violations)
        console.clear()
    context.close()
    assert problems == {}


def test_two_factor_enrolment_and_sign_in_in_ukrainian(live_server, page, demo):  # noqa: F811
    email, password = demo.by_role["organiser"]
    console = watch_csp(page)
    sign_in(page, live_server, email, password)
    page.goto(live_server + "/account/two-factor")
    screenshot(page, "security-two-factor-off-en")
    page.get_by_role("button", name="Set up two-factor sign-in").click()
    assert page.locator("img.totp-qr").evaluate("img => img.naturalWidth") > 0
    screenshot(page, "security-enrol-en")

    db.session.rollback()  # end the test's read snapshot: the server wrote since
    user = db.session.scalar(db.select(User).filter_by(email=email))
    secret = user.totp_secret
    db.session.rollback()  # hold no transaction while the server works
    page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Switch on").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    screenshot(page, "security-recovery-codes-en")

    page.get_by_role("button", name="Sign out").click()
    # Wait for the sign-out to land: its session cookie would overwrite the language choice.
    page.get_by_text("You are signed out.").wait_for()
    page.goto(live_server + "/language/uk")
    sign_in_uk(page, live_server, email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Код для входу")
    screenshot(page, "security-code-step-uk")
    next_step = time.time() + 30  # the enrolment code was used; take the next one
    page.get_by_label("Код").fill(pyotp.TOTP(secret).at(next_step))
    page.get_by_role("button", name="Увійти").click()
    expect(page.locator(".who")).to_be_visible()
    page.goto(live_server + "/account/two-factor")
    screenshot(page, "security-two-factor-on-uk")
    assert console == [] and page.evaluate("window.__csp") == []


def sign_in_uk(page, base, email, password):
    page.goto(base + "/sign-in")
    page.get_by_label("Електронна пошта").fill(email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Увійти").click()
    page.wait_for_load_state()


def test_privacy_and_audit_pages(live_server, page, browser, demo):  # noqa: F811
    sign_in(page, live_server, *demo.by_role["delegate"])
    page.goto(live_server + "/my/data")
    screenshot(page, "privacy-my-data-en")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    assert download.value.suggested_filename == "my-forum-data.json"
    page.get_by_label("Anything we should know (optional)").fill("I changed jobs.")
    page.get_by_role("button", name="Ask for erasure").click()
    expect(page.get_by_text("Please tick the box to confirm.")).to_be_visible()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Ask for erasure").click()
    expect(page.get_by_text("waiting for an organiser")).to_be_visible()
    page.goto(live_server + "/language/uk")
    page.goto(live_server + "/my/data")
    screenshot(page, "privacy-my-data-uk")
    page.get_by_role("button").filter(has_text="Вийти").click()
    # Wait for the sign-out to land: its session cookie would overwrite the language choice.
    page.get_by_text("Ви вийшли з системи.").wait_for()

    # The organiser works in a browser of their own (no cookie left from the delegate).
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, *demo.by_role["organiser"])
    page.goto(live_server + "/organise/erasure-requests")
    screenshot(page, "privacy-erasure-requests-en")
    # The irreversible button asks first: dismissing changes nothing, accepting erases.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Erase now").click()
    expect(page.get_by_text("Awaiting confirmation")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase now").click()
    expect(page.get_by_text("The registration is anonymised.")).to_be_visible()
    page.goto(live_server + "/organise/audit/")
    screenshot(page, "audit-log-en")
    page.get_by_label("Action").select_option("privacy.erasure_completed")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.data tbody tr")).to_have_count(1)
    page.goto(live_server + "/language/uk")
    page.goto(live_server + "/organise/audit/")
    screenshot(page, "audit-log-uk")
    context.close()


def test_the_door_scanner_runs_the_camera_within_the_policy(
    live_server,
    playwright_instance,
    demo,  # noqa: F811
):
    from tests.browser.conftest import launch_chromium

    browser = launch_chromium(
        playwright_instance,
        ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
    )
    try:
        # A phone (a touch screen): the scanner turns its camera on by itself there.
        context = browser.new_context(
            viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True
        )
        context.grant_permissions(["camera"], origin=live_server)
        page = context.new_page()
        console = watch_csp(page)
        sign_in(page, live_server, *demo.by_role["staff"])
        page.goto(live_server + "/scanner/")
        # The camera starts by itself on the scanner page.
        # (wait_for_function would need eval, which the policy rightly forbids)
        page.locator(".camera-live").wait_for(timeout=10000)
        # A second of video has played (the decoder reads a frame every 150 ms), and the
        # service worker is in place.
        page.evaluate(
            """async () => {
                await navigator.serviceWorker.ready;
                const video = document.querySelector("video");
                while (video.currentTime < 1) {
                    await new Promise((resolve) => video.addEventListener(
                        "timeupdate", resolve, { once: true }));
                }
            }"""
        )
        assert console == [] and page.evaluate("window.__csp") == []
        # The policy itself is what the page got.
        policy = page.evaluate(
            "() => fetch(location.href).then(r => r.headers.get('content-security-policy'))"
        )
        assert "worker-src 'self' blob:" in policy
    finally:
        browser.close()
