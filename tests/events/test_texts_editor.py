"""Organisers write the event's texts (name, venue, public texts, mail footer) in English
and Ukrainian side by side; delegates read them in their language; every change is audited."""

import icalendar
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.events.services import EVENT_TEXTS
from forum.extensions import db
from tests import factories

URL = "/organise/event/texts"
UK = {"Accept-Language": "uk-UA,uk;q=0.9"}


def texts_of(event, **changes) -> dict[str, str]:
    """The form as the editor shows it for `event`, with `changes`."""
    form = {
        column: getattr(event, column) for text in EVENT_TEXTS for column in (text, f"{text}_uk")
    }
    return {**form, **changes}


def test_the_editor_shows_both_languages_side_by_side_and_marks_what_waits(client, auth, event):
    event.name_uk = "Форум оборонної промисловості ЄС–Україна"
    event.mail_footer = "Questions: accreditation@forum.example.org"
    auth.as_role(Role.ORGANISER)
    page = client.get(URL).get_data(as_text=True)
    assert 'name="name" required type="text" value="EU-Ukraine Defence Industry Forum"' in page
    assert 'value="Форум оборонної промисловості ЄС–Україна"' in page
    assert page.count('lang="uk"') >= len(EVENT_TEXTS)
    # Written in English only: the short name, venue, city, organisers and the footer.
    assert page.count("Readers in Ukrainian see the English text.") == 5


def test_organisers_save_the_texts_and_delegates_read_them_in_their_language(client, auth, event):
    organiser = auth.as_role(Role.ORGANISER)
    form = texts_of(
        event,
        venue="The Egg",
        venue_uk="Конференц-центр «The Egg»",
        venue_address="Rue Bara 175, 1070 Anderlecht",
        venue_address_uk="вул. Бара, 175, 1070 Андерлехт",
        city_uk="Брюссель",
        description="A high-level conference and thematic working sessions.",
        description_uk="Конференція високого рівня та тематичні робочі сесії.",
        mail_footer="Questions: accreditation@forum.example.org",
    )
    response = client.post(URL, data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert (event.venue_uk, event.venue_address, event.city_uk) == (
        "Конференц-центр «The Egg»",
        "Rue Bara 175, 1070 Anderlecht",
        "Брюссель",
    )
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "event.texts"))
    assert entry.actor_id == organiser.id and entry.target_id == event.id
    assert set(entry.details["fields"]) == {
        "venue",
        "venue_uk",
        "venue_address",
        "venue_address_uk",
        "city_uk",
        "description",
        "description_uk",
        "mail_footer",
    }
    auth.sign_out()
    page = client.get("/", headers=UK).get_data(as_text=True)
    assert "Конференц-центр «The Egg», вул. Бара, 175, 1070 Андерлехт, Брюссель" in page
    assert "Конференція високого рівня та тематичні робочі сесії." in page
    page = client.get("/").get_data(as_text=True)
    assert "The Egg, Rue Bara 175, 1070 Anderlecht, Brussels" in page


def test_a_text_not_translated_yet_reaches_readers_unmarked(client, auth, event):
    event.description = "A high-level conference."
    db.session.commit()
    page = client.get("/", headers=UK).get_data(as_text=True)
    assert "A high-level conference." in page
    assert "pill-untranslated" not in page


def test_the_calendar_names_the_venue_and_its_address_in_the_readers_language(client, event):
    event.programme_published = True
    event.venue, event.venue_uk = "The Egg", "Конференц-центр «The Egg»"
    event.venue_address_uk = "вул. Бара, 175"
    room = factories.create_room(event, name="Room Kyiv", name_uk="Зала Київ")
    factories.create_session(event, room=room, published=True)
    db.session.commit()
    feed = client.get("/programme/programme.ics", headers=UK)
    (entry,) = icalendar.Calendar.from_ical(feed.data).walk("VEVENT")
    assert (
        str(entry["LOCATION"]) == "Зала Київ, Конференц-центр «The Egg», вул. Бара, 175, Brussels"
    )


def test_saving_without_a_change_says_so_and_audits_nothing(client, auth, event):
    auth.as_role(Role.ORGANISER)
    response = client.post(URL, data=texts_of(event), follow_redirects=True)
    assert "Nothing changed." in response.get_data(as_text=True)
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "event.texts")
        )
        == 0
    )


def test_an_empty_english_name_or_too_long_a_text_changes_nothing(client, auth, event):
    auth.as_role(Role.ORGANISER)
    response = client.post(URL, data=texts_of(event, name="  ", name_uk="Форум"))
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)
    response = client.post(URL, data=texts_of(event, mail_footer_uk="Я" * 1001))
    assert "Field cannot be longer than 1000 characters." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (event.name, event.name_uk, event.mail_footer_uk) == (
        "EU-Ukraine Defence Industry Forum",
        "",
        "",
    )


def test_only_organisers_edit_the_texts(client, auth, event):
    db.session.commit()
    response = client.get(URL)
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    auth.as_role(Role.OFFICER)
    assert client.get(URL).status_code == 403
    assert client.post(URL, data=texts_of(event, name="Changed")).status_code == 403
    db.session.expire_all()
    assert event.name == "EU-Ukraine Defence Industry Forum"


def test_organisers_find_the_editor_in_the_header(client, auth, event):
    auth.as_role(Role.ORGANISER)
    client.get("/language/uk")
    page = client.get("/").get_data(as_text=True)
    assert f'href="{URL}">Захід</a>' in page


def test_the_audit_log_says_which_texts_changed_in_words(client, auth, event):
    auth.as_role(Role.ORGANISER)
    form = texts_of(event, venue_address="Rue Bara 175", venue_address_uk="вул. Бара, 175")
    client.post(URL, data=form)
    page = client.get("/organise/audit/").get_data(as_text=True)
    assert "Texts of the event changed" in page
    assert "Address of the venue, Address of the venue in Ukrainian" in page
    client.get("/language/uk")
    page = client.get("/organise/audit/").get_data(as_text=True)
    assert "Тексти заходу змінено" in page
    assert "Адреса місця проведення, Адреса місця проведення українською" in page
