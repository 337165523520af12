"""The registration services, called directly."""

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role, User
from forum.extensions import db
from forum.registration import decisions, services
from forum.registration.models import BadgeCategory, Registration, RegistrationState
from forum.registration.search import ListFilter, search
from forum.registration.validators import PhotoError
from tests import factories
from tests.registration.conftest import image_bytes

S = RegistrationState
PERSON = dict(
    title="",
    given_name="Sébastien",
    family_name="Lefèvre",
    phone="+33612345678",
    job_title="Procurement Director",
    organisation="Ministère des Armées",
    organisation_type="eu_government",
    country="FR",
    requested_category="delegate",
    dietary_needs="",
    accessibility_needs="",
    consent_list=True,
)


def register(event, email="sebastien@example.org", **changes):
    return services.register(event, {**PERSON, **changes}, email, "a long enough password", "en")


def test_register_creates_a_submitted_registration_and_sends_the_confirmation(event, mailbox):
    registration = register(event)
    assert registration.state is S.SUBMITTED
    assert registration.user.role is Role.DELEGATE
    assert registration.consent_data_version == services.CONSENT_VERSION
    [mail] = mailbox.to("sebastien@example.org")
    assert "Confirm your e-mail address" in mail["Subject"]
    assert "/register/confirm/" in mailbox.body(mail)


def test_duplicate_email_changes_nothing_and_tells_the_owner_by_mail(event, mailbox):
    register(event)
    db.session.commit()
    assert register(event, email="SEBASTIEN@example.org") is None
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    last = mailbox.to("SEBASTIEN@example.org")[-1]
    assert "already registered" in mailbox.body(last)


def test_registration_closed_refuses(event):
    from datetime import UTC, datetime

    event.registration_closes_at = datetime(2000, 1, 1, tzinfo=UTC)
    with pytest.raises(decisions.RegistrationError, match="closed"):
        register(event)


def test_confirmation_moves_to_pending_once(event, mailbox):
    registration = register(event)
    assert services.confirm_email(registration) is True
    assert registration.state is S.PENDING and registration.confirmed_at
    assert services.confirm_email(registration) is False
    assert "received" in mailbox.messages[-1]["Subject"]


def test_approve_within_capacity_and_refuse_beyond(event, mailbox):
    officer = factories.create_user(Role.OFFICER)
    event.delegate_capacity = 1
    first = factories.create_registration(event)
    second = factories.create_registration(event)
    decisions.approve(first, officer)
    assert first.state is S.APPROVED
    with pytest.raises(decisions.CapacityError, match="full"):
        decisions.approve(second, officer)
    assert second.state is S.PENDING
    assert "accredited" in mailbox.to(first.email)[-1]["Subject"]


def test_reject_needs_a_reason_which_reaches_the_delegate(event, mailbox):
    officer = factories.create_user(Role.OFFICER)
    registration = factories.create_registration(event)
    with pytest.raises(decisions.RegistrationError, match="reason"):
        decisions.reject(registration, officer, "  ")
    assert registration.state is S.PENDING
    decisions.reject(registration, officer, "Only industry representatives this year.")
    assert registration.state is S.REJECTED
    assert "Only industry representatives" in mailbox.body(mailbox.to(registration.email)[-1])


def test_impossible_transition_is_refused(event):
    officer = factories.create_user(Role.OFFICER)
    withdrawn = factories.create_registration(event, state=S.WITHDRAWN)
    with pytest.raises(decisions.RegistrationError, match="cannot become"):
        decisions.approve(withdrawn, officer)


def test_withdrawal_promotes_the_first_waitlisted_when_the_event_says_so(event, mailbox):
    officer = factories.create_user(Role.OFFICER)
    event.delegate_capacity = 1
    event.auto_promote_waitlist = True
    approved = factories.create_registration(event)
    decisions.approve(approved, officer)
    first, second = factories.create_registration(event), factories.create_registration(event)
    decisions.waitlist(first, officer)
    decisions.waitlist(second, officer)
    promoted = decisions.withdraw(approved)
    assert promoted is first and first.state is S.APPROVED
    assert second.state is S.WAITLISTED
    assert "A place is free" in mailbox.to(first.email)[-1]["Subject"]


def test_withdrawal_without_auto_promotion_leaves_the_choice_to_officers(event):
    officer = factories.create_user(Role.OFFICER)
    event.delegate_capacity = 1
    approved = factories.create_registration(event)
    decisions.approve(approved, officer)
    waiting = factories.create_registration(event)
    decisions.waitlist(waiting, officer)
    assert decisions.withdraw(approved) is None
    assert waiting.state is S.WAITLISTED
    assert decisions.first_waitlisted(event) is waiting


