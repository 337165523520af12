"""Password-reset links: opaque, expiring, single use (issue 13, finding 16)."""

import base64
import re
import time
from unittest import mock

from forum.auth.models import Role
from forum.extensions import db
from tests import factories

NEW_PASSWORD = {"password": "brand new password", "password_again": "brand new password"}


def reset_link(client, mailbox, email):
    client.post("/password/reset", data={"email": email})
    return mailbox.link(mailbox.to(email)[-1], "/password/reset/")


def decoded_parts(token: str) -> bytes:
    """Every base64 piece of the token, decoded as far as it decodes."""
    found = b""
    for piece in re.split(r"[.]", token):
        try:
            found += base64.urlsafe_b64decode(piece + "=" * (-len(piece) % 4))
        except ValueError:
            continue
    return found


def test_a_reset_link_reveals_neither_the_account_nor_its_password_hash(client, app, mailbox):
    user = factories.create_user(Role.STAFF, email="door@example.org")
    db.session.commit()
    token = reset_link(client, mailbox, "door@example.org").rsplit("/", 1)[1]
    readable = decoded_parts(token) + token.encode()
    for secret in (user.password_hash[-16:], user.password_hash[-8:]):
        assert secret.encode() not in readable
    assert not re.search(rb"\[\s*%d\s*," % user.id, readable)
    assert b"door@example.org" not in readable


def test_a_used_reset_link_is_refused_with_a_clear_message(client, app, mailbox):
    factories.create_user(Role.DELEGATE, email="d@example.org")
    db.session.commit()
    link = reset_link(client, mailbox, "d@example.org")
    assert client.post(link, data=NEW_PASSWORD).status_code == 302
    again = client.get(link)
    assert again.status_code == 400
    page = again.get_data(as_text=True)
    assert "This link was already used" in page
    assert 'href="/password/reset"' in page


def test_an_expired_reset_link_is_refused_with_a_clear_message(client, app, mailbox):
    factories.create_user(Role.DELEGATE, email="d@example.org")
    db.session.commit()
    link = reset_link(client, mailbox, "d@example.org")
    later = time.time() + 3601
    with mock.patch("time.time", return_value=later):
        response = client.get(link)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This link has expired" in page
    assert 'href="/password/reset"' in page


def test_a_damaged_reset_link_is_refused(client, app, mailbox):
    factories.create_user(Role.DELEGATE, email="d@example.org")
    db.session.commit()
    link = reset_link(client, mailbox, "d@example.org")
    response = client.get(link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB"))
    assert response.status_code == 400
    assert "This link is not valid" in response.get_data(as_text=True)
