"""The access matrix: every route of the app against every role, from a table kept here.

The table says, for each endpoint, who may use it. The test walks app.url_map:
a route missing from the table fails (declare who may use it), and so does an
entry for a route that no longer exists. Then every route is requested by each
of anonymous, delegate, door staff, accreditation officer and organiser:

- allowed: any answer but 401/403 (404 is fine: the ids in the URL are made up),
  and never a server error;
- signed in but not allowed: 403;
- anonymous and not public: a redirect to sign-in (401 under /api/).

Made-up ids mean no real object is touched. Object-level rules (a delegate
reaching for another delegate's registration, photo, badge or agenda feed)
are tested below with real objects.
"""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from flask import url_for
from werkzeug.routing import Rule

from forum.auth.models import Role
from forum.extensions import db, limiter
from forum.registration.models import Photo, RegistrationState
from tests import factories

ANONYMOUS = "anonymous"
ROLES = [
    ANONYMOUS,
    Role.DELEGATE,
    Role.STAFF,
    Role.OFFICER,
    Role.ORGANISER,
    Role.FOCAL_POINT,
    Role.SECURITY_OFFICER,
]

PUBLIC = frozenset(ROLES)
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}
DELEGATE = frozenset({Role.DELEGATE})
ORGANISER = frozenset({Role.ORGANISER})
ACCREDITATION = frozenset({Role.OFFICER, Role.ORGANISER})
FOCAL_POINT = frozenset({Role.FOCAL_POINT})
SECURITY = frozenset({Role.SECURITY_OFFICER})
# The roles that see personal data in bulk sign in with two factors.
TWO_FACTOR = ACCREDITATION | SECURITY
DOOR = frozenset({Role.STAFF, Role.ORGANISER})

