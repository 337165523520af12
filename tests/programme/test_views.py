"""Programme pages: who sees what, forms that refuse bad input, exports and photos."""

import io
import subprocess

import pytest
import sqlalchemy as sa
from PIL import Image

from forum.auth.models import Role
from forum.extensions import db
from forum.programme.models import (
    Room,
    SignUp,
    SpeakerAssignment,
    SpeakerProfile,
    SpeakerRole,
    WorkingSession,
)
from tests import factories
from tests.test_photos import png_bomb

ORGANISER_PAGES = [
    "/organise/schedule",
    "/organise/rooms",
    "/organise/rooms/new",
    "/organise/speakers",
    "/organise/speakers/new",
    "/organise/sessions/new",
    "/organise/speaker-list",
    "/organise/speaker-list.pdf",
    "/organise/speaker-list.csv",
    "/organise/conflicts",
]


@pytest.mark.parametrize("url", ORGANISER_PAGES)
@pytest.mark.parametrize("role", [Role.OFFICER, Role.STAFF, Role.DELEGATE])
def test_organiser_pages_refuse_other_roles(client, auth, programme, url, role):
    auth.as_role(role)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ORGANISER_PAGES + ["/my/agenda"])
def test_anonymous_visitors_are_sent_to_sign_in(client, programme, url):
    response = client.get(url)
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


@pytest.mark.parametrize("url", ORGANISER_PAGES)
def test_organisers_get_every_page(client, auth, programme, room, url):
    factories.create_session(programme, room=room)
    auth.as_role(Role.ORGANISER)
    assert client.get(url).status_code == 200


def test_public_programme_shows_published_sessions_only(client, programme, room):
    factories.create_session(programme, room=room, title="Air and missile defence")
    draft = factories.create_session(
        programme, "14:00", "15:00", room=room, title="Secret draft", published=False
    )
    db.session.commit()
    page = client.get("/programme").get_data(as_text=True)
    assert "Air and missile defence" in page
    assert "Secret draft" not in page
    assert client.get(f"/programme/sessions/{draft.id}").status_code == 404


def test_public_programme_hidden_until_the_programme_is_published(client, event):
    room = factories.create_room(event)
    session = factories.create_session(event, room=room, title="Air and missile defence")
    db.session.commit()
    page = client.get("/programme").get_data(as_text=True)
    assert "Air and missile defence" not in page
    assert "will be published" in page
    assert client.get(f"/programme/sessions/{session.id}").status_code == 404


def test_public_programme_filters_by_theme_and_room(client, programme, room):
    other = factories.create_room(programme, name="Room Lviv")
    factories.create_session(programme, room=room, title="Interceptors", theme="Air defence")
    factories.create_session(programme, room=other, title="Jammers", theme="Electronic warfare")
    db.session.commit()
    by_theme = client.get("/programme?theme=Electronic+warfare").get_data(as_text=True)
    assert "Jammers" in by_theme and "Interceptors" not in by_theme
    by_room = client.get(f"/programme?room={room.id}").get_data(as_text=True)
    assert "Interceptors" in by_room and "Jammers" not in by_room


def test_public_programme_in_ukrainian(client, programme, room):
    factories.create_session(programme, room=room, title="Air defence")
    db.session.commit()
    client.get("/language/uk")
    page = client.get("/programme").get_data(as_text=True)
    assert "Програма" in page


def test_public_speakers_with_bios_and_photos(client, programme, room):
    session = factories.create_session(programme, room=room)
    guest = SpeakerProfile(
        event_id=programme.id, full_name="Олександр Камишин", bio="Міністр стратегічних галузей."
    )
    hidden = SpeakerProfile(event_id=programme.id, full_name="Only In Drafts", photo=jpeg())
    guest.photo = jpeg()
    draft = factories.create_session(programme, "14:00", "15:00", room=room, published=False)
    session.speakers.append(SpeakerAssignment(role=SpeakerRole.KEYNOTE, speaker_profile=guest))
    draft.speakers.append(SpeakerAssignment(role=SpeakerRole.KEYNOTE, speaker_profile=hidden))
    db.session.commit()
    page = client.get("/programme/speakers").get_data(as_text=True)
    assert "Олександр Камишин" in page and "Міністр стратегічних галузей." in page
    assert "Only In Drafts" not in page
    photo = client.get(f"/programme/speakers/{guest.id}/photo.jpg")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    assert client.get(f"/programme/speakers/{hidden.id}/photo.jpg").status_code == 404


