"""A person is found whichever script the name was written and the search typed in:
at the door, in the officers' list and in the speaker picker."""

import pytest
import sqlalchemy as sa

from forum.auth.models import Role
from forum.checkin.services import door_search
from forum.extensions import db
from forum.programme.services import search_registrations
from forum.registration.models import Registration, RegistrationState
from forum.registration.search import ListFilter, search
from tests import factories

APPROVED = RegistrationState.APPROVED


@pytest.fixture
def people(event):
    return {
        "shevchyshyn": factories.create_registration(
            event, given_name="Тарас", family_name="Шевчишин", state=APPROVED
        ),
        "kovalenko": factories.create_registration(
            event, given_name="Ірина", family_name="Коваленко", state=APPROVED
        ),
        "latin": factories.create_registration(
            event, given_name="Petro", family_name="Kovalenko", state=APPROVED
        ),
        "oleksii": factories.create_registration(
            event, given_name="Олексій", family_name="Данилюк", state=APPROVED
        ),
        "lefevre": factories.create_registration(
            event,
            given_name="Sébastien",
            family_name="Lefèvre",
            organisation="Ministère des Armées",
            state=APPROVED,
        ),
    }


def at_the_door(event, query):
    entrance = factories.create_checkpoint(event, name=f"Door {query}")
    return {m.registration.family_name for m in door_search(event, entrance, query)}


def in_the_list(event, query):
    return {r.family_name for r in search(event, ListFilter(q=query)).items}


def in_the_picker(event, query):
    return {r.family_name for r in search_registrations(event, query)}


@pytest.mark.parametrize("where", [at_the_door, in_the_list, in_the_picker])
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("shevchyshyn", {"Шевчишин"}),
        ("Shevchyshyn", {"Шевчишин"}),
        ("Шевчишин", {"Шевчишин"}),
        ("шевчиш", {"Шевчишин"}),
        ("taras shevch", {"Шевчишин"}),
        ("kovalenko", {"Коваленко", "Kovalenko"}),
        ("Коваленко", {"Коваленко", "Kovalenko"}),
        ("iryna kovalenko", {"Коваленко"}),
        ("Oleksiy", {"Данилюк"}),
        ("Oleksii danyl", {"Данилюк"}),
        ("LEFEVRE sebast", {"Lefèvre"}),
        ("Лефевр", {"Lefèvre"}),
        ("nobody", set()),
        ("%_%", set()),
    ],
)
def test_either_script_finds_either(event, people, where, query, found):
    assert where(event, query) == found


def test_a_name_is_matched_from_the_start_of_its_words(event, people):
    # The index finds words by their start: the middle of a name is not a match.
    assert at_the_door(event, "chyshyn") == set()
    assert in_the_list(event, "valenko") == set()


def test_the_door_never_matches_e_mail_but_officers_may(event):
    factories.create_registration(
        event, family_name="Dedonder", email="zelensky.office@example.org", state=APPROVED
    )
    assert at_the_door(event, "zelensky") == set()
    assert in_the_list(event, "zelensky") == {"Dedonder"}


def test_a_whole_e_mail_address_finds_that_address_only(event):
    for n, name in ((1, "Peeters"), (12, "Janssens")):
        factories.create_registration(event, family_name=name, email=f"desk{n}@example.org")
    assert in_the_list(event, "Desk12@Example.org") == {"Janssens"}
    assert in_the_list(event, "desk1@example.org") == {"Peeters"}
    assert in_the_list(event, "desk") == {"Peeters", "Janssens"}


def test_results_keep_their_order(event):
    for name in ("Коваль", "Kowalski", "Ковалишин"):
        factories.create_registration(event, family_name=name, state=APPROVED)
    entrance = factories.create_checkpoint(event, name="Entrance")
    names = [m.registration.family_name for m in door_search(event, entrance, "koval")]
    by_name = sa.select(Registration.family_name).order_by(Registration.family_name)
    assert names == list(db.session.scalars(by_name))  # by family name, as before


def test_the_door_api_finds_a_cyrillic_name_typed_in_latin(client, auth, event):
    entrance = factories.create_checkpoint(event, name="Entrance")
    factories.create_registration(
        event, given_name="Олександр", family_name="Камишин", state=APPROVED
    )
    staff = factories.create_user(Role.STAFF)
    staff.checkpoints.append(entrance)
    db.session.commit()
    auth.sign_in(staff.email)
    answer = client.get(f"/api/v1/search?q=kamyshyn&checkpoint={entrance.id}").get_json()
    assert [r["name"] for r in answer["results"]] == ["Олександр Камишин"]
    assert answer["results"][0]["allowed"] is True


def test_the_picker_lists_names_in_the_readers_alphabetical_order(event):
    for family in ("Яковенко", "Єрмак", "Іванов", "Їжак", "Гнатюк", "Andersson"):
        factories.create_registration(event, family_name=family, organisation="Kyiv Optics")
    db.session.commit()
    names = [r.family_name for r in search_registrations(event, "kyiv optics", language="uk")]
    assert names == ["Гнатюк", "Єрмак", "Іванов", "Їжак", "Яковенко", "Andersson"]
    names = [r.family_name for r in search_registrations(event, "kyiv optics", language="en")]
    assert names == ["Andersson", "Гнатюк", "Єрмак", "Іванов", "Їжак", "Яковенко"]
