"""The delegate's pages: register, confirm, dashboard, edit, withdraw, password reset."""

import io
import re

import sqlalchemy as sa

from forum.auth.models import Role, User
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from tests import factories
from tests.registration.conftest import form_data, image_bytes
from tests.test_photos import png_bomb

S = RegistrationState


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def post_form(client, **changes):
    data = form_data(**changes)
    return client.post("/register", data=data, content_type="multipart/form-data")


def register_and_confirm(client, mailbox, **changes):
    response = post_form(client, **changes)
    assert response.status_code == 302, response.get_data(as_text=True)
    email = changes.get("email", form_data()["email"])
    link = mailbox.link(mailbox.to(email)[-1], "/register/confirm/")
    assert client.get(link).status_code == 200
    return db.session.scalar(sa.select(Registration).where(Registration.email == email))


def test_the_whole_delegate_journey(client, event, mailbox):
    db.session.commit()
    response = post_form(client, photo=(io.BytesIO(image_bytes()), "me.jpg"))
    assert response.headers["Location"] == "/register/check-your-email"
    registration = db.session.scalar(sa.select(Registration))
    assert registration.state is S.SUBMITTED and registration.photo is not None
    assert registration.phone == "+380441234567"

    link = mailbox.link(mailbox.to("olena.bondarenko@example.org")[0], "/register/confirm/")
    page = client.get(link).get_data(as_text=True)
    assert "your e-mail address is confirmed" in page
    db.session.refresh(registration)
    assert registration.state is S.PENDING

    client.post(
        "/sign-in",
        data={"email": "olena.bondarenko@example.org", "password": "a long enough password"},
    )
    page = client.get("/my/registration").get_data(as_text=True)
    assert "Awaiting accreditation" in page and "Олена Бондаренко" in page
    photo = client.get("/my/photo")
    assert photo.mimetype == "image/jpeg"
    assert photo.headers["Cache-Control"] == "no-store"  # a face, on a shared computer


def test_form_in_ukrainian(client, event):
    db.session.commit()
    client.get("/language/uk")
    page = client.get("/register").get_data(as_text=True)
    assert "Зареєструйтеся як делегат" in page and "Україна" in page


def test_every_bad_field_gets_a_message_and_nothing_is_saved(client, event):
    db.session.commit()
    cases = {
        "given_name": ("", "This field is required."),
        "email": ("not-an-email", "Invalid email address."),
        "phone": ("12345", "Enter a valid phone number: with its country code"),
        "country": ("XX", "Choose your country."),
        "organisation_type": ("ministry", "Choose the type of your organisation."),
        "password_again": ("something else", "The passwords do not match."),
        "password": ("short", "Use at least 10 and at most 200 characters."),
        "consent_data": (None, "Your consent is needed to register."),
        "organisation": ("<script>alert(1)</script>", "plain text"),
    }
    for name, (value, message) in cases.items():
        changes = {name: value}
        if name == "password":
            changes["password_again"] = value
        response = post_form(client, **changes)
        assert response.status_code == 200, name
        assert message in response.get_data(as_text=True), name
    assert count(Registration) == 0 and count(User) == 0


def test_a_text_file_renamed_jpg_is_refused(client, event):
    db.session.commit()
    response = post_form(client, photo=(io.BytesIO(b"just some text"), "photo.jpg"))
    assert "not a valid JPEG or PNG image" in response.get_data(as_text=True)
    assert count(Registration) == 0


def test_an_oversized_photo_is_refused(client, event):
    db.session.commit()
    big = image_bytes() + b"\x00" * 5_300_000
    response = post_form(client, photo=(io.BytesIO(big), "photo.jpg"))
    assert "larger than 5 MB" in response.get_data(as_text=True)
    assert count(Registration) == 0


def test_a_small_file_declaring_a_huge_picture_is_refused_and_nothing_saved(client, event):
    db.session.commit()
    response = post_form(client, photo=(io.BytesIO(png_bomb()), "photo.png"))
    assert "too many pixels (at most 25 megapixels)" in response.get_data(as_text=True)
    assert count(Registration) == 0


