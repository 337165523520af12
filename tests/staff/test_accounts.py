"""Organisers manage staff accounts on a page: invite (the new member chooses a password
with the link in their mail), rename, change the role, switch off, reset two-factor
sign-in. Nobody else may, and the forum is never left without an active organiser."""

import pyotp
import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role, User
from forum.extensions import db
from forum.security.twofactor import begin_enrolment, confirm_enrolment, has_two_factor
from tests import factories

UK = {"Accept-Language": "uk-UA,uk;q=0.9"}
NEW_PASSWORD = "a long new password"


def invite(client, **changes):
    data = {
        "full_name": "Олена Шевчишин",
        "full_name_latin": "",
        "email": "Olena.Door@Example.org",
        "role": "staff",
        **changes,
    }
    return client.post("/organise/accounts", data=data)


def account(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


@pytest.fixture
def organiser(auth, event):
    return auth.as_role(Role.ORGANISER)


def test_an_invited_door_steward_chooses_a_password_and_signs_in(client, auth, organiser, mailbox):
    response = invite(client)
    assert response.status_code == 302
    user = account("olena.door@example.org")
    assert (user.role, user.full_name, user.full_name_latin) == (
        Role.STAFF,
        "Олена Шевчишин",
        "Olena Shevchyshyn",  # spelled as the passport does
    )
    assert user.password_hash is None  # nobody can sign in before the link is used
    listing = client.get("/organise/accounts").get_data(as_text=True)
    assert "Олена Шевчишин" in listing and "Olena Shevchyshyn" in listing and "Invited" in listing
    (mail,) = mailbox.to("olena.door@example.org")
    assert "Door staff" in mailbox.body(mail) and "7 days" in mailbox.body(mail)
    link = mailbox.link(mail, "/account/welcome/")
    auth.sign_out()

    page = client.get(link).get_data(as_text=True)
    assert "olena.door@example.org" in page
    response = client.post(link, data={"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 302
    assert auth.sign_in("olena.door@example.org", NEW_PASSWORD).status_code == 302
    assert client.get("/scanner/").status_code in (200, 302)
    auth.sign_out()
    assert client.get(link).status_code == 400  # used up once a password is chosen
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "account.created"))
    assert entry.actor_id == organiser.id and entry.details["via"] == "organiser"


def test_in_ukrainian_the_page_and_the_invitation_speak_ukrainian(client, organiser, mailbox):
    client.get("/language/uk")
    page = client.get("/organise/accounts").get_data(as_text=True)
    assert "Облікові записи персоналу" in page
    invite(client, role="officer", email="officer.uk@example.org")
    (mail,) = mailbox.to("officer.uk@example.org")
    assert "Співробітник з акредитації" in mailbox.body(mail)
    assert account("officer.uk@example.org").locale == "uk"


def test_a_taken_email_or_bad_input_is_refused_and_nothing_is_sent(client, organiser, mailbox):
    factories.create_user(Role.DELEGATE, email="taken@example.org")
    db.session.commit()
    page = invite(client, email="TAKEN@example.org").get_data(as_text=True)
    assert "An account for taken@example.org exists already." in page
    page = invite(client, email="not an address", full_name="").get_data(as_text=True)
    assert "Please correct 2 fields" in page
    page = invite(client, email="x@example.org", role="delegate").get_data(as_text=True)
    assert "Not a valid choice" in page  # delegates register; they are not invited here
    page = invite(client, email="y@example.org", full_name_latin="Шевчишин").get_data(as_text=True)
    assert "Please write the name in Latin letters" in page
    assert account("x@example.org") is None and account("y@example.org") is None
    assert mailbox.messages == []


def test_a_forged_link_or_one_for_a_switched_off_account_does_not_work(
    client, auth, organiser, mailbox
):
    invite(client)
    link = mailbox.link(mailbox.to("olena.door@example.org")[0], "/account/welcome/")
    user = account("olena.door@example.org")
    client.post(f"/organise/accounts/{user.id}/off")
    auth.sign_out()
    assert client.get(link).status_code == 400
    assert client.get(link[:-3] + "abc").status_code == 400
    assert account("olena.door@example.org").password_hash is None


def test_a_new_invitation_for_someone_who_lost_the_mail(client, organiser, mailbox):
    invite(client)
    user = account("olena.door@example.org")
    response = client.post(f"/organise/accounts/{user.id}/welcome", follow_redirects=True)
    assert "A new link is on its way to olena.door@example.org." in response.get_data(as_text=True)
    assert len(mailbox.to("olena.door@example.org")) == 2


def test_renaming_and_a_new_role_sign_the_account_out_everywhere(app, client, auth, organiser):
    officer = factories.create_user(Role.OFFICER, full_name="Ilse Virtanen")
    db.session.commit()
    other = app.test_client()
    assert (
        other.post(
            "/sign-in", data={"email": officer.email, "password": factories.PASSWORD}
        ).status_code
        == 302
    )
    assert other.get("/accreditation/").status_code == 200

    response = client.post(
        f"/organise/accounts/{officer.id}",
        data={"full_name": "Ilse Virtanen-Koskinen", "full_name_latin": "", "role": "staff"},
    )
    assert response.status_code == 302
    user = account(officer.email)
    assert (user.role, user.full_name_latin) == (Role.STAFF, "Ilse Virtanen-Koskinen")
    assert other.get("/accreditation/").status_code == 302  # to the sign-in page
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "account.changed"))
    assert entry.details == {
        "fields": ["full_name", "full_name_latin"],
        "old": "officer",
        "new": "staff",
    }


