"""Programme conflicts read in the organiser's language: session titles and room names in
Ukrainian on a Ukrainian page (the English text where none is written yet), speakers'
titles too; the same conflicts read in English on an English page."""

import pytest

from forum.auth.models import Role
from forum.extensions import db
from forum.programme.models import SpeakerAssignment, SpeakerRole
from tests import factories
from tests.programme.test_views import session_form

UK = {"Accept-Language": "uk-UA,uk;q=0.9"}


@pytest.fixture
def clash(programme, room):
    """Two overlapping sessions in one room with one speaker, a general, in both."""
    room.name_uk = "Зала «Київ»"
    first = factories.create_session(programme, "11:00", "12:30", room=room, title="Air defence")
    first.title_uk = "Протиповітряна оборона"
    second = factories.create_session(programme, "12:00", "13:00", room=room, title="Drones")
    _user, general = factories.create_delegate(
        programme, title="Gen.", given_name="Олена", family_name="Коваленко"
    )
    for session in (first, second):
        session.speakers.append(SpeakerAssignment(role=SpeakerRole.MODERATOR, registration=general))
    db.session.commit()
    return first, second


def test_the_conflicts_page_in_ukrainian(client, auth, clash):
    auth.as_role(Role.ORGANISER)
    client.get("/language/uk")
    page = client.get("/organise/conflicts").get_data(as_text=True)
    assert "Зала «Київ»: у цей час тут уже заплановано «Drones» («Протиповітряна оборона»)." in page
    assert "ген. Олена Коваленко виступає на «Протиповітряна оборона» і «Drones»" in page
    assert "Room Kyiv" not in page and "Air defence" not in page and "Gen." not in page


def test_the_same_conflicts_in_english(client, auth, clash):
    auth.as_role(Role.ORGANISER)
    page = client.get("/organise/conflicts").get_data(as_text=True)
    assert "Room Kyiv is already booked for “Drones” at that time (“Air defence”)." in page
    assert "Gen. Олена Коваленко speaks in “Air defence” and “Drones”, which overlap." in page


def test_a_refused_save_names_the_sessions_in_the_organisers_language(
    client, auth, programme, room, clash
):
    auth.as_role(Role.ORGANISER)
    client.get("/language/uk")
    form = session_form(room, title="Naval drones", title_uk="Морські дрони", starts="11:30")
    response = client.post("/organise/sessions/new", data=form)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "у цей час тут уже заплановано «Протиповітряна оборона» («Морські дрони»)" in page


def test_a_speakers_warning_is_flashed_in_ukrainian(client, auth, programme, room, clash):
    first, _second = clash
    general = first.speakers[0].registration
    later = factories.create_session(programme, "12:15", "13:15", title="Artillery")
    later.title_uk = "Артилерія"
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    client.get("/language/uk")
    response = client.post(
        f"/organise/sessions/{later.id}/speakers",
        data={"registration_id": general.id, "role": "keynote", "position": 0},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "ген. Олена Коваленко виступає на «Протиповітряна оборона» і «Артилерія»" in page