def test_photo_uploads_are_limited_per_account(client, app, event):
    app.config["PHOTO_UPLOAD_LIMIT"] = "2 per hour"
    registration = signed_in_delegate(client, event, state=S.PENDING)
    data = form_data(
        email=None,
        password=None,
        password_again=None,
        consent_data=None,
        given_name=registration.given_name,
        family_name=registration.family_name,
    )

    def save(photo: bool) -> int:
        sent = {**data, "photo": (io.BytesIO(image_bytes()), "me.jpg")} if photo else data
        return client.post("/my/registration/edit", data=sent).status_code

    assert [save(photo=True) for _ in range(3)] == [302, 302, 429]
    assert save(photo=False) == 302  # other changes are not held back


def test_duplicate_email_shows_the_same_page_and_stores_nothing(client, event, mailbox):
    db.session.commit()
    post_form(client)
    response = post_form(client, email="OLENA.Bondarenko@example.org", given_name="Other")
    assert response.headers["Location"] == "/register/check-your-email"
    assert count(Registration) == 1
    assert "already registered" in mailbox.body(mailbox.messages[-1])


def test_markup_in_free_text_is_shown_escaped(client, event, mailbox, auth):
    db.session.commit()
    register_and_confirm(client, mailbox, dietary_needs="<b>bold</b><script>x()</script>")
    client.post(
        "/sign-in",
        data={"email": "olena.bondarenko@example.org", "password": "a long enough password"},
    )
    page = client.get("/my/registration").get_data(as_text=True)
    assert "<script>x()</script>" not in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page


def test_closed_registration_says_so(client, event):
    from datetime import UTC, datetime

    event.registration_opens_at = datetime(2099, 3, 1, 9, tzinfo=UTC)
    db.session.commit()
    page = client.get("/register").get_data(as_text=True)
    assert "Registration opens on 1 March 2099" in page
    assert post_form(client).status_code == 200
    assert count(Registration) == 0


def test_a_bad_confirmation_link_is_refused(client, event):
    db.session.commit()
    response = client.get("/register/confirm/not-a-valid-token")
    assert response.status_code == 400
    assert "This link is not valid" in response.get_data(as_text=True)


def test_resend_answers_the_same_for_unknown_addresses(client, event, mailbox):
    db.session.commit()
    post_form(client)
    response = client.post(
        "/register/resend", data={"email": "nobody@example.org"}, follow_redirects=True
    )
    assert "If this address has a registration" in response.get_data(as_text=True)
    client.post("/register/resend", data={"email": "olena.bondarenko@example.org"})
    assert len(mailbox.to("olena.bondarenko@example.org")) == 2


def test_resend_is_rate_limited(client, event):
    db.session.commit()
    codes = [
        client.post("/register/resend", data={"email": "a@example.org"}).status_code
        for _ in range(4)
    ]
    assert codes == [302, 302, 302, 429]


def signed_in_delegate(client, event, state=S.APPROVED, **fields):
    user = factories.create_user(Role.DELEGATE)
    registration = factories.create_registration(
        event, state=state, user_id=user.id, email=user.email, **fields
    )
    db.session.commit()
    client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    return registration


def test_approved_delegate_is_warned_before_changing_the_name(client, event):
    registration = signed_in_delegate(client, event)
    page = client.get("/my/registration/edit").get_data(as_text=True)
    assert "goes back to the accreditation team" in page
    data = form_data(
        given_name="Sébastien",
        family_name="Lecornu",
        email=None,
        password=None,
        password_again=None,
        consent_data=None,
        phone="+33612345678",
        organisation=registration.organisation,
        country="FR",
        organisation_type="eu_government",
    )
    response = client.post("/my/registration/edit", data=data, follow_redirects=True)
    assert "back with the accreditation team" in response.get_data(as_text=True)
    db.session.refresh(registration)
    assert registration.state is S.PENDING and registration.family_name == "Lecornu"


