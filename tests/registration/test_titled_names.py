"""Titles on the officers' lists and the organisers' pages follow the page language
("ген. Олена Коваленко" on a Ukrainian page), while badges keep the stored English title."""

import pytest
from flask_babel import force_locale

from forum.auth.models import Role
from forum.extensions import db
from forum.programme.models import SpeakerAssignment, SpeakerProfile, SpeakerRole
from forum.programme.signups import sign_up
from forum.registration.models import RegistrationState
from forum.registration.titles import title_label, titled_name
from tests import factories
from tests.checkin.conftest import badge, scan


@pytest.fixture
def general(event):
    return factories.create_registration(
        event, title="Gen.", given_name="Олена", family_name="Коваленко"
    )


def test_a_title_in_each_language(app, general):
    with app.test_request_context(), force_locale("uk"):
        assert titled_name(general) == "ген. Олена Коваленко"
        assert title_label("H.E.") == "Його/Її Високоповажність"
        assert title_label("Rt Hon.") == "Rt Hon."  # a guest's own title, as written
    with app.test_request_context(), force_locale("en_GB"):
        assert titled_name(general) == "Gen. Олена Коваленко"
    assert general.display_name == "Gen. Олена Коваленко"  # badges and the door


def test_the_officers_list_and_a_registration_page_in_ukrainian(client, auth, event, general):
    db.session.commit()
    auth.as_role(Role.OFFICER)
    client.get("/language/uk")
    listing = client.get("/accreditation/").get_data(as_text=True)
    assert ">ген. Олена Коваленко</a>" in listing and "Gen. Олена" not in listing
    detail = client.get(f"/accreditation/{general.id}").get_data(as_text=True)
    assert "<h1>ген. Олена Коваленко</h1>" in detail
    client.get("/language/en")
    assert ">Gen. Олена Коваленко</a>" in client.get("/accreditation/").get_data(as_text=True)


def test_the_organisers_badge_list_in_ukrainian(client, auth, event, general):
    general.state = RegistrationState.APPROVED
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    client.get("/language/uk")
    page = client.get("/badges/").get_data(as_text=True)
    assert ">ген. Олена Коваленко</a>" in page


def test_the_attendance_dashboard_names_people_and_doors_in_ukrainian(client, auth, event, general):
    general.state = RegistrationState.APPROVED
    entrance = factories.create_checkpoint(
        event, name="Venue entrance", name_uk="Вхід до місця проведення"
    )
    scan(event, entrance, badge(general))
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    client.get("/language/uk")
    (latest,) = client.get("/attendance.json").get_json()["latest"]
    assert (latest["name"], latest["checkpoint"]) == (
        "ген. Олена Коваленко",
        "Вхід до місця проведення",
    )


def test_a_sessions_speakers_and_sign_ups_for_organisers_in_ukrainian(client, auth, event, general):
    programme, general.state = event, RegistrationState.APPROVED
    event.programme_published = True
    room = factories.create_room(event, name="Room Kyiv", capacity=90)
    session = factories.create_session(programme, room=room)
    guest = SpeakerProfile(event_id=programme.id, title="H.E.", full_name="Josep Borrell")
    session.speakers.append(SpeakerAssignment(role=SpeakerRole.KEYNOTE, speaker_profile=guest))
    _user, doctor = factories.create_delegate(
        programme, title="Dr", given_name="Ірина", family_name="Зінчук"
    )
    sign_up(programme, doctor, session.id)
    session.speakers.append(SpeakerAssignment(role=SpeakerRole.MODERATOR, registration=general))
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    client.get("/language/uk")
    page = client.get(f"/organise/sessions/{session.id}").get_data(as_text=True)
    assert "Його/Її Високоповажність Josep Borrell" in page
    assert "ген. Олена Коваленко" in page and "д-р Ірина Зінчук" in page
    listing = client.get("/organise/speaker-list").get_data(as_text=True)
    assert "ген. Олена Коваленко" in listing and "Gen." not in listing
