"""Feature errors: one handler tells the user why, keeps nothing of the request, and sends
them back to where they were (pages) or answers JSON (the API)."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.auth.access import public
from forum.auth.models import Role, User
from forum.extensions import db
from forum.privacy.services import ErasureError
from forum.programme.errors import ProgrammeError
from forum.programme.models import Room
from tests import factories

REFUSAL = "That room does not exist."


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def refusing_app(fresh_app):
    """An app with routes that write a user, then refuse: on a page and under /api."""
    db.session.commit()  # the test's event, so that the other app may write
    other = fresh_app()

    @other.route("/_test/refuse", methods=["GET", "POST"])
    @public
    def refuse_on_a_page():
        factories.create_user(email="not-kept@example.org")
        raise ProgrammeError(_l(REFUSAL))

    @other.post("/api/v1/_test/refuse")
    @public
    def refuse_in_the_api():
        factories.create_user(email="not-kept@example.org")
        raise ErasureError(_l("This request was already decided."))

    return other


def test_a_refused_page_request_flashes_why_and_keeps_nothing(event, fresh_app):
    client = refusing_app(fresh_app).test_client()
    response = client.post("/_test/refuse", headers={"Referer": "http://localhost/sign-in?x=1"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?x=1"  # back where the form was
    page = client.get("/sign-in").get_data(as_text=True)
    assert f'<p class="flash flash-error" role="alert">{REFUSAL}</p>' in page
    assert count(User) == 0


def test_without_a_same_site_referer_the_user_goes_home(event, fresh_app):
    client = refusing_app(fresh_app).test_client()
    elsewhere = client.post("/_test/refuse", headers={"Referer": "https://evil.example/sign-in"})
    assert elsewhere.headers["Location"] == "/"
    assert client.post("/_test/refuse").headers["Location"] == "/"
    # A GET never redirects to itself, which would go round in circles.
    looping = client.get("/_test/refuse", headers={"Referer": "http://localhost/_test/refuse"})
    assert looping.headers["Location"] == "/"
    assert REFUSAL in client.get("/").get_data(as_text=True)


def test_a_form_that_says_where_to_go_back_is_followed(event, fresh_app):
    client = refusing_app(fresh_app).test_client()
    response = client.post("/_test/refuse", data={"next": "/programme"})
    assert response.headers["Location"] == "/programme"
    assert client.post("/_test/refuse", data={"next": "//evil.example/"}).location == "/"


def test_a_refusal_under_the_api_is_json_with_its_status_and_keeps_nothing(event, fresh_app):
    client = refusing_app(fresh_app).test_client()
    response = client.post("/api/v1/_test/refuse")
    assert response.status_code == 409
    assert response.get_json() == {
        "error": "conflict",
        "message": "This request was already decided.",
    }
    assert count(User) == 0


def test_the_refusal_is_told_in_the_users_language(event, fresh_app):
    client = refusing_app(fresh_app).test_client()
    client.get("/language/uk")
    answer = client.post("/api/v1/_test/refuse").get_json()
    assert answer["message"] == "Рішення щодо цього запиту вже ухвалено."


def test_a_real_refusal_returns_to_the_page_it_came_from(client, auth, event):
    room = factories.create_room(event, name="Room Kyiv", capacity=90)
    factories.create_session(event, room=room)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(
        f"/organise/rooms/{room.id}/delete", headers={"Referer": "http://localhost/organise/rooms"}
    )
    assert response.headers["Location"] == "/organise/rooms"
    page = client.get("/organise/rooms").get_data(as_text=True)
    assert "Room Kyiv is used by 1 sessions: move them first." in page
    assert count(Room) == 1


def test_the_check_in_api_keeps_its_error_answers(client, auth, event):
    response = client.post("/api/v1/scans/no-such-nonce/annul")
    assert response.status_code == 401
    assert response.get_json() == {
        "error": "unauthorized",
        "message": "Sign in, or send a device token.",
    }
    auth.as_role(Role.ORGANISER)
    response = client.post("/api/v1/scans", json=[])
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "bad_request",
        "message": "Send a JSON object.",
    }  # `fields` only when a field is named