# Who may use each endpoint. A new route fails the test until it is declared here.
ACCESS = {
    # Public pages, sign-in and registration
    "main.index": PUBLIC,
    "main.privacy": PUBLIC,
    "main.set_language": PUBLIC,
    "ops.healthz": PUBLIC,
    "auth.sign_in": PUBLIC,
    "auth.reset_request": PUBLIC,
    "auth.reset_password": PUBLIC,  # the token in the URL is the key
    "security.verify": PUBLIC,  # only works with a pending password step in the session
    "auth.sign_out": SIGNED_IN,
    "registration.register": PUBLIC,
    "registration.check_email": PUBLIC,
    "registration.confirm": PUBLIC,  # signed token
    "registration.resend": PUBLIC,
    "registration.held_photo": PUBLIC,  # only the photo held for this browser's session
    "registration.accept_invitation": PUBLIC,  # signed token
    # Public programme (when published)
    "programme.public_programme": PUBLIC,
    "programme.public_session": PUBLIC,
    "programme.public_speakers": PUBLIC,
    "programme.speaker_photo": PUBLIC,
    "programme.programme_ics": PUBLIC,
    "programme.agenda_ics": PUBLIC,  # secret token per delegate, replaceable
    "api.programme": PUBLIC,
    "api.openapi": PUBLIC,
    # The delegate's own things (no id in the URL: always their own)
    "registration.dashboard": DELEGATE,
    "registration.edit": DELEGATE,
    "registration.withdraw": DELEGATE,
    "registration.my_photo": DELEGATE,
    "badges.my_badge": DELEGATE,
    "programme.my_agenda": DELEGATE,
    "programme.sign_up": DELEGATE,
    "programme.cancel_sign_up": DELEGATE,
    "programme.replace_calendar_link": DELEGATE,
    "programme.mail_agenda": DELEGATE,
    "privacy.my_data": DELEGATE,
    "privacy.my_data_json": DELEGATE,
    "privacy.ask_erasure": DELEGATE,
    # B2B matchmaking: delegates who take part (object rules in tests/matchmaking/test_views.py)
    "matchmaking.home": DELEGATE,
    "matchmaking.opt_in": DELEGATE,
    "matchmaking.opt_out": DELEGATE,
    "matchmaking.mail_notices": DELEGATE,
    "matchmaking.mail_door_notices": DELEGATE,
    "matchmaking.directory_page": DELEGATE,
    "matchmaking.suggestions_page": DELEGATE,
    "matchmaking.profile_page": DELEGATE,
    "matchmaking.send_request": DELEGATE,
    "matchmaking.accept": DELEGATE,
    "matchmaking.decline": DELEGATE,
    "matchmaking.withdraw": DELEGATE,
    "matchmaking.cancel": DELEGATE,
    "matchmaking.move": DELEGATE,
    "matchmaking.outcome": DELEGATE,
    "matchmaking.availability_page": DELEGATE,
    "matchmaking.edit_profile": DELEGATE,
    "matchmaking.add_colleague": DELEGATE,
    "matchmaking.remove_colleague": DELEGATE,
    # ... and their organisers
    "matchmaking.admin_overview": ORGANISER,
    "matchmaking.admin_settings": ORGANISER,
    "matchmaking.add_block": ORGANISER,
    "matchmaking.remove_block": ORGANISER,
    "matchmaking.admin_tags": ORGANISER,
    "matchmaking.edit_tag": ORGANISER,
    "matchmaking.delete_tag": ORGANISER,
    "matchmaking.add_usual_tags": ORGANISER,
    "matchmaking.place": ORGANISER,
    "matchmaking.admin_meeting": ORGANISER,
    "matchmaking.admin_cancel": ORGANISER,
    "matchmaking.admin_today": ORGANISER,
    "matchmaking.release_table": ORGANISER,
    "matchmaking.table_plan": ORGANISER,
    "matchmaking.people_plan": ORGANISER,
    "matchmaking.meetings_csv": ORGANISER,
    "matchmaking.admin_report": ORGANISER,
    # Accreditation: officers and organisers
    "registration.admin_list": ACCREDITATION,
    "registration.admin_detail": ACCREDITATION,
    "registration.admin_photo": ACCREDITATION,
    "registration.admin_decide": ACCREDITATION,
    "registration.admin_bulk": ACCREDITATION,
    "registration.admin_category": ACCREDITATION,
    "registration.admin_export": ACCREDITATION,
    # Large exports made by the worker: the officer who asked, or an organiser
    # (object rules in tests/exports/test_jobs.py)
    "exports.start": ACCREDITATION,
    "exports.recent": ACCREDITATION,
    "exports.job": ACCREDITATION,
    "exports.job_status": ACCREDITATION,
    "exports.download": ACCREDITATION,
    "registration.desk": ACCREDITATION,
    "registration.desk_ready": ACCREDITATION,
    "registration.desk_badge": ACCREDITATION,
    "registration.admin_import": ORGANISER,
    "registration.admin_settings": ORGANISER,
    # The organisers' own questions on the registration form, and the files answered
    "questions.officer_file": ACCREDITATION,
    "questions.own_file": DELEGATE,  # no registration id in the URL: always their own
    "questions.editor": ORGANISER,
    "questions.new_section": ORGANISER,
    "questions.edit_section": ORGANISER,
    "questions.delete_section": ORGANISER,
    "questions.new_question": ORGANISER,
    "questions.edit_question": ORGANISER,
    "questions.retire_question": ORGANISER,
    "questions.restore_question": ORGANISER,
    "questions.delete_question": ORGANISER,
    "questions.save_order": ORGANISER,
    "questions.preview": ORGANISER,
    # Two-factor sign-in for the roles that handle personal data
    "security.two_factor": TWO_FACTOR,
    "security.begin_enrolment": TWO_FACTOR,
    "security.enrol": TWO_FACTOR,
    "security.replace_recovery_codes": TWO_FACTOR,
    "security.disable": TWO_FACTOR,
    # Delegations: officers follow and decide them, organisers set them up
    "delegations.admin_list": ACCREDITATION,
    "delegations.admin_detail": ACCREDITATION,
    "delegations.decide": ACCREDITATION,
    "delegations.new": ORGANISER,
    "delegations.edit": ORGANISER,
    "delegations.import_csv": ORGANISER,
    "delegations.event_quotas": ORGANISER,
    "delegations.delete_quota": ORGANISER,
    "delegations.print_badges": ACCREDITATION,
    "delegations.change_focal_point": ORGANISER,
    "delegations.add_registration": ORGANISER,
    # The focal point's own delegation (another delegation's id is a 404: test_views)
    "delegations.mine": FOCAL_POINT,
    "delegations.focal_detail": FOCAL_POINT,
    "delegations.invite": FOCAL_POINT,
    "delegations.register_on_behalf": FOCAL_POINT,
    "delegations.replace": FOCAL_POINT,
    "delegations.remove": FOCAL_POINT,
    "delegations.focal_matchmaking": FOCAL_POINT,
    "delegations.focal_matchmaking_add": FOCAL_POINT,
    "delegations.focal_matchmaking_remove": FOCAL_POINT,
    "delegations.welcome": PUBLIC,  # the signed link in the focal point's welcome mail
    "staff.welcome": PUBLIC,  # the signed link in a new staff member's welcome mail
    # Security vetting: identity data for its owner and the security officers only
    "vetting.my_identity": DELEGATE,
    "vetting.people": SECURITY,
    "vetting.person": SECURITY,
    "vetting.answer": SECURITY,
    "vetting.export_awaiting": SECURITY,
    "vetting.import_answers": SECURITY,
    "vetting.settings_page": ORGANISER,
    # Doors: door staff and organisers (and scanner devices with a bearer token)
    "checkin.scanner": DOOR,
    "checkin.manifest": DOOR,
    "checkin.service_worker": DOOR,
    "api.create_scan": DOOR,
    "api.annul_scan": DOOR,
    "api.list_checkpoints": DOOR,
    "api.checkpoint_stats": DOOR,
    "api.offline_list": DOOR,
    "api.search": DOOR,
    "api.delegate_photo": DOOR,
    # Organisers only
    "checkin.attendance": ORGANISER,
    "checkin.attendance_data": ORGANISER,
    "checkin.export_scans": ORGANISER,
    "checkin.devices": ORGANISER,
    # Staff accounts
    "staff.accounts": ORGANISER,
    "staff.account": ORGANISER,
    "staff.set_active": ORGANISER,
    "staff.resend_welcome": ORGANISER,
    "staff.reset_two_factor": ORGANISER,
    "checkin.revoke_device": ORGANISER,
    "checkin.doors_page": ORGANISER,
    "checkin.add_checkpoint": ORGANISER,
    "checkin.open_or_close_checkpoint": ORGANISER,
    "checkin.set_staff_checkpoints": ORGANISER,
    "checkin.door_settings": ORGANISER,
    "events.edit_texts": ORGANISER,
    "outbox.outgoing_mail": ORGANISER,
    "mailings.index": ORGANISER,
    "mailings.new": ORGANISER,
    "mailings.edit": ORGANISER,
    "mailings.show": ORGANISER,
    "mailings.preview_html": ORGANISER,
    "mailings.send_test": ORGANISER,
    "mailings.send_now": ORGANISER,
    "mailings.schedule": ORGANISER,
    "mailings.cancel": ORGANISER,
    "checkin.pair_device": ORGANISER,
    "checkin.set_attention": ACCREDITATION,
    # A door phone pairs itself with a device token (the code or token is the key).
    "checkin.pair": PUBLIC,
    "checkin.redeem_pairing": PUBLIC,
    "checkin.sign_out_device": PUBLIC,
    "badges.admin_badges": ORGANISER,
    "badges.badge": ORGANISER,
    "badges.print_badge": ORGANISER,
    "badges.print_badges": ORGANISER,
    "badges.reissue": ORGANISER,
    # Officers only for delegations' piles (tests/delegations/test_pile_runs.py)
    "badges.job": ACCREDITATION,
    "badges.job_pdf": ACCREDITATION,
    "badges.job_status": ACCREDITATION,
    "programme.admin_schedule": ORGANISER,
    "programme.admin_session": ORGANISER,
    "programme.new_session": ORGANISER,
    "programme.edit_session": ORGANISER,
    "programme.delete_session": ORGANISER,
    "programme.publish_programme": ORGANISER,
    "programme.rooms": ORGANISER,
    "programme.edit_room": ORGANISER,
    "programme.delete_room": ORGANISER,
    "programme.speaker_profiles": ORGANISER,
    "programme.edit_profile": ORGANISER,
    "programme.delete_profile": ORGANISER,
    "programme.admin_speaker_photo": ORGANISER,
    "programme.add_speaker": ORGANISER,
    "programme.update_speaker": ORGANISER,
    "programme.remove_speaker": ORGANISER,
    "programme.conflicts": ORGANISER,
    "programme.speaker_list": ORGANISER,
    "programme.speaker_list_csv": ORGANISER,
    "programme.speaker_list_pdf": ORGANISER,
    "audit.audit_log": ORGANISER,
    "audit.export_csv": ORGANISER,
    "privacy.erasure_requests": ORGANISER,
    "privacy.confirm_request": ORGANISER,
    "privacy.decline_request": ORGANISER,
}
# Requested last for each role: it ends the session.
LAST = {"auth.sign_out"}
# The scanner's pages send anonymous visitors to the pairing page (a door phone's way in),
# which links to the sign-in.
SCANNER_PAGES = {"checkin.scanner", "checkin.manifest", "checkin.service_worker"}
NOT_ROUTES = {"static"}


