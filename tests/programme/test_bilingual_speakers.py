"""Guest speakers' position, organisation and biography in English and Ukrainian: written
side by side by organisers (marked while a translation is missing), read by delegates in
their language (falling back to the other one, unmarked), in the exports too; speaker roles
read as idiomatic Ukrainian."""

import csv
import io
import subprocess

import pytest
import sqlalchemy as sa

from forum.auth.models import Role
from forum.extensions import db
from forum.programme.models import SpeakerAssignment, SpeakerProfile, SpeakerRole
from forum.programme.signups import sign_up
from tests import factories

UK = {"Accept-Language": "uk-UA,uk;q=0.9"}
KAMYSHIN_BIO = "Ukraine's Minister of Strategic Industries since September 2023."
KAMYSHIN_BIO_UK = "Міністр з питань стратегічних галузей промисловості України з вересня 2023 року."


def profile_form(**changes) -> dict:
    return {
        "title": "",
        "full_name": "Oleksandr Kamyshin",
        "position": "Minister of Strategic Industries",
        "position_uk": "Міністр з питань стратегічних галузей промисловості",
        "organisation": "Government of Ukraine",
        "organisation_uk": "Уряд України",
        "country": "UA",
        "bio": KAMYSHIN_BIO,
        "bio_uk": KAMYSHIN_BIO_UK,
        **changes,
    }


@pytest.fixture
def kamyshin(programme):
    profile = SpeakerProfile(
        event_id=programme.id, **{k: v for k, v in profile_form().items() if k != "title"}
    )
    profile.full_name_latin = profile.full_name
    db.session.add(profile)
    db.session.flush()
    return profile


@pytest.fixture
def panel(programme, room, kamyshin):
    """A published panel with a speaker in each role: a guest keynote and delegates."""
    session = factories.create_session(programme, room=room, title="Joint production")
    session.title_uk = "Спільне виробництво"
    session.speakers.append(SpeakerAssignment(role=SpeakerRole.KEYNOTE, speaker_profile=kamyshin))
    for role in (SpeakerRole.MODERATOR, SpeakerRole.PANELLIST, SpeakerRole.RAPPORTEUR):
        _user, delegate = factories.create_delegate(programme, job_title=f"{role.value} job")
        session.speakers.append(SpeakerAssignment(role=role, registration=delegate))
    db.session.commit()
    return session


# ---- Organisers write both languages ------------------------------------------------------


def test_the_guest_speaker_editor_saves_both_languages(client, auth, programme):
    auth.as_role(Role.ORGANISER)
    response = client.post("/organise/speakers/new", data=profile_form())
    assert response.status_code == 302
    profile = db.session.scalar(sa.select(SpeakerProfile))
    assert (profile.position_uk, profile.organisation_uk, profile.bio_uk) == (
        "Міністр з питань стратегічних галузей промисловості",
        "Уряд України",
        KAMYSHIN_BIO_UK,
    )
    assert profile.bio == KAMYSHIN_BIO


def test_the_editor_shows_both_languages_side_by_side_and_marks_what_waits(client, auth, kamyshin):
    kamyshin.bio_uk = ""
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get(f"/organise/speakers/{kamyshin.id}/edit").get_data(as_text=True)
    assert 'name="position_uk" type="text" value="Міністр з питань' in page
    assert 'lang="uk"' in page and "Уряд України" in page
    assert page.count("Readers in Ukrainian see the English text.") == 1  # the biography
    listing = client.get("/organise/speakers").get_data(as_text=True)
    assert "not yet in Ukrainian" in listing


def test_too_long_a_ukrainian_biography_is_refused_and_nothing_changes(client, auth, kamyshin):
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(
        f"/organise/speakers/{kamyshin.id}/edit",
        data=profile_form(position_uk="Міністр", bio_uk="Б" * 1501),
    )
    assert response.status_code == 200
    assert "Field cannot be longer than 1500 characters." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (kamyshin.position_uk, kamyshin.bio_uk) == (
        "Міністр з питань стратегічних галузей промисловості",
        KAMYSHIN_BIO_UK,
    )


def test_only_organisers_edit_guest_speakers(client, auth, kamyshin):
    db.session.commit()
    auth.as_role(Role.OFFICER)
    url = f"/organise/speakers/{kamyshin.id}/edit"
    assert client.post(url, data=profile_form(bio_uk="Змінено")).status_code == 403
    db.session.expire_all()
    assert kamyshin.bio_uk == KAMYSHIN_BIO_UK


# ---- Delegates read their language ------------------------------------------------------


def test_the_speaker_list_in_ukrainian(client, panel):
    page = client.get("/programme/speakers", headers=UK).get_data(as_text=True)
    assert "Міністр з питань стратегічних галузей промисловості, Уряд України" in page
    assert KAMYSHIN_BIO_UK.replace("'", "&#39;") in page
    assert "Government of Ukraine" not in page
    page = client.get("/programme/speakers").get_data(as_text=True)
    assert "Minister of Strategic Industries, Government of Ukraine" in page
    assert KAMYSHIN_BIO.replace("'", "&#39;") in page and "Уряд України" not in page


