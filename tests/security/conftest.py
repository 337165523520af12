"""Shared fixtures of the security tests: a small demo forum and its logins."""

import pytest

from forum.demo.seed import seed_demo
from forum.extensions import db


@pytest.fixture
def demo(app):
    """The demo forum with 30 delegates; `demo.logins` maps role -> (e-mail, password)."""
    result = seed_demo(delegates=30)
    db.session.commit()
    result.by_role = {role: (email, password) for role, email, password in result.logins}
    return result


def sign_in_demo(client, demo, role: str) -> None:
    """Sign in with the demo login of `role` (a Role value)."""
    email, password = demo.by_role[role]
    response = client.post("/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302, response.data[:500]
