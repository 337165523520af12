"""Sessions end on the server: sign-out revokes the cookie, remember-me is short and limited,
and signing in starts a new session (issue 13, finding 5)."""

from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie

import pyotp
import pytest

from forum.auth.models import Role
from forum.extensions import db
from tests import factories
from tests.security.test_twofactor import enrolled_user

STAFF_PAGE = "/organise/audit/"


def sign_in(client, email, remember=False):
    data = {"email": email, "password": factories.PASSWORD}
    if remember:
        data["remember"] = "y"
    return client.post("/sign-in", data=data)


def is_signed_in(client) -> bool:
    return "Sign out" in client.get("/").get_data(as_text=True)


def replay(app, name: str, value: str):
    """A fresh client (another browser) that holds only the copied cookie."""
    other = app.test_client()
    other.set_cookie(name, value)
    return other


def remember_cookie(response) -> SimpleCookie | None:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith("remember_token="):
            cookie = SimpleCookie()
            cookie.load(header)
            return cookie["remember_token"]
    return None


def test_a_session_cookie_copied_before_sign_out_is_signed_out_after(client, app):
    user = factories.create_user(Role.ORGANISER)
    db.session.commit()
    sign_in(client, user.email)
    copied = client.get_cookie("session").value
    assert replay(app, "session", copied).get(STAFF_PAGE).status_code == 200

    client.post("/sign-out")
    thief = replay(app, "session", copied)
    assert thief.get(STAFF_PAGE).status_code == 302
    assert not is_signed_in(thief)


def test_signing_out_on_one_device_leaves_the_others_signed_in(app):
    user = factories.create_user(Role.STAFF)
    db.session.commit()
    first, second = app.test_client(), app.test_client()
    sign_in(first, user.email)
    sign_in(second, user.email)
    first.post("/sign-out")
    assert not is_signed_in(first)
    assert is_signed_in(second)


def test_the_remember_cookie_is_refused_after_sign_out(client, app):
    user = factories.create_user(Role.DELEGATE)
    db.session.commit()
    sign_in(client, user.email, remember=True)
    copied = client.get_cookie("remember_token").value
    assert is_signed_in(replay(app, "remember_token", copied))

    client.post("/sign-out")
    assert not is_signed_in(replay(app, "remember_token", copied))


def test_remember_me_lasts_fourteen_days(client, app):
    user = factories.create_user(Role.STAFF)
    db.session.commit()
    cookie = remember_cookie(sign_in(client, user.email, remember=True))
    expires = datetime.strptime(cookie["expires"], "%a, %d %b %Y %H:%M:%S GMT")
    left = expires.replace(tzinfo=UTC) - datetime.now(UTC)
    assert timedelta(days=13) < left <= timedelta(days=14)


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.OFFICER])
def test_organisers_and_officers_are_never_remembered(client, app, role):
    user = factories.create_user(role)
    db.session.commit()
    response = sign_in(client, user.email, remember=True)
    assert response.status_code == 302
    assert remember_cookie(response) is None


def test_no_remember_cookie_after_the_code_step_either(client, app, event):
    user, secret, _codes = enrolled_user()
    sign_in(client, user.email, remember=True)
    response = client.post("/sign-in/code", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert remember_cookie(response) is None
    assert client.get_cookie("remember_token") is None


def test_signing_in_starts_a_new_session_and_csrf_token(client, app):
    user = factories.create_user(Role.STAFF)
    db.session.commit()
    client.get("/language/uk")
    with client.session_transaction() as session:  # what an attacker could have planted
        session["csrf_token"] = "planted-csrf-token"
        session["planted"] = "by an attacker"
    sign_in(client, user.email)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("csrf_token") != "planted-csrf-token"
        assert session["lang"] == "uk"  # the language chosen is kept
        assert session["_user_id"].startswith(f"{user.id}:")


def test_a_visitors_cookie_is_sent_only_when_the_session_changes(client, app):
    # Else a style sheet's late answer would put back a cookie without the sign-in form's
    # CSRF token, and the form would be refused as expired.
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: the form's token is in the session
    assert "session=" in client.get("/sign-in").headers.get("Set-Cookie", "")
    for path in ("/static/css/forum.css", "/", "/sign-in"):
        response = client.get(path)
        assert response.headers.getlist("Set-Cookie") == [], path


def test_a_signed_in_session_from_another_browser_is_still_refused(client, app, event):
    user = factories.create_user(Role.OFFICER)
    db.session.commit()
    sign_in(client, user.email)
    assert client.get("/accreditation/").status_code == 200
    other_browser = {"User-Agent": "Another browser/1.0"}
    assert client.get("/accreditation/", headers=other_browser).status_code == 302
