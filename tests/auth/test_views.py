"""Signing in and out through the pages."""

import logging

import pytest

from forum.auth.models import Role
from forum.extensions import db
from tests import factories

GENERIC_ERROR = "The e-mail or password is not correct."


def test_staff_member_signs_in_and_out(client, auth, app):
    user = factories.create_user(Role.ORGANISER, email="organiser@forum.example")
    db.session.commit()
    response = auth.sign_in("Organiser@Forum.example")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "organiser@forum.example" in page and "Sign out" in page
    assert db.session.get(type(user), user.id).last_login_at is not None

    response = auth.sign_out()
    assert response.status_code == 302
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_wrong_password_and_unknown_email_get_the_same_generic_answer(client, auth):
    factories.create_user(Role.OFFICER, email="officer@forum.example")
    db.session.commit()
    wrong_password = auth.sign_in("officer@forum.example", "not the password").get_data(True)
    unknown_email = auth.sign_in("nobody@forum.example", "whatever").get_data(True)
    assert GENERIC_ERROR in wrong_password
    assert GENERIC_ERROR in unknown_email
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_deactivated_account_cannot_sign_in(client, auth):
    factories.create_user(Role.STAFF, email="door@forum.example", active=False)
    db.session.commit()
    assert GENERIC_ERROR in auth.sign_in("door@forum.example").get_data(as_text=True)


def test_next_parameter_never_leads_off_site(client):
    factories.create_user(Role.ORGANISER, email="o@forum.example")
    db.session.commit()
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.post(
            f"/sign-in?next={target}",
            data={"email": "o@forum.example", "password": factories.PASSWORD},
        )
        assert response.headers["Location"] == "/attendance"  # the organiser's own page
        client.post("/sign-out")
    response = client.post(
        "/sign-in?next=/language/uk",
        data={"email": "o@forum.example", "password": factories.PASSWORD},
    )
    assert response.headers["Location"] == "/language/uk"


def test_password_change_ends_other_sessions(client, auth, app):
    user = auth.as_role(Role.ORGANISER)
    user.set_password("a brand new password")
    db.session.commit()
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_passwords_are_hashed_with_a_current_scheme(app):
    user = factories.create_user(Role.ORGANISER)
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:sha256:600000"))
    assert factories.PASSWORD not in user.password_hash


def test_session_cookie_is_httponly_and_samesite(client, auth):
    factories.create_user(Role.ORGANISER, email="o@forum.example")
    db.session.commit()
    response = auth.sign_in("o@forum.example")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_sign_out_needs_post(client, auth):
    auth.as_role(Role.STAFF)
    assert client.get("/sign-out").status_code == 405
    assert "Sign out" in client.get("/").get_data(as_text=True)


def test_no_password_reaches_the_logs(client, auth, caplog):
    factories.create_user(Role.ORGANISER, email="o@forum.example")
    db.session.commit()
    with caplog.at_level(logging.DEBUG):
        auth.sign_in("o@forum.example", "a-secret-typed-wrongly")
        auth.sign_in("o@forum.example")
    assert "a-secret-typed-wrongly" not in caplog.text
    assert factories.PASSWORD not in caplog.text


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        (Role.DELEGATE, "/my/registration"),
        (Role.OFFICER, "/accreditation/"),
        (Role.STAFF, "/scanner/"),
        (Role.ORGANISER, "/attendance"),
    ],
)
def test_each_role_lands_where_it_works(client, event, role, lands_on):
    if role is Role.DELEGATE:
        user, _registration = factories.create_delegate(event)
    else:
        user = factories.create_user(role)
    db.session.commit()
    response = client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    assert response.headers["Location"] == lands_on
    assert client.get(lands_on).status_code == 200
    # Signed in already, the sign-in page sends there too.
    assert client.get("/sign-in").headers["Location"] == lands_on
