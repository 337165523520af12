"""The registration form helps: national phone numbers, a photo kept across a failed
submit, an error summary that links to the fields, the password rule before typing."""

import io

import sqlalchemy as sa

from forum.extensions import db
from forum.registration.held_photos import HeldPhoto
from forum.registration.models import Registration
from tests.registration.conftest import form_data, image_bytes


def post(client, **changes):
    return client.post("/register", data=form_data(**changes), content_type="multipart/form-data")


def registered() -> Registration | None:
    db.session.rollback()
    return db.session.scalar(sa.select(Registration))


def test_a_phone_number_in_the_chosen_countrys_format_is_stored_in_e164(client, event):
    db.session.commit()
    assert post(client, phone="044 123 4567", country="UA").status_code == 302
    assert registered().phone == "+380441234567"


def test_a_belgian_mobile_written_the_belgian_way(client, event):
    db.session.commit()
    response = post(client, phone="0470 12 34 56", country="BE", organisation_type="eu_industry")
    assert response.status_code == 302
    assert registered().phone == "+32470123456"


def test_a_national_number_that_is_not_one_of_the_countrys_is_refused(client, event):
    db.session.commit()
    page = post(client, phone="12 34", country="UA").get_data(as_text=True)
    assert "Enter a valid phone number" in page and registered() is None


def test_errors_are_summed_up_at_the_top_with_links_to_the_fields(client, event):
    db.session.commit()
    page = post(client, phone="12345", given_name="").get_data(as_text=True)
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert "Please correct 2 fields" in summary
    assert 'href="#given_name"' in summary and 'href="#phone"' in summary
    assert page.index('id="error-summary"') < page.index('<form method="post"')


def test_the_password_rule_comes_before_the_password_field(client, event):
    db.session.commit()
    page = client.get("/register").get_data(as_text=True)
    rule = page.index("At least 10 characters.")
    assert page.index('for="password"') < rule < page.index('id="password"')


def test_a_photo_is_kept_across_a_failed_submit_for_this_browser_only(client, app, event):
    db.session.commit()
    photo = (io.BytesIO(image_bytes(size=(600, 800))), "me.jpg")
    page = post(client, photo=photo, phone="12345").get_data(as_text=True)
    assert "We kept the photo you chose" in page
    held = client.get("/register/photo")
    assert held.status_code == 200 and held.mimetype == "image/jpeg"
    assert held.headers["Cache-Control"] == "no-store"

    other_browser = app.test_client()
    assert other_browser.get("/register/photo").status_code == 404

    # The next try sends no file: the held photo is used, and then forgotten.
    assert post(client, keep_photo="1").status_code == 302
    registration = registered()
    assert registration.photo is not None and registration.photo.width > 0
    assert db.session.scalar(sa.select(sa.func.count(HeldPhoto.id))) == 0


def test_unticking_the_kept_photo_registers_without_it(client, event):
    db.session.commit()
    post(client, photo=(io.BytesIO(image_bytes()), "me.png"), phone="12345")
    assert post(client).status_code == 302  # keep_photo not sent: unticked
    assert registered().photo is None


def test_a_file_that_is_no_photo_is_not_kept(client, event):
    db.session.commit()
    page = post(client, photo=(io.BytesIO(b"text"), "me.jpg"), phone="12345").get_data(as_text=True)
    assert "not a valid JPEG or PNG image" in page and "We kept the photo" not in page
    assert client.get("/register/photo").status_code == 404