def jpeg(size=(800, 600), fmt="JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 87, 183)).save(out, fmt)
    return out.getvalue()


# ---- Organiser forms ---------------------------------------------------------------------


def session_form(the_room, **overrides):
    values = {
        "title": "Air and missile defence",
        "theme": "Air defence",
        "format": "working_session",
        "description": "",
        "room": str(the_room.id),
        "day": "2024-05-06",
        "starts": "11:00",
        "ends": "12:30",
        "capacity": "",
        "signup_required": "y",
        "published": "y",
    }
    values.update(overrides)
    return values


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_organiser_creates_a_session_in_event_time(client, auth, programme, room):
    auth.as_role(Role.ORGANISER)
    response = client.post("/organise/sessions/new", data=session_form(room))
    assert response.status_code == 302
    session = db.session.scalar(sa.select(WorkingSession))
    assert session.starts_at.isoformat() == "2024-05-06T09:00:00+00:00"  # 11:00 CEST in UTC
    assert session.capacity is None and session.effective_capacity == 90


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends": "10:00"}, "must end after it starts"),
        ({"capacity": "-3"}, "cannot be negative"),
        ({"room": "999999"}, "room does not exist"),
        ({"day": "2024-05-09"}, "outside the days of the event"),
        ({"title": ""}, "This field is required"),
    ],
)
def test_bad_session_input_is_refused_and_nothing_saved(
    client, auth, programme, room, overrides, message
):
    auth.as_role(Role.ORGANISER)
    response = client.post("/organise/sessions/new", data=session_form(room, **overrides))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(WorkingSession) == 0


def test_double_booked_room_is_refused_with_the_other_session_named(client, auth, programme, room):
    factories.create_session(programme, "11:00", "12:00", room=room, title="Combat aircraft")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post("/organise/sessions/new", data=session_form(room, title="Other"))
    assert "Combat aircraft" in response.get_data(as_text=True)
    assert count(WorkingSession) == 1


def test_room_form_refuses_negative_capacity_and_duplicates(client, auth, programme, room):
    auth.as_role(Role.ORGANISER)
    response = client.post("/organise/rooms/new", data={"name": "Room Ghent", "capacity": "-1"})
    assert "cannot be negative" in response.get_data(as_text=True)
    response = client.post("/organise/rooms/new", data={"name": "room kyiv", "capacity": "10"})
    assert "already a room with this name" in response.get_data(as_text=True)
    assert count(Room) == 1
    response = client.post("/organise/rooms/new", data={"name": "Room Ghent", "capacity": "60"})
    assert response.status_code == 302 and count(Room) == 2


def test_a_room_in_use_cannot_be_deleted(client, auth, programme, room):
    factories.create_session(programme, room=room)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    client.post(f"/organise/rooms/{room.id}/delete")
    assert count(Room) == 1


def test_moving_a_published_session_emails_delegates_and_speakers_in_their_language(
    client, auth, programme, room, outbox
):
    from forum.programme.signups import sign_up

    session = factories.create_session(programme, "11:00", "12:30", room=room, title="EDIS")
    _u, english = factories.create_delegate(programme, locale="en")
    _u, ukrainian = factories.create_delegate(programme, locale="uk")
    _u, speaker = factories.create_delegate(programme, locale="en")
    sign_up(programme, english, session.id)
    sign_up(programme, ukrainian, session.id)
    session.speakers.append(SpeakerAssignment(role=SpeakerRole.MODERATOR, registration=speaker))
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    form = session_form(room, title="EDIS", starts="14:00", ends="15:30")
    assert client.post(f"/organise/sessions/{session.id}/edit", data=form).status_code == 302
    mails = {to: (subject, body) for to, subject, body in outbox()}
    assert set(mails) == {english.email, ukrainian.email, speaker.email}
    assert "14:00" in mails[english.email][1] and "11:00" in mails[english.email][1]
    assert "Programme change" in mails[english.email][0]
    assert "понеділок" in mails[ukrainian.email][1]  # Monday, in Ukrainian


def test_editing_without_moving_sends_nothing(client, auth, programme, room, outbox):
    from forum.programme.signups import sign_up

    session = factories.create_session(programme, "11:00", "12:30", room=room, title="EDIS")
    sign_up(programme, factories.create_delegate(programme)[1], session.id)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    form = session_form(room, title="EDIS: implementation")
    assert client.post(f"/organise/sessions/{session.id}/edit", data=form).status_code == 302
    assert outbox() == []