def routes(app) -> list[tuple[Rule, str]]:
    """(rule, method) for every route, in a stable order."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        if rule.endpoint in NOT_ROUTES:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule, method))
    return found


def made_up_url(rule: Rule) -> str:
    """The rule's URL with ids and tokens that match no real object."""
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]  # noqa: SLF001  (werkzeug keeps no public accessor)
        kind = type(converter).__name__
        if kind in ("IntegerConverter", "BoundedIntegerConverter"):
            values[name] = 987654
        elif kind == "UUIDConverter":
            values[name] = uuid.UUID("00000000-0000-4000-8000-00000000beef")
        elif kind == "AnyConverter":
            values[name] = sorted(converter.items)[0]
        elif name == "code":
            values[name] = "en"
        else:
            values[name] = "made-up-" + "x" * 24
    return url_for(rule.endpoint, **values)


def test_every_route_has_a_declared_audience(app):
    endpoints = {rule.endpoint for rule, _method in routes(app)}
    undeclared = sorted(endpoints - ACCESS.keys())
    assert undeclared == [], f"declare who may use these routes in ACCESS: {undeclared}"
    stale = sorted(ACCESS.keys() - endpoints)
    assert stale == [], f"these routes no longer exist; remove them from ACCESS: {stale}"


def signed_in_client(app, role):
    client = app.test_client()
    if role == ANONYMOUS:
        return client
    if role is Role.DELEGATE:
        user, _registration = factories.create_delegate(app.matrix_event)
    else:
        user = factories.create_user(role)
    db.session.commit()
    response = client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    return client