def test_approved_delegate_is_warned_before_changing_the_photo_or_country(client, event):
    registration = signed_in_delegate(client, event)
    page = client.get("/my/registration/edit").get_data(as_text=True)
    assert "your country or your photo" in page
    data = form_data(
        email=None,
        password=None,
        password_again=None,
        consent_data=None,
        given_name=registration.given_name,
        family_name=registration.family_name,
        title=registration.title,
        requested_category=registration.requested_category.value,
        organisation=registration.organisation,
        country=registration.country,
        phone="+33612345678",
        organisation_type="eu_industry",
        photo=(io.BytesIO(image_bytes()), "new-face.jpg"),
    )
    response = client.post("/my/registration/edit", data=data, follow_redirects=True)
    assert "back with the accreditation team" in response.get_data(as_text=True)
    db.session.refresh(registration)
    assert registration.state is S.PENDING and registration.photo is not None


def test_withdraw_needs_confirmation(client, event):
    registration = signed_in_delegate(client, event)
    page = client.get("/my/registration/withdraw").get_data(as_text=True)
    assert "Withdraw my registration?" in page
    db.session.refresh(registration)
    assert registration.state is S.APPROVED
    client.post("/my/registration/withdraw")
    db.session.refresh(registration)
    assert registration.state is S.WITHDRAWN
    assert "You have withdrawn" in client.get("/my/registration").get_data(as_text=True)


def test_rejected_delegate_sees_the_reason(client, event):
    signed_in_delegate(client, event, state=S.REJECTED, state_reason="Not a defence company.")
    page = client.get("/my/registration").get_data(as_text=True)
    assert "Not a defence company." in page


def test_delegate_pages_need_a_delegate(client, event, auth):
    db.session.commit()
    assert client.get("/my/registration").status_code == 302
    auth.as_role(Role.OFFICER)
    assert client.get("/my/registration").status_code == 403


def test_a_delegate_never_sees_another_delegates_photo(client, event):
    other = factories.create_registration(event)
    from forum.registration.models import Photo

    db.session.add(Photo(registration_id=other.id, data=image_bytes(), width=400, height=500))
    signed_in_delegate(client, event)
    assert client.get("/my/photo").status_code == 404
    assert client.get(f"/accreditation/{other.id}/photo").status_code == 403


def test_password_reset_by_email(client, event, mailbox):
    factories.create_user(Role.DELEGATE, email="d@example.org")
    db.session.commit()
    response = client.post(
        "/password/reset", data={"email": "d@example.org"}, follow_redirects=True
    )
    assert "If this address has an account" in response.get_data(as_text=True)
    client.post("/password/reset", data={"email": "unknown@example.org"})
    assert len(mailbox.messages) == 1
    link = mailbox.link(mailbox.messages[0], "/password/reset/")
    client.post(
        link, data={"password": "brand new password", "password_again": "brand new password"}
    )
    assert (
        client.post(
            "/sign-in", data={"email": "d@example.org", "password": "brand new password"}
        ).status_code
        == 302
    )
    assert client.get(link).status_code == 400  # single use


def test_mail_to_an_unconfirmed_address_quotes_nothing_the_registrant_typed(client, event, mailbox):
    # Issue 13, finding 11: whatever is typed as a name must not reach any address
    # through the forum's own sender before the address is confirmed.
    db.session.commit()
    bait = {
        "given_name": "Your account is blocked",
        "family_name": "call +7 999 000",
        "organisation": "Security Desk",
    }
    post_form(client, email="victim@example.org", **bait)
    client.post("/register/resend", data={"email": "victim@example.org"})
    messages = mailbox.to("victim@example.org")
    assert len(messages) == 2
    for message in messages:
        text = message["Subject"] + mailbox.body(message)
        assert text.startswith("Confirm your e-mail address")
        assert not any(typed in text for typed in bait.values()), text
        assert "Hello," in mailbox.body(message)


