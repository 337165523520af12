"""Property tests of the forms' validators: phone numbers and names.

Whatever a visitor types, a validator either accepts it (and stores a clean
value) or refuses it with a message; it never crashes, and it never lets markup,
control characters or invisible format characters (a right-to-left override,
a line separator) through, in any field that names someone or something.
"""

import re
import unicodedata

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from wtforms.validators import ValidationError

from forum.auth.models import Role
from forum.auth.services import AccountError, create_user
from forum.checkin.forms import CheckpointForm, DeviceTokenForm
from forum.programme.forms import RoomForm, SessionForm, SpeakerProfileForm
from forum.registration.forms import EditForm, no_markup
from forum.registration.imports import _registration_from_row
from forum.registration.validators import normalise_phone, phone_number

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
REGIONS = ["BE", "UA", "FR", "DE", "PL", "LT", "US", "GB", "NO", "JP"]
LETTERS = st.characters(
    whitelist_categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Mn"), blacklist_characters="<>"
)
# Invisible characters that change how text reads: format (Cf: U+202E right-to-left
# override, zero-width joiners, ...), line and paragraph separators (U+2028, U+2029).
HIDDEN = st.characters(whitelist_categories=("Cf", "Zl", "Zp"))
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
HIDDEN_MESSAGE = "Please remove invisible formatting characters"
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


@SETTINGS
@given(st.text(max_size=40), HIDDEN, st.text(max_size=40))
def test_format_characters_and_separators_are_refused_with_a_clear_message(
    app, before, hidden, after
):
    with pytest.raises(ValidationError, match=HIDDEN_MESSAGE):
        no_markup(None, Field(before + hidden + after))


def test_the_message_is_in_the_users_language(app):
    with app.test_request_context(headers={"Accept-Language": "uk"}):
        with pytest.raises(ValidationError, match="невидимі символи"):
            no_markup(None, Field("Олена\u202e"))


# Every field that names someone or something: (form factory, field names).
NAMED_FIELDS = [
    (lambda: EditForm(), ["given_name", "family_name", "job_title", "organisation"]),
    (lambda: SpeakerProfileForm(), ["title", "full_name", "position", "organisation"]),
    (lambda: RoomForm(event=None), ["name"]),
    (lambda: SessionForm(rooms=[]), ["title", "theme"]),
    (lambda: CheckpointForm(None, []), ["name"]),
    (lambda: DeviceTokenForm([]), ["name"]),
]


@pytest.mark.parametrize("bad", ["\u202e", "\u2028", "\u2029", "\u200b", "\u2066", "\ufeff"])
@pytest.mark.parametrize("make, names", NAMED_FIELDS)
def test_every_name_field_refuses_invisible_characters(app, make, names, bad):
    for name in names:
        with app.test_request_context(method="POST", data={name: f"Kyiv{bad}Drone"}):
            field = getattr(make(), name)
            assert not field.validate(None), name
            assert any(HIDDEN_MESSAGE in str(e) for e in field.errors), (name, field.errors)


def test_imported_names_refuse_invisible_characters(app, event):
    row = {
        "email": "eve@example.org",
        "given_name": "Eve\u202egnp.exe",
        "family_name": "Doe",
        "job_title": "Analyst\u2028Second line",
        "organisation": "ACME",
        "organisation_type": "eu_industry",
        "country": "BE",
    }
    registration, problems = _registration_from_row(event, row)
    assert registration is None
    assert any("given_name" in p for p in problems) and any("job_title" in p for p in problems)


def test_staff_full_names_refuse_invisible_characters(app):
    with pytest.raises(AccountError, match="invisible"):
        create_user("door@example.org", "a long enough password", Role.STAFF, "Door\u202eStaff")


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
    bad = (
        not stripped
        or len(given_name) > 100
        or any(c in "<>" or unicodedata.category(c) in HIDDEN_CATEGORIES for c in given_name)
    )
    if bad:
        assert not valid and "given_name" in form.errors
    else:
        assert "given_name" not in form.errors
    if valid:
        assert form.family_name.data == family_name or form.family_name.data == family_name.strip()
