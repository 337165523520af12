"""Two-factor sign-in: enrolment, the code step, recovery codes, and the production rule."""

import re
import time

import pyotp
import pytest

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.extensions import db
from forum.security.twofactor import (
    TwoFactorError,
    begin_enrolment,
    confirm_enrolment,
    has_two_factor,
    verify_second_factor,
)
from tests import factories


def enrolled_user(role=Role.ORGANISER):
    """A user with two-factor on, enrolled with a code from a minute ago."""
    user = factories.create_user(role)
    secret = begin_enrolment(user)
    earlier = time.time() - 90
    codes = confirm_enrolment(user, pyotp.TOTP(secret).at(earlier), at=earlier)
    db.session.commit()
    return user, secret, codes


def test_enrolment_needs_a_right_code_then_gives_ten_hashed_recovery_codes(app):
    user = factories.create_user(Role.OFFICER)
    secret = begin_enrolment(user)
    with pytest.raises(TwoFactorError):
        confirm_enrolment(user, "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    assert not has_two_factor(user)
    codes = confirm_enrolment(user, pyotp.TOTP(secret).now())
    assert has_two_factor(user)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    # Only digests are stored.
    stored = " ".join(user.recovery_code_hashes)
    assert not any(code in stored or code.replace("-", "") in stored for code in codes)
    assert db.session.query(AuditEntry).filter_by(action="security.two_factor_enabled").count() == 1


def test_a_code_works_once_and_a_recovery_code_works_once(app):
    user, secret, codes = enrolled_user()
    code = pyotp.TOTP(secret).now()
    assert verify_second_factor(user, code)
    assert not verify_second_factor(user, code)  # replayed
    assert verify_second_factor(user, codes[0].upper().replace("-", " "))
    assert not verify_second_factor(user, codes[0])
    assert len(user.recovery_code_hashes) == 9
    assert not verify_second_factor(user, "abcde-fghij")
    assert not verify_second_factor(user, "12345")


def sign_in(client, email, password=factories.PASSWORD):
    return client.post("/sign-in", data={"email": email, "password": password})


def test_sign_in_asks_for_the_code_after_the_password(client, app, event):
    user, secret, _codes = enrolled_user()
    response = sign_in(client, user.email)
    assert response.headers["Location"].endswith("/sign-in/code")
    # Not signed in yet: a protected page still sends to sign-in.
    assert client.get("/organise/audit/").status_code == 302
    page = client.get("/sign-in/code")
    assert b"authenticator app" in page.data

    wrong = client.post("/sign-in/code", data={"code": "12345x"})
    assert b"This code is not correct" in wrong.data
    response = client.post("/sign-in/code", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.get("/organise/audit/").status_code == 200
    db.session.refresh(user)
    assert user.failed_logins == 0


def test_a_recovery_code_signs_in_when_the_phone_is_lost(client, app, event):
    user, _secret, codes = enrolled_user(Role.OFFICER)
    sign_in(client, user.email)
    response = client.post("/sign-in/code", data={"code": codes[3]})
    assert response.status_code == 302
    db.session.refresh(user)
    assert len(user.recovery_code_hashes) == 9


def test_five_wrong_codes_end_the_attempt_and_count_as_failures(client, app, event):
    user, secret, _codes = enrolled_user()
    sign_in(client, user.email)
    for _ in range(5):
        response = client.post("/sign-in/code", data={"code": "000000"})
    assert response.headers["Location"].endswith("/sign-in")
    assert client.get("/sign-in/code").headers["Location"].endswith("/sign-in")
    db.session.refresh(user)
    assert user.failed_logins >= 5
    # A right password does not clear the count while the code step is pending.
    sign_in(client, user.email)
    db.session.refresh(user)
    assert user.failed_logins >= 5


def test_the_code_step_without_a_password_goes_back_to_sign_in(client, app):
    assert client.get("/sign-in/code").headers["Location"].endswith("/sign-in")
    assert client.post("/sign-in/code", data={"code": "123456"}).status_code == 302


def test_enrolment_pages_show_a_qr_code_and_recovery_codes_once(client, auth, app, event):
    user = auth.as_role(Role.ORGANISER)
    page = client.get("/account/two-factor")
    assert b"Set up two-factor sign-in" in page.data
    assert client.post("/account/two-factor/start").status_code == 302
    enrol = client.get("/account/two-factor/enrol")
    assert b'src="data:image/svg+xml;base64,' in enrol.data
    db.session.refresh(user)
    bad = client.post("/account/two-factor/enrol", data={"code": "999999x"})
    assert b"This code is not correct" in bad.data
    done = client.post(
        "/account/two-factor/enrol", data={"code": pyotp.TOTP(user.totp_secret).now()}
    )
    assert done.status_code == 200
    shown = re.findall(rb"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", done.data)
    assert len(shown) == 10
    # The session continues; the codes are not shown again.
    status = client.get("/account/two-factor")
    assert b"Two-factor sign-in is on" in status.data
    assert shown[0] not in status.data


def test_delegates_and_door_staff_have_no_two_factor_pages(client, auth, app, event):
    auth.as_role(Role.STAFF)
    assert client.get("/account/two-factor").status_code == 403


def test_production_sends_an_organiser_without_two_factor_to_enrolment(client, app, event):
    app.config["TWO_FACTOR_REQUIRED"] = True
    user = factories.create_user(Role.OFFICER)
    db.session.commit()
    response = sign_in(client, user.email)
    assert response.headers["Location"].endswith("/account/two-factor")
    # Every other page sends there until enrolment is done; the API refuses.
    assert client.get("/accreditation/").headers["Location"].endswith("/account/two-factor")
    assert client.get("/api/v1/programme").status_code == 403
    assert b"required before you can continue" in client.get("/account/two-factor").data
    # Delegates and door staff are not asked.
    client.post("/sign-out")
    staff = factories.create_user(Role.STAFF)
    db.session.commit()
    assert sign_in(client, staff.email).headers["Location"] == "/scanner/"  # where they work


def test_two_factor_is_required_by_default_only_in_production(app):
    from forum.security.twofactor import two_factor_required

    organiser = factories.create_user(Role.ORGANISER)
    assert not two_factor_required(organiser)
    app.config["ENV"] = "production"
    assert two_factor_required(organiser)
    assert not two_factor_required(factories.create_user(Role.DELEGATE))


def test_reset_two_factor_command(runner, app):
    user, _secret, _codes = enrolled_user()
    result = runner.invoke(args=["reset-two-factor", user.email])
    assert result.exit_code == 0, result.output
    db.session.refresh(user)
    assert not has_two_factor(user) and user.recovery_code_hashes == []
    assert runner.invoke(args=["reset-two-factor", "nobody@example.org"]).exit_code != 0


def test_new_recovery_codes_and_switching_off_need_a_fresh_code(client, app, event):
    user, secret, old_codes = enrolled_user(Role.OFFICER)
    sign_in(client, user.email)
    client.post("/sign-in/code", data={"code": pyotp.TOTP(secret).now()})
    # Wrong code: nothing changes.
    client.post("/account/two-factor/recovery-codes", data={"recovery-code": "000000x"})
    db.session.refresh(user)
    assert len(user.recovery_code_hashes) == 10
    # A fresh code (the next time step): ten new codes, the old ones are void.
    next_code = pyotp.TOTP(secret).at(time.time() + 30)
    page = client.post("/account/two-factor/recovery-codes", data={"recovery-code": next_code})
    new_codes = re.findall(rb"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", page.data)
    assert len(new_codes) == 10
    db.session.refresh(user)
    assert not verify_second_factor(user, old_codes[0])
    # Switching off needs a code too; then the account signs in with the password only.
    client.post("/account/two-factor/disable", data={"disable-code": "nonsense"})
    db.session.refresh(user)
    assert has_two_factor(user)
    client.post("/account/two-factor/disable", data={"disable-code": new_codes[0].decode()})
    db.session.refresh(user)
    assert not has_two_factor(user)


def test_switching_off_is_refused_when_two_factor_is_required(client, app, event):
    user, secret, codes = enrolled_user()
    app.config["TWO_FACTOR_REQUIRED"] = True
    sign_in(client, user.email)
    client.post("/sign-in/code", data={"code": codes[0]})
    response = client.post("/account/two-factor/disable", data={"disable-code": codes[1]})
    assert response.status_code == 302
    db.session.refresh(user)
    assert has_two_factor(user)