def test_a_biography_not_translated_yet_comes_in_english_unmarked(client, kamyshin, panel):
    kamyshin.bio_uk, kamyshin.organisation_uk = "", ""
    db.session.commit()
    page = client.get("/programme/speakers", headers=UK).get_data(as_text=True)
    assert KAMYSHIN_BIO.replace("'", "&#39;") in page
    assert "Міністр з питань стратегічних галузей промисловості, Government of Ukraine" in page
    assert "pill-untranslated" not in page and "not yet in" not in page


def test_a_session_page_names_roles_and_positions_in_ukrainian(client, panel):
    page = client.get(f"/programme/sessions/{panel.id}", headers=UK).get_data(as_text=True)
    for role in (
        "Основний доповідач",
        "Модератор",
        "Учасник дискусії",
        "Доповідач-підсумовувач",
    ):
        assert f'<span class="pill pill-role">{role}</span>' in page
    assert "Міністр з питань стратегічних галузей промисловості, Уряд України" in page
    assert "moderator job" in page  # a delegate's job title as they wrote it


def test_my_agenda_names_the_roles_in_ukrainian(client, auth, programme, panel):
    user, delegate = factories.create_delegate(programme, locale="uk")
    sign_up(programme, delegate, panel.id)
    db.session.commit()
    auth.sign_in(user.email)
    client.get("/language/uk")
    page = client.get("/my/agenda").get_data(as_text=True)
    assert "Спільне виробництво" in page
    assert "Основний доповідач" in page and "Доповідач-підсумовувач" in page


def test_public_pages_name_titles_in_the_readers_language(client, auth, programme, kamyshin, panel):
    kamyshin.title = "H.E."
    moderator = next(a.registration for a in panel.speakers if a.role == SpeakerRole.MODERATOR)
    moderator.title = "Gen."
    db.session.commit()
    name = f"{moderator.given_name} {moderator.family_name}"
    for url in ("/programme/speakers", f"/programme/sessions/{panel.id}", "/programme"):
        page = client.get(url, headers=UK).get_data(as_text=True)
        assert "Його/Її Високоповажність Oleksandr Kamyshin" in page, url
        assert f"ген. {name}" in page and "H.E." not in page and "Gen." not in page, url
        page = client.get(url).get_data(as_text=True)
        assert "H.E. Oleksandr Kamyshin" in page and f"Gen. {name}" in page, url


def test_the_api_gives_a_guests_organisation_in_the_language_asked(client, panel):
    body = client.get("/api/v1/programme?lang=uk").get_json()
    (session,) = body["sessions"]
    assert session["speakers"][0] == {
        "name": "Oleksandr Kamyshin",
        "role": "keynote",
        "organisation": "Уряд України",
    }
    body = client.get("/api/v1/programme?lang=en").get_json()
    assert body["sessions"][0]["speakers"][0]["organisation"] == "Government of Ukraine"


# ---- Exports in the organiser's language ------------------------------------------------


def test_the_speaker_list_csv_in_ukrainian(client, auth, panel):
    auth.as_role(Role.ORGANISER)
    client.get("/language/uk")
    body = client.get("/organise/speaker-list.csv").data.decode("utf-8-sig")
    header, first, *_rest = list(csv.reader(io.StringIO(body)))
    assert header[3] == "Сесія" and header[5] == "Роль"
    assert first[3:6] == ["Спільне виробництво", "Room Kyiv", "Основний доповідач"]
    assert first[8:10] == ["Міністр з питань стратегічних галузей промисловості", "Уряд України"]


def test_the_speaker_list_pdf_in_ukrainian(client, auth, panel, tmp_path):
    auth.as_role(Role.ORGANISER)
    client.get("/language/uk")
    path = tmp_path / "speakers.pdf"
    path.write_bytes(client.get(f"/organise/speaker-list.pdf?session={panel.id}").data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Спільне виробництво" in text and "Основний доповідач" in text
    assert "Уряд України" in text and "Joint production" not in text


def test_a_speaker_without_a_photo_shows_initials_of_the_name_not_the_title(
    client, programme, panel
):
    _user, delegate = factories.create_delegate(
        programme, title="Mr", given_name="Tomáš", family_name="Novák"
    )
    panel.speakers.append(SpeakerAssignment(role=SpeakerRole.PANELLIST, registration=delegate))
    db.session.commit()
    page = client.get("/programme/speakers").get_data(as_text=True)
    assert '<span class="speaker-photo speaker-initials" aria-hidden="true">TN</span>' in page
    assert '<span class="speaker-photo speaker-initials" aria-hidden="true">OK</span>' in page
