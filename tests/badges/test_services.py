"""Badge services: who has a badge, which badges a print run takes, printing and reissuing."""

from io import BytesIO

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges import services
from forum.badges.services import BadgeError, BadgeFilter
from forum.badges.tokens import REISSUED, issue_token, verify_token
from forum.extensions import db
from forum.registration.models import BadgeCategory, OrganisationType, RegistrationState
from tests import factories
from tests.badges.conftest import accredited, qr_codes


def audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)))


@pytest.mark.parametrize("state", [s for s in RegistrationState if s != RegistrationState.APPROVED])
def test_only_accredited_delegates_have_a_badge(event, state):
    registration = accredited(event, state=state)
    assert not services.has_badge(registration)
    with pytest.raises(BadgeError, match="approved"):
        services.badge_of(registration.user, event)


def test_a_delegate_gets_their_own_registration(event):
    mine, other = accredited(event), accredited(event)
    assert services.badge_of(mine.user, event) is mine
    assert services.badge_of(other.user, event) is other
    stranger = factories.create_user(role=Role.DELEGATE)
    with pytest.raises(BadgeError, match="no registration"):
        services.badge_of(stranger, event)


def test_filters_choose_the_print_run(event):
    other_event = factories.create_event()
    speaker = accredited(
        event, category=BadgeCategory.SPEAKER, organisation_type=OrganisationType.UA_INDUSTRY
    )
    delegate = accredited(event, family_name="Aaltonen")
    pending = accredited(event, state=RegistrationState.PENDING)
    accredited(other_event)

    def ids(**kwargs):
        return services.printable_ids(event, BadgeFilter(**kwargs))

    assert ids() == [delegate.id, speaker.id]  # by family name; no pending, no other event
    assert pending.id not in ids()
    assert ids(category=BadgeCategory.SPEAKER) == [speaker.id]
    assert ids(organisation_type=OrganisationType.UA_INDUSTRY) == [speaker.id]
    assert ids(search="aalto") == [delegate.id]
    assert services.count_printable(event) == 2

    services.mark_printed([delegate.id], "a6")
    assert ids(not_printed=True) == [speaker.id]
    assert ids(changed=True) == []
    services.reissue(delegate, "Lost at the desk")
    assert ids(changed=True) == [delegate.id]
    assert ids(not_printed=True) == [speaker.id]


def test_the_print_run_search_finds_names_in_either_script(event):
    cyrillic = accredited(event, given_name="Олександр", family_name="Камишин")
    latin = accredited(event, given_name="Olena", family_name="Kovalenko")

    def ids(search):
        return services.printable_ids(event, BadgeFilter(search=search))

    assert ids("kamyshyn") == ids("Камиш") == ids("oleksandr kam") == [cyrillic.id]
    assert ids("Коваленко") == [latin.id]
    assert ids(cyrillic.email.upper()) == [cyrillic.id]  # a whole address finds only it
    assert ids("nobody") == []


def test_printing_marks_and_audits_every_badge(event, tmp_path):
    first, second = accredited(event), accredited(event)
    organiser = factories.create_user(role=Role.ORGANISER)
    out = BytesIO()
    assert services.print_batch(event, BadgeFilter(), out, "a4-a6", actor=organiser) == 2
    for registration in (first, second):
        assert registration.badge_printed_at is not None
        assert registration.badge_printed_version == registration.badge_version == 1
    entries = audit("badge.printed")
    assert {e.target_id for e in entries} == {first.id, second.id}
    assert all(e.actor_id == organiser.id and e.details["layout"] == "a4-a6" for e in entries)
    assert all(e.details["reprint"] is False for e in entries)
    assert sorted(qr_codes(out.getvalue(), tmp_path, "a4-a6")[0]) == sorted(
        [issue_token(first), issue_token(second)]
    )
    # Printing again is a reprint, in the history too.
    services.print_batch(event, BadgeFilter(), BytesIO(), "a6", actor=organiser)
    assert sum(e.details["reprint"] for e in audit("badge.printed")) == 2


def test_a_proof_marks_nothing(event):
    registration = accredited(event)
    services.print_batch(event, BadgeFilter(), BytesIO(), mark=False)
    assert registration.badge_printed_at is None
    assert audit("badge.printed") == []


def test_reissue_bumps_the_version_refuses_the_old_code_and_is_audited(event):
    registration = accredited(event)
    organiser = factories.create_user(role=Role.ORGANISER)
    old_code = issue_token(registration)
    assert services.reissue(registration, "  Name corrected:\n Kowalski ", organiser) == 2
    assert verify_token(old_code, event).reason == REISSUED
    assert verify_token(issue_token(registration), event).ok
    (entry,) = audit("badge.reissued")
    assert entry.target_id == registration.id and entry.actor_id == organiser.id
    assert entry.details == {
        "reason": "Name corrected: Kowalski",
        "previous_version": 1,
        "version": 2,
    }


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_reissue_needs_a_reason(event, reason):
    registration = accredited(event)
    with pytest.raises(BadgeError):
        services.reissue(registration, reason)
    assert registration.badge_version == 1
    assert audit("badge.reissued") == []


def test_one_badge_for_someone_not_accredited_is_refused(event):
    registration = accredited(event, state=RegistrationState.REJECTED)
    with pytest.raises(BadgeError):
        services.print_one(registration, BytesIO(), "a6")
    assert registration.badge_printed_at is None


def test_face_carries_the_printed_texts(event):
    event.name_uk = "Форум оборонної промисловості ЄС – Україна"
    registration = accredited(
        event, title="Dr", country="UA", category=BadgeCategory.PRESS, organisation="Kyiv Post"
    )
    face = services.FaceMaker(event).face(registration)
    assert face.name == f"Dr Sébastien {registration.family_name}"
    assert face.country == "Ukraine"
    assert (face.category_label, face.category_label_uk) == ("Press", "Преса")
    assert face.colour == BadgeCategory.PRESS.colour
    assert face.event_name_uk.startswith("Форум")
    assert face.event_when == "6 May 2024 · Brussels"
    assert face.token == issue_token(registration)


def test_event_dates_over_several_days(event):
    from datetime import date

    event.ends_on = date(2024, 5, 7)
    # Recent Babel releases put thin spaces around the dash; older ones did not.
    assert services.event_when(event).replace("\u2009", "") == "6–7 May 2024 · Brussels"


def test_badge_url_only_for_accredited(app, event):
    with app.test_request_context():
        assert services.badge_pdf_url_for(accredited(event)) == "/my/badge.pdf"
        pending = accredited(event, state=RegistrationState.PENDING)
        assert services.badge_pdf_url_for(pending) is None


def test_offline_digests_cover_current_accredited_badges_only(event):
    from forum.badges.tokens import token_digest

    current = accredited(event)
    reissued = accredited(event)
    old_code = issue_token(reissued)
    services.reissue(reissued, "Lost")
    pending = accredited(event, state=RegistrationState.PENDING)
    digests = services.valid_token_digests(event)
    assert token_digest(issue_token(current)) in digests
    assert token_digest(issue_token(reissued)) in digests
    assert token_digest(old_code) not in digests
    assert token_digest(issue_token(pending)) not in digests
    assert len(digests) == 2
