"""Property tests of the registration form's validators: phone numbers and names.

Whatever a visitor types, a validator either accepts it (and stores a clean
value) or refuses it with a message; it never crashes, and it never lets markup
or control characters through.
"""

import re

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from wtforms.validators import ValidationError

from forum.registration.forms import EditForm, no_markup
from forum.registration.validators import normalise_phone, phone_number

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
REGIONS = ["BE", "UA", "FR", "DE", "PL", "LT", "US", "GB", "NO", "JP"]
LETTERS = st.characters(
    whitelist_categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Mn"), blacklist_characters="<>"
)
NAME = st.text(alphabet=st.one_of(LETTERS, st.sampled_from(" -'’.")), min_size=1, max_size=100)
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    # `app` only provides the app context (lazy error texts); it holds no state.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


class Field:
    def __init__(self, data):
        self.data = data


@SETTINGS
@given(st.text(max_size=60))
def test_phone_normalisation_accepts_or_refuses_never_crashes(raw):
    try:
        number = normalise_phone(raw)
    except ValueError:
        return
    assert E164.match(number)
    assert normalise_phone(number) == number  # idempotent


@SETTINGS
@given(
    region=st.sampled_from(REGIONS),
    separators=st.lists(st.sampled_from(["", " ", "-", ".", " "]), min_size=20, max_size=20),
)
def test_real_numbers_written_any_way_normalise_to_the_same_e164(region, separators):
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    digits = e164[1:]
    written = "+" + "".join(d + separators[i % len(separators)] for i, d in enumerate(digits))
    assert normalise_phone(written.strip()) == e164


@SETTINGS
@given(st.text(max_size=60))
def test_the_phone_validator_raises_only_validation_errors(app, raw):
    field = Field(raw)
    try:
        phone_number(None, field)
    except ValidationError:
        return
    assert field.data == "" or E164.match(field.data)


@SETTINGS
@given(NAME)
def test_names_in_any_script_pass_the_markup_check(app, name):
    no_markup(None, Field(name))


@SETTINGS
@given(
    st.text(max_size=40),
    st.sampled_from(["<", ">", "\x00", "\n", "\x1b", "<script>"]),
    st.text(max_size=40),
)
def test_markup_and_control_characters_are_refused(app, before, bad, after):
    with pytest.raises(ValidationError):
        no_markup(None, Field(before + bad + after))


def person(**changes):
    data = {
        "title": "Dr",
        "given_name": "Олена",
        "family_name": "Бондаренко",
        "phone": "+380 44 123 4567",
        "job_title": "Head of International Cooperation",
        "organisation": "Kyiv Drone Works",
        "organisation_type": "ua_industry",
        "country": "UA",
        "requested_category": "delegate",
    }
    data.update(changes)
    return MultiDict(data)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(given_name=st.text(max_size=120), family_name=NAME)
def test_the_person_form_validates_any_name_without_crashing(app, given_name, family_name):
    with app.test_request_context(method="POST"):
        form = EditForm(formdata=person(given_name=given_name, family_name=family_name))
        valid = form.validate()
    stripped = given_name.strip()
    bad = not stripped or len(given_name) > 100 or any(c in "<>" or ord(c) < 32 for c in given_name)
    if bad:
        assert not valid and "given_name" in form.errors
    else:
        assert "given_name" not in form.errors
    if valid:
        assert form.family_name.data == family_name or form.family_name.data == family_name.strip()
