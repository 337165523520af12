"""Badge tokens: signed, compact, nothing personal, refused with a reason."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.badges.tokens import (
    BAD_SIGNATURE,
    FOREIGN_EVENT,
    MALFORMED,
    REASONS,
    REISSUED,
    UNKNOWN,
    issue_token,
    token_digest,
    verify_token,
)
from forum.extensions import db
from tests.factories import create_event, create_registration


def test_a_fresh_token_verifies_and_names_the_registration(event):
    registration = create_registration(event)
    code = issue_token(registration)
    check = verify_token(code, event)
    assert check.ok and check.reason == ""
    assert check.registration is registration


def test_the_token_is_short_upper_case_and_carries_nothing_personal(event):
    registration = create_registration(event, given_name="Olena", family_name="Kovalenko")
    code = issue_token(registration)
    # Alphanumeric QR mode: a version 3 (29 x 29) code holds 61 such characters at level M.
    assert re.fullmatch(r"[A-Z2-7]+", code) and len(code) <= 61
    lowered = code.lower()
    for personal in ("olena", "kovalenko", registration.email.lower(), "ardennes"):
        assert personal not in lowered
    assert str(registration.id) != code


def test_state_is_not_judged_here(event):
    """The scanner decides what a pending or rejected delegate may do; the code itself is valid."""
    registration = create_registration(event, state="rejected")
    assert verify_token(issue_token(registration), event).ok


def test_every_changed_character_is_refused(event):
    registration = create_registration(event)
    code = issue_token(registration)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    for position, original in enumerate(code):
        replacement = alphabet[(alphabet.index(original) + 1) % len(alphabet)]
        forged = code[:position] + replacement + code[position + 1 :]
        check = verify_token(forged, event)
        assert not check.ok, position
        assert check.reason in (MALFORMED, BAD_SIGNATURE)


def test_lower_case_or_truncated_codes_are_refused(event):
    code = issue_token(create_registration(event))
    assert verify_token(code.lower(), event).reason == MALFORMED
    assert verify_token(code[:-1], event).reason == MALFORMED
    assert verify_token(code + "A", event).reason in (MALFORMED, BAD_SIGNATURE)
    assert verify_token(f"  {code}\r\n", event).ok  # a keyboard-wedge scanner's line end


def test_reissue_refuses_the_old_code(event):
    registration = create_registration(event)
    old = issue_token(registration)
    registration.badge_version += 1
    db.session.flush()
    check = verify_token(old, event)
    assert not check.ok and check.reason == REISSUED
    assert check.registration is registration
    assert verify_token(issue_token(registration), event).ok


def test_a_badge_of_another_event_is_foreign(event):
    other = create_event()
    code = issue_token(create_registration(other))
    assert verify_token(code, event).reason == FOREIGN_EVENT
    assert verify_token(code, other).ok


def test_a_deleted_registration_is_unknown(event):
    registration = create_registration(event)
    code = issue_token(registration)
    db.session.delete(registration)
    db.session.flush()
    assert verify_token(code, event).reason == UNKNOWN


def test_rotation_old_keys_verify_new_key_signs(app, event):
    registration = create_registration(event)
    app.config["BADGE_SIGNING_KEYS"] = ["old-key-0123456789-0123456789-0123"]
    old_code = issue_token(registration)
    app.config["BADGE_SIGNING_KEYS"] = [
        "old-key-0123456789-0123456789-0123",
        "new-key-0123456789-0123456789-0123",
    ]
    new_code = issue_token(registration)
    assert new_code != old_code
    assert verify_token(old_code, event).ok
    assert verify_token(new_code, event).ok
    # Once the old key is removed, its badges stop opening doors.
    app.config["BADGE_SIGNING_KEYS"] = ["new-key-0123456789-0123456789-0123"]
    assert verify_token(old_code, event).reason == BAD_SIGNATURE
    assert verify_token(new_code, event).ok


def test_a_code_signed_with_an_unknown_key_is_refused(app, event):
    registration = create_registration(event)
    app.config["BADGE_SIGNING_KEYS"] = ["an-attacker-guessed-this-key-000000000"]
    forged = issue_token(registration)
    app.config["BADGE_SIGNING_KEYS"] = None
    check = verify_token(forged, event)
    assert not check.ok and check.reason == BAD_SIGNATURE and check.registration is None


def test_the_default_key_comes_from_the_secret_key(app, event):
    registration = create_registration(event)
    code = issue_token(registration)
    app.config["SECRET_KEY"] = "another-secret-key-that-is-long-enough-000"
    assert verify_token(code, event).reason == BAD_SIGNATURE


def test_digest_is_sha256_hex_of_the_code(event):
    code = issue_token(create_registration(event))
    digest = token_digest(code)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert token_digest(code + "\n") == digest
    assert token_digest(code[:-1] + "A") != digest or code.endswith("A")


# deadline=None: these read the database, whose speed is not the property under test.
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.text(max_size=120),
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", min_size=20, max_size=90),
        st.binary(max_size=60),
        st.none(),
        st.integers(),
    )
)
def test_never_raises_on_arbitrary_input(event, code):
    check = verify_token(code, event)
    assert not check.ok
    assert check.reason in REASONS


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(min_value=1, max_value=2**31), st.integers(min_value=1, max_value=10_000))
def test_round_trips_any_event_id_and_version(event, event_id, version):
    registration = create_registration(event)
    registration.badge_version = version
    code = issue_token(registration)
    assert verify_token(code, event).ok
    # Same registration, token claiming another event: refused as foreign, not crashing.
    registration.event_id = event_id if event_id != event.id else event_id + 1
    foreign = issue_token(registration)
    registration.event_id = event.id
    assert verify_token(foreign, event).reason == FOREIGN_EVENT
