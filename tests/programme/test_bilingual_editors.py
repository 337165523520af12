"""Organisers write session, room and door texts in English and Ukrainian side by side;
a text not translated yet is marked for them, and too long a text changes nothing."""

import sqlalchemy as sa

from forum.auth.models import Role
from forum.checkin.models import Checkpoint
from forum.extensions import db
from forum.programme.models import Room, WorkingSession
from tests import factories
from tests.programme.test_views import session_form


def test_the_session_editor_saves_both_languages(client, auth, programme, room):
    auth.as_role(Role.ORGANISER)
    data = session_form(
        room,
        title_uk="Протиповітряна та протиракетна оборона",
        theme_uk="ППО",
        description="Systems and interceptors.",
        description_uk="Системи та перехоплювачі.",
    )
    assert client.post("/organise/sessions/new", data=data).status_code == 302
    session = db.session.scalar(sa.select(WorkingSession))
    assert (session.title, session.title_uk) == (
        "Air and missile defence",
        "Протиповітряна та протиракетна оборона",
    )
    assert (session.theme_uk, session.description_uk) == ("ППО", "Системи та перехоплювачі.")


def test_the_session_editor_shows_both_languages_side_by_side(client, auth, programme, room):
    session = factories.create_session(programme, room=room, title="Naval drones")
    session.title_uk = "Морські дрони"
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get(f"/organise/sessions/{session.id}/edit").get_data(as_text=True)
    assert 'name="title" required type="text" value="Naval drones"' in page
    assert 'name="title_uk" type="text" value="Морські дрони"' in page
    assert 'lang="uk"' in page
    # The theme and description exist in English only: marked, with what readers get instead.
    assert page.count("pill-untranslated") == 1  # the theme; the description is empty in both
    assert "Readers in Ukrainian see the English text." in page


def test_organisers_see_which_texts_wait_for_a_translation(client, auth, programme, room):
    session = factories.create_session(programme, room=room, title="Naval drones")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get(f"/organise/sessions/{session.id}").get_data(as_text=True)
    assert "not yet in Ukrainian" in page
    session.title_uk, session.theme_uk, room.name_uk = "Морські дрони", "ППО", "Зала Київ"
    db.session.commit()
    page = client.get(f"/organise/sessions/{session.id}").get_data(as_text=True)
    assert "not yet in Ukrainian" not in page


def test_too_long_a_ukrainian_title_is_refused_and_nothing_changes(client, auth, programme, room):
    session = factories.create_session(programme, room=room, title="Naval drones")
    session.title_uk = "Морські дрони"
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(
        f"/organise/sessions/{session.id}/edit",
        data=session_form(room, title="Naval drones at sea", title_uk="Д" * 201),
    )
    assert response.status_code == 200
    assert "Field cannot be longer than 200 characters." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (session.title, session.title_uk) == ("Naval drones", "Морські дрони")


def test_the_room_editor_saves_both_names_and_refuses_a_taken_ukrainian_one(
    client, auth, programme, room
):
    room.name_uk = "Зала Київ"
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(
        "/organise/rooms/new", data={"name": "Room Lviv", "name_uk": "Зала Львів", "capacity": 60}
    )
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Room.name_uk).where(Room.name == "Room Lviv")) == (
        "Зала Львів"
    )
    response = client.post(
        "/organise/rooms/new", data={"name": "Room Kharkiv", "name_uk": "ЗАЛА КИЇВ", "capacity": 9}
    )
    assert "There is already a room with this name." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Room)) == 2


def test_the_door_editor_saves_both_names(client, auth, programme):
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(
        "/scanner/doors", data={"name": "Main entrance", "name_uk": "Головний вхід", "session": 0}
    )
    assert response.status_code == 302
    door = db.session.scalar(sa.select(Checkpoint))
    assert (door.name, door.name_uk) == ("Main entrance", "Головний вхід")
    response = client.post(
        "/scanner/doors", data={"name": "Side door", "name_uk": "Д" * 121, "session": 0}
    )
    assert response.status_code == 400
    assert "Field cannot be longer than 120 characters." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Checkpoint)) == 1