def test_an_unconfirmed_account_cannot_sign_in_and_can_get_the_link_again(client, event, mailbox):
    db.session.commit()
    post_form(client)
    email, password = form_data()["email"], form_data()["password"]

    response = client.post("/sign-in", data={"email": email, "password": password})
    assert response.headers["Location"] == "/register/check-your-email"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Please confirm your e-mail address first" in page
    assert 'action="/register/resend"' in page
    assert client.get("/my/registration").status_code == 302  # not signed in
    # A wrong password says nothing about the state of the account.
    wrong = client.post("/sign-in", data={"email": email, "password": "not the password"})
    assert b"The e-mail or password is not correct." in wrong.data

    link = mailbox.link(mailbox.to(email)[-1], "/register/confirm/")
    assert client.get(link).status_code == 200
    assert (
        client.post("/sign-in", data={"email": email, "password": password}).headers["Location"]
        == "/my/registration"
    )
    assert client.get("/my/registration").status_code == 200


def invitation(event, **fields):
    from forum.registration.links import make_invitation_token

    registration = factories.create_registration(
        event,
        invited=True,
        state=S.SUBMITTED,
        given_name="Claire",
        family_name="Dubois",
        organisation="Ardennes Munitions SA",
        country="BE",
        title="",
        **fields,
    )
    db.session.commit()
    return registration, f"/invitation/{make_invitation_token(registration.public_id)}"


def test_an_invitation_for_an_address_with_an_account_says_so_and_links_to_sign_in(client, event):
    # Issue 13, finding 15: this answered 500.
    registration, link = invitation(event)
    factories.create_user(Role.DELEGATE, email=registration.email)
    db.session.commit()
    for response in (client.get(link), client.post(link, data=form_data(**INVITED))):
        assert response.status_code == 302
        assert response.headers["Location"] == "/sign-in"
    page = client.get("/sign-in").get_data(as_text=True)
    assert "An account with the e-mail address of this invitation exists already" in page
    db.session.refresh(registration)
    assert registration.user_id is None and registration.state is S.SUBMITTED


INVITED = {
    "title": "",
    "given_name": "Claire",
    "family_name": "Dubois",
    "organisation": "Ardennes Munitions SA",
    "country": "BE",
    "organisation_type": "eu_industry",
}


def test_invited_identity_is_read_only_on_the_form_and_on_the_server(client, event):
    # Issue 13, finding 2: the invitation's holder could become someone else, accredited at once.
    event.invited_skip_approval = True
    registration, link = invitation(event)
    page = client.get(link).get_data(as_text=True)

    def tag(field_id: str) -> str:
        return re.search(rf'<(?:input|select)[^>]*\bid="{field_id}"[^>]*>', page).group()

    for name in ("given_name", "family_name", "organisation"):
        assert " readonly" in tag(name), tag(name)
    for name in ("title", "country"):  # a <select> cannot be read-only: disabled
        assert " disabled" in tag(name), tag(name)
    assert "readonly" not in tag("job_title") and "disabled" not in tag("organisation_type")

    forged = {
        **INVITED,
        "title": "Gen.",
        "given_name": "Mallory",
        "family_name": "Someone-Else",
        "organisation": "Other Works",
        "country": "UA",
    }
    response = client.post(link, data=form_data(**forged))
    assert response.headers["Location"] == "/my/registration"
    db.session.refresh(registration)
    assert (
        registration.title,
        registration.given_name,
        registration.family_name,
        registration.organisation,
        registration.country,
    ) == ("", "Claire", "Dubois", "Ardennes Munitions SA", "BE")
    assert registration.state is S.APPROVED
    assert registration.user.full_name == "Claire Dubois"
    assert registration.job_title == form_data()["job_title"]  # the rest is theirs to fill


def test_accepting_an_invitation_refuses_a_changed_identity(event):
    import pytest

    from forum.registration import services
    from forum.registration.decisions import RegistrationError

    registration, _link = invitation(event)
    person = {**form_data(**INVITED), "given_name": "Mallory"}
    with pytest.raises(RegistrationError):
        services.accept_invitation(registration, person, "a long enough password", "en")