def expected_ok(status: int, location: str) -> bool:
    return status not in (401, 403) and status < 500 and "/sign-in" not in location


@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r))
def test_every_route_answers_each_role_as_declared(app, event, role):
    app.matrix_event = event
    limiter.reset()
    client = signed_in_client(app, role)
    problems = []
    ordered = sorted(routes(app), key=lambda item: item[0].endpoint in LAST)
    for rule, method in ordered:
        audience = ACCESS.get(rule.endpoint)
        if audience is None:
            continue  # reported by test_every_route_has_a_declared_audience
        with app.test_request_context():
            url = made_up_url(rule)
        response = client.open(url, method=method, data={})
        status = response.status_code
        location = urlsplit(response.headers.get("Location", "")).path
        if role in audience:
            if rule.endpoint == "security.verify" or audience is PUBLIC:
                ok = status not in (401, 403) and status < 500
            else:
                ok = expected_ok(status, location)
            want = "allowed"
        elif role == ANONYMOUS:
            if url.startswith("/api/"):
                ok = status == 401
            elif rule.endpoint in SCANNER_PAGES:
                ok = status == 302 and location == "/scanner/pair"
            else:
                ok = status == 302 and location == "/sign-in"
            want = "sign-in"
        else:
            ok = status == 403
            want = "403"
        if not ok:
            problems.append(f"{method} {url} ({rule.endpoint}): want {want}, got {status}")
    assert problems == []


# --- Object level: one delegate reaching for another's things -----------------------------


