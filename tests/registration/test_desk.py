"""The accreditation desk: a walk-in registered, accredited and badged on one page."""

import io

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role, User
from forum.extensions import db
from forum.registration.models import BadgeCategory, Registration, RegistrationState
from tests import factories
from tests.registration.conftest import image_bytes

S = RegistrationState


def walk_in(**changes) -> dict:
    data = {
        "title": "Dr",
        "given_name": "Олександра",
        "family_name": "Шевчишина",
        "email": "oleksandra@example.org",
        "phone": "044 123 4567",
        "job_title": "Chief engineer",
        "organisation": "Харківське конструкторське бюро",
        "organisation_type": "ua_industry",
        "country": "UA",
        "locale": "uk",
        "category": "speaker",
        "layout": "id1",
        "consent_data": "y",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def post(client, **changes):
    return client.post(
        "/accreditation/desk", data=walk_in(**changes), content_type="multipart/form-data"
    )


def registrations() -> list[Registration]:
    db.session.rollback()
    return list(db.session.scalars(sa.select(Registration)))


def test_a_walk_in_is_accredited_mailed_and_badged_at_once(client, auth, event, mailbox):
    officer = auth.as_role(Role.OFFICER)
    response = post(client, photo=(io.BytesIO(image_bytes(size=(480, 600))), "camera.jpg"))
    [registration] = registrations()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/accreditation/desk/{registration.id}/ready?layout=id1"
    assert registration.state is S.APPROVED and registration.confirmed_at is not None
    assert registration.category is BadgeCategory.SPEAKER
    assert registration.phone == "+380441234567"
    assert registration.passport_family_name == "Shevchyshyna"
    assert registration.photo is not None and registration.locale == "uk"
    assert registration.user.role is Role.DELEGATE  # signs in after "Forgot your password?"
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.target_id == registration.id)
    ).all()
    assert "registration.walk_in" in actions and "registration.approved" in actions
    subjects = [m["Subject"] for m in mailbox.to("oleksandra@example.org")]
    assert len(subjects) == 2  # received, then accredited: the usual mails, in Ukrainian
    assert any("акредитовані" in s.lower() or "акредит" in s.lower() for s in subjects)

    ready = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Print the badge: ID-1 card" in ready
    badge = client.get(f"/accreditation/desk/{registration.id}/badge-id1.pdf")
    assert badge.status_code == 200 and badge.mimetype == "application/pdf"
    assert badge.data.startswith(b"%PDF") and badge.headers["Cache-Control"] == "private, no-store"
    db.session.rollback()
    printed = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "badge.printed"))
    assert printed.actor_id == officer.id and printed.details["layout"] == "id1"


def test_an_e_mail_registered_already_points_to_that_registration(client, auth, event):
    existing = factories.create_registration(event, email="taken@example.org")
    db.session.commit()
    auth.as_role(Role.OFFICER)
    page = post(client, email="Taken@Example.org").get_data(as_text=True)
    assert "registered already" in page
    assert f'href="/accreditation/{existing.id}"' in page
    assert len(registrations()) == 1


def test_nothing_is_kept_when_the_forum_is_full(client, auth, event, mailbox):
    event.delegate_capacity = 1
    factories.create_registration(event, state=S.APPROVED)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = post(client).get_data(as_text=True)
    assert "The forum is full" in page and 'value="Шевчишина"' in page  # nothing retyped
    assert len(registrations()) == 1
    assert (
        db.session.scalar(sa.select(sa.func.count(User.id)).where(User.role == Role.DELEGATE)) == 0
    )
    assert mailbox.to("oleksandra@example.org") == []


def test_consent_and_the_required_fields_are_asked_for(client, auth, event):
    auth.as_role(Role.OFFICER)
    page = post(client, consent_data=None, family_name="").get_data(as_text=True)
    assert "Ask for the delegate" in page and 'href="#family_name"' in page
    assert registrations() == []


def test_only_officers_and_organisers_use_the_desk(client, auth, event):
    auth.as_role(Role.STAFF)
    assert client.get("/accreditation/desk").status_code == 403
    assert post(client).status_code == 403
    assert registrations() == []
