"""Every route declares who may use it, and the declaration is enforced."""

import pytest

from forum.auth.access import EVERYONE, allow
from forum.auth.models import Role
from forum.extensions import db
from tests import factories


def test_every_route_declares_its_audience(app):
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not hasattr(app.view_functions[rule.endpoint], "access")
    ]
    assert undeclared == []


@pytest.fixture
def guarded_app(fresh_app):
    """A fresh app with one organiser-only page and one API route, for the checks below."""
    app = fresh_app()

    @app.get("/test-only/organisers")
    @allow(Role.ORGANISER)
    def organisers_only():
        return "programme secrets"

    @app.get("/api/test-only")
    @allow(Role.STAFF)
    def api_only():
        return {"ok": True}

    return app


def sign_in_as(app, role):
    user = factories.create_user(role)
    db.session.commit()
    client = app.test_client()
    client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    return client


def test_anonymous_is_sent_to_sign_in(guarded_app):
    response = guarded_app.test_client().get("/test-only/organisers")
    assert response.status_code == 302
    assert "/sign-in?next=" in response.headers["Location"]


def test_api_answers_401_not_a_redirect(guarded_app):
    assert guarded_app.test_client().get("/api/test-only").status_code == 401


@pytest.mark.parametrize("role", [Role.OFFICER, Role.STAFF, Role.DELEGATE])
def test_wrong_role_gets_403_and_no_data(guarded_app, role):
    response = sign_in_as(guarded_app, role).get("/test-only/organisers")
    assert response.status_code == 403
    assert "programme secrets" not in response.get_data(as_text=True)


def test_right_role_gets_the_page(guarded_app):
    response = sign_in_as(guarded_app, Role.ORGANISER).get("/test-only/organisers")
    assert response.status_code == 200


def test_everyone_marker_is_public():
    @allow(EVERYONE)
    def view():
        return "ok"

    assert view.access == frozenset({EVERYONE})