@pytest.fixture
def two_delegates(app, event):
    alice, alice_reg = factories.create_delegate(event, given_name="Alice", family_name="Martin")
    bob, bob_reg = factories.create_delegate(event, given_name="Bohdan", family_name="Kovalenko")
    for registration in (alice_reg, bob_reg):
        registration.photo = Photo(
            data=b"\xff\xd8" + registration.email.encode(), width=400, height=500
        )
    db.session.commit()
    return (alice, alice_reg), (bob, bob_reg)


def sign_in(client, user):
    assert (
        client.post(
            "/sign-in", data={"email": user.email, "password": factories.PASSWORD}
        ).status_code
        == 302
    )


def test_a_delegate_cannot_reach_another_delegates_registration_or_photo(client, two_delegates):
    (alice, alice_reg), (_bob, bob_reg) = two_delegates
    sign_in(client, alice)
    for path in (
        f"/accreditation/{bob_reg.id}",
        f"/accreditation/{bob_reg.id}/photo",
        f"/api/v1/registrations/{bob_reg.public_id}/photo",
        f"/badges/{bob_reg.public_id}",
    ):
        assert client.get(path).status_code == 403, path
    # Her own pages show her, never him.
    for path in ("/my/registration", "/my/photo", "/my/data.json"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"Kovalenko" not in response.data and bob_reg.email.encode() not in response.data
    assert client.get("/my/photo").data == b"\xff\xd8" + alice_reg.email.encode()


def test_a_delegate_gets_only_their_own_badge(client, two_delegates):
    (alice, alice_reg), (_bob, bob_reg) = two_delegates
    sign_in(client, alice)
    assert client.get(f"/badges/{bob_reg.public_id}").status_code == 403
    assert client.post(f"/badges/{bob_reg.public_id}/reissue").status_code == 403
    mine = client.get("/my/badge.pdf")
    assert mine.status_code == 200 and mine.mimetype == "application/pdf"
    # A pending delegate gets no badge at all.
    alice_reg.state = RegistrationState.PENDING
    db.session.commit()
    assert client.get("/my/badge.pdf").status_code == 403


def test_agenda_feeds_need_the_delegates_current_secret(client, two_delegates):
    (alice, alice_reg), (_bob, bob_reg) = two_delegates
    assert client.get(f"/programme/calendar/{bob_reg.calendar_token}.ics").status_code == 200
    assert client.get(f"/programme/calendar/{'A' * 43}.ics").status_code == 404
    guessed = bob_reg.calendar_token[:-1] + ("A" if bob_reg.calendar_token[-1] != "A" else "B")
    assert client.get(f"/programme/calendar/{guessed}.ics").status_code == 404
    # Alice replaces her link: the old one stops working, Bob's is untouched.
    old = alice_reg.calendar_token
    sign_in(client, alice)
    client.post("/my/agenda/calendar-link")
    db.session.refresh(alice_reg)
    assert alice_reg.calendar_token != old
    assert client.get(f"/programme/calendar/{old}.ics").status_code == 404
    db.session.refresh(bob_reg)
    assert client.get(f"/programme/calendar/{bob_reg.calendar_token}.ics").status_code == 200


def test_a_delegate_cannot_cancel_another_delegates_sign_up(client, event, two_delegates):
    (alice, _alice_reg), (_bob, bob_reg) = two_delegates
    session = factories.create_session(event)
    factories.create_sign_up(session, bob_reg)
    db.session.commit()
    sign_in(client, alice)
    client.post(f"/programme/sessions/{session.id}/cancel")
    from forum.programme.models import SignUp

    assert db.session.query(SignUp).filter_by(registration_id=bob_reg.id).count() == 1


def test_erasure_of_another_delegate_is_for_organisers_only(client, two_delegates):
    from forum.privacy.services import request_erasure

    (alice, _alice_reg), (_bob, bob_reg) = two_delegates
    erasure = request_erasure(bob_reg)
    db.session.commit()
    sign_in(client, alice)
    assert client.post(f"/organise/erasure-requests/{erasure.id}/confirm").status_code == 403
    assert re.search(rb"Kovalenko", client.get("/my/data").data) is None
