"""Guest speakers keep their name as written and in Latin letters (issue 14)."""

import pytest

from forum.auth.models import Role
from forum.extensions import db
from forum.programme import speakers
from forum.programme.errors import ProgrammeError
from forum.programme.models import SpeakerProfile


def profile(event, full_name: str, full_name_latin: str = "") -> SpeakerProfile:
    data = speakers.ProfileData(
        title="",
        full_name=full_name,
        position="Minister",
        organisation="",
        country="UA",
        bio="",
        full_name_latin=full_name_latin,
    )
    return speakers.save_profile(event, None, data)


def test_a_cyrillic_name_gets_its_passport_form_unless_one_is_given(event):
    assert profile(event, "Олександр Камишин").full_name_latin == "Oleksandr Kamyshyn"
    assert profile(event, "Юлія Свириденко", "Yulia Svyrydenko").full_name_latin == (
        "Yulia Svyrydenko"
    )
    assert profile(event, "Josep Borrell", "Ignored").full_name_latin == "Josep Borrell"


def test_a_latin_form_in_other_letters_is_refused(event):
    with pytest.raises(ProgrammeError):
        profile(event, "Олександр Камишин", "Олександр")
    assert db.session.query(SpeakerProfile).count() == 0


def test_the_form_says_so_and_saves_nothing(client, event, auth):
    auth.as_role(Role.ORGANISER)
    response = client.post(
        "/organise/speakers/new",
        data={"full_name": "Олександр Камишин", "full_name_latin": "Камишин"},
    )
    assert response.status_code == 200
    assert "Please write the name in Latin letters" in response.get_data(as_text=True)
    assert db.session.query(SpeakerProfile).count() == 0
