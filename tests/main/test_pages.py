"""The public pages in both languages, and the error pages."""

import re

import pytest
from flask import abort

from forum.auth.access import public
from forum.extensions import db
from tests import factories


def test_home_presents_the_forum(client, event):
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "EU-Ukraine Defence Industry Forum" in page
    assert "6 May 2024" in page
    assert "Brussels" in page
    assert "EEAS, with the Belgian Presidency and ASD" in page
    assert "What to do next" in page


def test_home_in_ukrainian(client, event):
    event.name_uk, event.city_uk = "Форум оборонної промисловості ЄС-Україна", "Брюссель"
    db.session.commit()
    client.get("/language/uk")
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="uk">' in page
    assert "Форум оборонної промисловості ЄС-Україна" in page
    assert "6 травня 2024" in page
    assert "Що робити далі" in page
    assert "Брюссель" in page


def test_browser_language_is_used_until_the_visitor_chooses(client, event):
    db.session.commit()
    page = client.get("/", headers={"Accept-Language": "uk-UA,uk;q=0.9"}).get_data(True)
    assert '<html lang="uk">' in page
    client.get("/language/en")
    page = client.get("/", headers={"Accept-Language": "uk"}).get_data(True)
    assert '<html lang="en">' in page


def test_unknown_language_is_ignored(client, event):
    db.session.commit()
    client.get("/language/xx")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_language_switch_returns_to_the_page(client):
    response = client.get("/language/uk?next=/sign-in")
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/language/uk?next=https://evil.example").headers["Location"] == "/"


def test_home_without_an_event_explains_what_to_do(client):
    page = client.get("/").get_data(as_text=True)
    assert "seed-demo" in page


def test_registration_status_is_shown(client, event):
    from datetime import UTC, datetime

    event.registration_opens_at = datetime(2099, 1, 10, 9, tzinfo=UTC)
    db.session.commit()
    assert "Registration opens on 10 January 2099" in client.get("/").get_data(as_text=True)
    event.registration_opens_at = None
    event.registration_closes_at = datetime(2000, 1, 1, tzinfo=UTC)
    db.session.commit()
    assert "Registration has closed" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "lang,code,text",
    [
        ("en", 404, "Page not found"),
        ("uk", 404, "Сторінку не знайдено"),
        ("en", 403, "Access denied"),
        ("uk", 403, "Доступ заборонено"),
        ("en", 400, "Bad request"),
        ("uk", 400, "Некоректний запит"),
        ("en", 500, "Something went wrong"),
        ("uk", 500, "Щось пішло не так"),
    ],
)
def test_error_pages_in_both_languages(fresh_app, lang, code, text):
    app = fresh_app()
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/test-error/<int:status>")
    @public
    def test_error(status):
        if status == 500:
            raise RuntimeError("boom")
        abort(status)

    client = app.test_client()
    client.get(f"/language/{lang}")
    response = client.get(f"/test-error/{code}" if code != 404 else "/no/such/page")
    assert response.status_code == code
    page = response.get_data(as_text=True)
    assert text in page
    assert f'<html lang="{lang}">' in page
    assert "boom" not in page


def test_a_form_posted_without_csrf_token_is_refused(app, client):
    factories.create_user(email="o@forum.example")
    db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(
        "/sign-in", data={"email": "o@forum.example", "password": factories.PASSWORD}
    )
    assert response.status_code == 400
    assert "The form expired or was sent from elsewhere" in response.get_data(as_text=True)
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_pages_load_nothing_from_the_internet(client, event):
    db.session.commit()
    for path in ("/", "/sign-in", "/no-such-page"):
        page = client.get(path).get_data(as_text=True)
        external = re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', page)
        assert external == [], path


def test_sign_in_form_is_labelled(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert '<label for="email">' in page and '<label for="password">' in page
    assert 'autocomplete="current-password"' in page


def test_method_not_allowed_names_the_allowed_methods(client):
    response = client.get("/sign-out")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