def test_an_organiser_cannot_change_their_own_role_nor_switch_themself_off(client, organiser):
    response = client.post(
        f"/organise/accounts/{organiser.id}",
        data={"full_name": "Me", "full_name_latin": "", "role": "officer"},
    )
    assert "You cannot change your own role: ask another organiser." in response.get_data(
        as_text=True
    )
    response = client.post(f"/organise/accounts/{organiser.id}/off", follow_redirects=True)
    assert "You cannot switch your own account off." in response.get_data(as_text=True)
    user = account(organiser.email)
    assert (user.role, user.active, user.full_name) == (Role.ORGANISER, True, "")


def test_a_switched_off_account_is_signed_out_and_cannot_sign_in(app, client, auth, organiser):
    steward = factories.create_user(Role.STAFF)
    db.session.commit()
    phone = app.test_client()
    phone.post("/sign-in", data={"email": steward.email, "password": factories.PASSWORD})
    assert phone.get("/scanner/").status_code != 302

    response = client.post(f"/organise/accounts/{steward.id}/off", follow_redirects=True)
    assert "is switched off and signed out everywhere" in response.get_data(as_text=True)
    assert phone.get("/scanner/").status_code == 302
    signing_in = phone.post(
        "/sign-in", data={"email": steward.email, "password": factories.PASSWORD}
    )
    assert signing_in.status_code == 200  # the form again, not a session
    doors = client.get("/scanner/doors").get_data(as_text=True)
    assert steward.email not in doors

    client.post(f"/organise/accounts/{steward.id}/on")
    assert (
        phone.post(
            "/sign-in", data={"email": steward.email, "password": factories.PASSWORD}
        ).status_code
        == 302
    )
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.target_id == steward.id)
    ).all()
    assert {"account.deactivated", "account.activated"} <= set(actions)


def test_an_organiser_resets_the_two_factor_sign_in_of_someone_who_lost_their_phone(
    client, organiser
):
    officer = factories.create_user(Role.OFFICER)
    secret = begin_enrolment(officer)
    confirm_enrolment(officer, pyotp.TOTP(secret).now())
    db.session.commit()
    page = client.get(f"/organise/accounts/{officer.id}").get_data(as_text=True)
    assert "Reset two-factor sign-in" in page
    client.post(f"/organise/accounts/{officer.id}/two-factor/reset")
    assert not has_two_factor(account(officer.email))
    response = client.post(
        f"/organise/accounts/{officer.id}/two-factor/reset", follow_redirects=True
    )
    assert "has no two-factor sign-in" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.OFFICER, Role.STAFF, Role.SECURITY_OFFICER, Role.DELEGATE])
def test_only_organisers_manage_staff_accounts(client, auth, event, role, mailbox):
    steward = factories.create_user(Role.STAFF)
    db.session.commit()
    auth.as_role(role)
    assert client.get("/organise/accounts").status_code == 403
    assert invite(client).status_code == 403
    assert client.post(f"/organise/accounts/{steward.id}/off").status_code == 403
    assert account("olena.door@example.org") is None and account(steward.email).active
    assert mailbox.messages == []


def test_delegates_accounts_are_not_managed_here(client, organiser):
    delegate = factories.create_user(Role.DELEGATE)
    db.session.commit()
    assert client.get(f"/organise/accounts/{delegate.id}").status_code == 404
    assert client.post(f"/organise/accounts/{delegate.id}/off").status_code == 404
    assert delegate.email not in client.get("/organise/accounts").get_data(as_text=True)


def test_the_accounts_list_finds_a_person_whichever_script_is_typed(client, organiser):
    factories.create_user(Role.STAFF, full_name="Юлія Шевчишин", email="door.a@example.org")
    factories.create_user(Role.OFFICER, full_name="Petro Kovalenko", email="desk@example.org")
    factories.create_user(Role.STAFF, full_name="Anna Novak", email="door.b@example.org")
    db.session.commit()

    def found(query: str) -> set[str]:
        page = client.get("/organise/accounts", query_string={"q": query}).get_data(True)
        return {name for name in ("Шевчишин", "Kovalenko", "Novak") if name in page}

    for query in ("shevchyshyn", "Shevchyshyn", "Шевчишин", "шевчиш", "Yulia Shevch"):
        assert found(query) == {"Шевчишин"}, query
    assert found("Коваленко") == {"Kovalenko"}
    assert found("desk@") == {"Kovalenko"}
    assert found("") == {"Шевчишин", "Kovalenko", "Novak"}
    assert "Nobody found." in client.get("/organise/accounts?q=zzz").get_data(True)