def test_speaker_assignment_of_a_delegate_and_a_guest(client, auth, programme, room):
    session = factories.create_session(programme, room=room)
    _u, delegate = factories.create_delegate(programme, given_name="Ludivine", family_name="Test")
    guest = SpeakerProfile(event_id=programme.id, full_name="Josep Borrell")
    db.session.add(guest)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get(f"/organise/sessions/{session.id}?q=ludiv").get_data(as_text=True)
    assert "Ludivine Test" in page
    url = f"/organise/sessions/{session.id}/speakers"
    client.post(url, data={"registration_id": delegate.id, "role": "moderator", "position": "0"})
    client.post(url, data={"profile_id": guest.id, "role": "keynote", "position": "1"})
    client.post(url, data={"profile_id": guest.id, "role": "keynote", "position": "1"})  # twice
    client.post(url, data={"role": "keynote", "position": "1"})  # nobody
    db.session.expire_all()
    assert [(a.name, a.role) for a in session.speakers] == [
        ("Ludivine Test", SpeakerRole.MODERATOR),
        ("Josep Borrell", SpeakerRole.KEYNOTE),
    ]


def test_guest_photo_is_verified_and_re_encoded(client, auth, programme):
    auth.as_role(Role.ORGANISER)
    png = jpeg(size=(1600, 1200), fmt="PNG")
    response = client.post(
        "/organise/speakers/new",
        data={"full_name": "Kaja Kallas", "photo": (io.BytesIO(png), "kallas.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    profile = db.session.scalar(sa.select(SpeakerProfile))
    image = Image.open(io.BytesIO(profile.photo))
    assert image.format == "JPEG" and image.size == (800, 600)


def test_a_photo_of_too_many_pixels_is_refused_and_nothing_saved(client, auth, programme):
    auth.as_role(Role.ORGANISER)
    response = client.post(
        "/organise/speakers/new",
        data={"full_name": "Kaja Kallas", "photo": (io.BytesIO(png_bomb()), "bomb.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "too many pixels (at most 25 megapixels)" in response.get_data(as_text=True)
    assert count(SpeakerProfile) == 0


def test_a_fake_photo_is_refused_and_nothing_saved(client, auth, programme):
    auth.as_role(Role.ORGANISER)
    response = client.post(
        "/organise/speakers/new",
        data={"full_name": "Kaja Kallas", "photo": (io.BytesIO(b"<?php evil"), "x.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "not a JPEG, PNG or WebP image" in response.get_data(as_text=True)
    assert count(SpeakerProfile) == 0


# ---- Speaker lists -----------------------------------------------------------------------


def listed(programme, room):
    session = factories.create_session(programme, room=room, title="Air defence")
    _u, delegate = factories.create_delegate(
        programme, given_name='=HYPERLINK("x")', family_name="Шевченко"
    )
    guest = SpeakerProfile(event_id=programme.id, full_name="Олександр Камишин", country="UA")
    session.speakers.append(
        SpeakerAssignment(role=SpeakerRole.RAPPORTEUR, position=0, registration=delegate)
    )
    session.speakers.append(
        SpeakerAssignment(role=SpeakerRole.KEYNOTE, position=3, speaker_profile=guest)
    )
    db.session.commit()
    return session


def test_speaker_list_csv_is_excel_friendly_and_formula_safe(client, auth, programme, room):
    listed(programme, room)
    auth.as_role(Role.ORGANISER)
    response = client.get("/organise/speaker-list.csv")
    assert response.data.startswith(b"\xef\xbb\xbf")
    text = response.data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[1].index("Олександр Камишин") < len(lines[1])  # keynote first
    assert "Keynote" in lines[1] and "Rapporteur" in lines[2]
    assert "'=HYPERLINK" in lines[2]
    assert ",=HYPERLINK" not in text


def test_speaker_list_pdf_prints_cyrillic(client, auth, programme, room, tmp_path):
    session = listed(programme, room)
    auth.as_role(Role.ORGANISER)
    response = client.get(f"/organise/speaker-list.pdf?session={session.id}")
    assert response.mimetype == "application/pdf"
    path = tmp_path / "speakers.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Олександр Камишин" in text and "Шевченко" in text
    assert text.index("Keynote") < text.index("Rapporteur")


# ---- Delegates ---------------------------------------------------------------------------


def test_delegate_signs_up_sees_agenda_and_cancels(client, auth, programme, room):
    session = factories.create_session(programme, room=room, title="Artillery production")
    user, delegate = factories.create_delegate(programme)
    db.session.commit()
    auth.sign_in(user.email)
    response = client.post(f"/programme/sessions/{session.id}/sign-up", follow_redirects=True)
    assert "You have a seat" in response.get_data(as_text=True)
    assert "Artillery production" in client.get("/my/agenda").get_data(as_text=True)
    client.post(f"/programme/sessions/{session.id}/cancel")
    assert count(SignUp) == 0


def test_pending_delegate_cannot_sign_up(client, auth, programme, room):
    from forum.registration.models import RegistrationState

    session = factories.create_session(programme, room=room)
    user, _r = factories.create_delegate(programme, state=RegistrationState.PENDING)
    db.session.commit()
    auth.sign_in(user.email)
    response = client.post(f"/programme/sessions/{session.id}/sign-up", follow_redirects=True)
    assert "Only accredited delegates" in response.get_data(as_text=True)
    assert count(SignUp) == 0


def test_a_delegate_cannot_cancel_someone_elses_sign_up(client, auth, programme, room):
    from forum.programme.signups import sign_up

    session = factories.create_session(programme, room=room)
    _u, other = factories.create_delegate(programme)
    sign_up(programme, other, session.id)
    user, _mine = factories.create_delegate(programme)
    db.session.commit()
    auth.sign_in(user.email)
    client.post(f"/programme/sessions/{session.id}/cancel", data={"registration_id": other.id})
    assert count(SignUp) == 1


def test_staff_cannot_sign_up(client, auth, programme, room):
    session = factories.create_session(programme, room=room)
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    assert client.post(f"/programme/sessions/{session.id}/sign-up").status_code == 403


# ---- Schedule, conflicts page and speaker order ------------------------------------------


def test_schedule_places_blocks_and_flags_conflicts(client, auth, programme, room):
    factories.create_session(programme, "11:00", "12:30", room=room, title="Interceptors")
    factories.create_session(programme, "12:00", "13:00", room=room, title="Jammers")
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get("/organise/schedule").get_data(as_text=True)
    # 08:00 is the first row (2); 11:00 is 36 five-minute steps later.
    assert "r38 re56 c2" in page and "has-conflict" in page
    assert "Room Kyiv is already booked" in page
    conflicts = client.get("/organise/conflicts").get_data(as_text=True)
    assert "Room Kyiv is already booked for" in conflicts and "Interceptors" in conflicts


def test_schedule_links_an_empty_slot_to_a_prefilled_form(client, auth, programme, room):
    auth.as_role(Role.ORGANISER)
    page = client.get(f"/organise/sessions/new?day=2024-05-06&start=14:00&room={room.id}").get_data(
        as_text=True
    )
    assert 'value="14:00"' in page and 'value="15:00"' in page
    assert f'<option selected value="{room.id}">' in page


def test_speaker_order_is_edited_and_a_speaker_removed(client, auth, programme, room):
    session = factories.create_session(programme, room=room)
    first = SpeakerProfile(event_id=programme.id, full_name="Kaja Kallas")
    second = SpeakerProfile(event_id=programme.id, full_name="Rustem Umerov")
    for position, profile in enumerate((first, second)):
        session.speakers.append(
            SpeakerAssignment(
                role=SpeakerRole.PANELLIST, position=position, speaker_profile=profile
            )
        )
    db.session.commit()
    a, b = session.speakers
    auth.as_role(Role.ORGANISER)
    url = f"/organise/sessions/{session.id}/speakers/{a.id}"
    client.post(url, data={f"a{a.id}-role": "panellist", f"a{a.id}-position": "5"})
    client.post(url, data={f"a{a.id}-role": "panellist", f"a{a.id}-position": "-1"})  # refused
    page = client.get("/organise/speaker-list").get_data(as_text=True)
    assert page.index("Rustem Umerov") < page.index("Kaja Kallas")
    client.post(f"/organise/sessions/{session.id}/speakers/{b.id}/remove")
    db.session.expire_all()
    assert [(x.name, x.position) for x in session.speakers] == [("Kaja Kallas", 5)]


def test_publishing_the_programme_is_an_organiser_switch(client, auth, event):
    auth.as_role(Role.ORGANISER)
    client.post("/organise/programme/publication", data={"published": "1"})
    db.session.expire_all()
    assert event.programme_published is True
    client.post("/organise/programme/publication", data={"published": "0"})
    db.session.expire_all()
    assert event.programme_published is False
