"""Sign-in: rate limits per address and per account, growing delays, one answer for all failures."""

from datetime import timedelta

import pytest

from forum.auth.models import Role
from forum.db import utcnow
from forum.extensions import db
from forum.security.signin import attempt_sign_in, delay_seconds, seconds_until_allowed
from tests import factories

GENERIC = b"The e-mail or password is not correct."


def post_sign_in(client, email, password, ip="203.0.113.7"):
    return client.post(
        "/sign-in",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    )


def test_delays_grow_after_five_failures(app):
    assert [delay_seconds(n) for n in range(5)] == [0, 0, 0, 0, 0]
    assert delay_seconds(5) == 32
    assert delay_seconds(6) == 64
    assert delay_seconds(9) == 512
    assert delay_seconds(30) == app.config["SIGN_IN_MAX_DELAY"]


def test_an_account_waits_after_repeated_failures_even_with_the_right_password(app):
    user = factories.create_user(Role.OFFICER)
    db.session.commit()
    for _ in range(5):
        assert attempt_sign_in(user.email, "wrong password!").user is None
    assert user.failed_logins == 5
    assert 30 <= seconds_until_allowed(user) <= 32

    result = attempt_sign_in(user.email, factories.PASSWORD)
    assert result.user is None and result.failure == "delayed"
    assert user.failed_logins == 5  # a refused attempt is not another failure

    # Once the delay is over, the right password works and clears the count.
    user.last_failed_login_at = utcnow() - timedelta(seconds=33)
    assert attempt_sign_in(user.email, factories.PASSWORD).user is user
    assert user.failed_logins == 0


def test_a_delayed_account_gets_the_same_answer_as_a_wrong_password(client, app):
    user = factories.create_user(Role.ORGANISER)
    user.failed_logins = 7
    user.last_failed_login_at = utcnow()
    db.session.commit()
    delayed = post_sign_in(client, user.email, factories.PASSWORD)
    unknown = post_sign_in(client, "nobody@example.org", factories.PASSWORD)
    wrong = post_sign_in(client, factories.create_user().email, "not the password")
    for response in (delayed, unknown, wrong):
        assert response.status_code == 200
        assert GENERIC in response.data
    assert b"locked" not in delayed.data.lower() and b"wait" not in delayed.data.lower()
    assert client.get("/accreditation/", follow_redirects=False).status_code == 302


def test_unknown_and_known_e_mails_get_identical_pages(client, app):
    known = factories.create_user(Role.DELEGATE, email="known@example.org")
    db.session.commit()
    a = post_sign_in(client, known.email, "wrong password 1")
    b = post_sign_in(client, "unknown@example.org", "wrong password 1")
    assert a.status_code == b.status_code == 200
    a_page = a.data.replace(b"known@example.org", b"")
    b_page = b.data.replace(b"unknown@example.org", b"")
    assert a_page == b_page


def test_password_reset_does_not_reveal_accounts(client, app, mailbox, event):
    factories.create_user(Role.DELEGATE, email="has-account@example.org")
    db.session.commit()
    known = client.post("/password/reset", data={"email": "has-account@example.org"})
    unknown = client.post("/password/reset", data={"email": "no-account@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert len(mailbox.to("has-account@example.org")) == 1
    assert mailbox.to("no-account@example.org") == []


def test_sign_in_is_limited_per_account_across_addresses(client, app):
    user = factories.create_user(Role.ORGANISER)
    db.session.commit()
    statuses = [
        post_sign_in(client, user.email.upper(), f"guess {n}", ip=f"198.51.100.{n}").status_code
        for n in range(12)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]
    # Another account from the same addresses is not affected.
    other = factories.create_user(Role.ORGANISER)
    db.session.commit()
    assert (
        post_sign_in(client, other.email, factories.PASSWORD, ip="198.51.100.1").status_code == 302
    )


def test_sign_in_is_limited_per_address(client, app):
    statuses = [
        post_sign_in(client, f"someone{n}@example.org", "guess").status_code for n in range(31)
    ]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    # Another address still gets through.
    assert post_sign_in(client, "x@example.org", "guess", ip="192.0.2.55").status_code == 200


@pytest.mark.parametrize("path", ["/sign-in", "/password/reset"])
def test_limit_answers_are_a_page_in_the_users_language(client, app, path):
    app.config["SIGN_IN_LIMIT_PER_IP"] = "1 per minute"
    for _ in range(6):
        response = client.post(path, data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 429
    assert b"Too many attempts" in response.data


def test_registering_a_known_e_mail_looks_the_same_as_a_new_one(client, app, mailbox, event):
    from tests.registration.conftest import form_data

    factories.create_user(Role.DELEGATE, email="taken@example.org")
    db.session.commit()
    taken = client.post("/register", data=form_data(email="taken@example.org"))
    new = client.post("/register", data=form_data(email="fresh@example.org"))
    assert taken.status_code == new.status_code == 302
    assert taken.headers["Location"] == new.headers["Location"]
    # The owner of the address learns about the attempt by mail, nobody else does.
    assert len(mailbox.to("taken@example.org")) == 1


def test_resending_the_confirmation_does_not_reveal_registrations(client, app, mailbox, event):
    factories.create_registration(event, email="waiting@example.org", state="submitted")
    db.session.commit()
    known = client.post("/register/resend", data={"email": "waiting@example.org"})
    unknown = client.post("/register/resend", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert b"If this address has" in client.get(known.headers["Location"]).data
    assert len(mailbox.to("waiting@example.org")) == 1