def test_changing_name_after_approval_goes_back_to_pending(event):
    officer = factories.create_user(Role.OFFICER)
    registration = factories.create_registration(event)
    decisions.approve(registration, officer)
    assert services.needs_reaccreditation(registration, {"given_name": "Sébastien"}) is False
    services.update_person(registration, {"dietary_needs": "Vegetarian"})
    assert registration.state is S.APPROVED
    services.update_person(registration, {"family_name": "Lecornu"})
    assert registration.state is S.PENDING
    found = search(event, ListFilter(q="lecornu")).items
    assert [r.id for r in found] == [registration.id]  # found by the new name at once


@pytest.mark.parametrize(
    "change",
    [{"country": "PL"}, {"photo": True}],
    ids=["country", "photo"],
)
def test_a_new_photo_or_country_goes_back_to_the_officers(event, change):
    officer = factories.create_user(Role.OFFICER)
    registration = factories.create_registration(event)
    decisions.approve(registration, officer)
    version = registration.badge_version
    photo = image_bytes() if change.pop("photo", False) else None
    services.update_person(registration, change, photo)
    assert registration.state is S.PENDING  # no new face or country on a badge unreviewed
    assert registration.badge_version == version + 1  # the old badge stops opening doors
    assert "photo" in registration.state_reason or "country" in registration.state_reason


def test_photo_is_verified_and_reencoded(event):
    registration = register(event)
    services.update_person(registration, {}, photo=image_bytes("PNG", (1200, 1600)))
    assert registration.photo.data.startswith(b"\xff\xd8")  # JPEG
    assert registration.photo.width <= 600 and registration.photo.height <= 800
    with pytest.raises(PhotoError, match="not a valid"):
        services.update_person(registration, {}, photo=b"this is a text file, not a jpeg")
    with pytest.raises(PhotoError, match="5 MB"):
        services.update_person(registration, {}, photo=b"\xff\xd8" + b"0" * 6_000_000)


def test_category_change_is_audited(event):
    officer = factories.create_user(Role.OFFICER)
    registration = factories.create_registration(event)
    decisions.set_category(registration, BadgeCategory.VIP, officer)
    db.session.flush()
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "registration.category")
    )
    assert entry.details == {"old": "delegate", "new": "vip"} and entry.actor_id == officer.id


def test_bulk_decisions_report_each_refusal(event):
    officer = factories.create_user(Role.OFFICER)
    event.delegate_capacity = 2
    regs = [factories.create_registration(event) for _ in range(3)]
    result = decisions.bulk_decide([r.id for r in regs], event, "approve", officer)
    assert result.done == 2
    assert len(result.refused) == 1 and "full" in result.refused[0][1]
    assert [r.state for r in regs].count(S.APPROVED) == 2


def test_withdrawal_frees_working_session_seats_for_the_waiting_list(event):
    from forum.programme.models import SignUp, SignUpState

    room = factories.create_room(event, capacity=1)
    session = factories.create_session(event, room=room, capacity=1)
    leaving = factories.create_registration(event, state=S.APPROVED)
    waiting = factories.create_registration(event, state=S.APPROVED)
    db.session.add_all(
        [
            SignUp(session_id=session.id, registration_id=leaving.id, state=SignUpState.CONFIRMED),
            SignUp(session_id=session.id, registration_id=waiting.id, state=SignUpState.WAITLISTED),
        ]
    )
    db.session.flush()
    decisions.withdraw(leaving)
    entries = db.session.scalars(sa.select(SignUp)).all()
    assert [(e.registration_id, e.state) for e in entries] == [(waiting.id, SignUpState.CONFIRMED)]


def test_a_new_name_or_category_after_accreditation_makes_a_new_badge(event):
    from forum.badges.tokens import issue_token, verify_token

    officer = factories.create_user(Role.OFFICER)
    registration = factories.create_registration(event)
    decisions.approve(registration, officer)
    old_code = issue_token(registration)
    services.update_person(registration, {"dietary_needs": "Vegetarian"})
    assert verify_token(old_code, event).ok  # nothing on the badge changed
    services.update_person(registration, {"organisation": "Rhein Optronik GmbH"})
    assert verify_token(old_code, event).reason == "reissued"

    decisions.approve(registration, officer)
    code = issue_token(registration)
    decisions.set_category(registration, BadgeCategory.VIP, officer)
    assert verify_token(code, event).reason == "reissued"
