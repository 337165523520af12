"""Names across scripts: passport Latin forms on the form and in the services, and
registrations of one person in two scripts."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from forum.auth.models import Role
from forum.extensions import db
from forum.registration import services
from forum.registration.models import Registration, RegistrationState
from forum.registration.names import latin_form, possible_duplicates
from forum.translit import browser_table, passport_latin
from tests import factories
from tests.registration.conftest import form_data

S = RegistrationState
PERSON = dict(
    title="",
    given_name="Олена",
    family_name="Шевчишин",
    phone="+380441234567",
    job_title="Engineer",
    organisation="Укроборонпром",
    organisation_type="ua_industry",
    country="UA",
    requested_category="delegate",
    dietary_needs="",
    accessibility_needs="",
    consent_list=False,
)


def register(event, email="olena@example.org", **changes):
    return services.register(event, {**PERSON, **changes}, email, "a long enough password", "uk")


def post(client, **changes):
    return client.post("/register", data=form_data(**changes), content_type="multipart/form-data")


# -- the services ---------------------------------------------------------------------------


def test_a_cyrillic_name_gets_its_passport_form_and_the_account_too(event, mailbox):
    registration = register(event)
    assert (registration.passport_given_name, registration.passport_family_name) == (
        "Olena",
        "Shevchyshyn",
    )
    assert registration.organisation_latin == "Ukroboronprom"
    assert registration.passport_name == "Olena Shevchyshyn"
    assert registration.user.full_name_latin == "Olena Shevchyshyn"


def test_a_corrected_passport_form_is_kept(event, mailbox):
    registration = register(event, passport_family_name="Shevchishin")
    assert registration.passport_family_name == "Shevchishin"


def test_a_latin_name_is_its_own_passport_form(event, mailbox):
    registration = register(
        event, given_name="Sébastien", family_name="Lecornu", passport_given_name="Sebastien"
    )
    assert registration.passport_name == "Sébastien Lecornu"


def test_changing_the_name_renews_a_suggestion_but_not_a_correction(event, mailbox):
    registration = register(event)
    services.update_person(
        registration, {**PERSON, "given_name": "Олеся", "passport_given_name": "Olena"}
    )
    assert registration.passport_given_name == "Olesia"  # the old suggestion, left as it was
    registration.passport_family_name = "Shevchishin"  # the delegate's own spelling
    services.update_person(
        registration,
        {**PERSON, "family_name": "Шевчишина", "passport_family_name": "Shevchishin"},
    )
    assert registration.passport_family_name == "Shevchishin"


def test_a_new_passport_form_sends_an_accredited_delegate_back_to_the_officers(event):
    registration = factories.create_registration(
        event, state=S.APPROVED, country="UA", **_identity()
    )
    db.session.flush()
    person = {**PERSON, "passport_family_name": "Shevchyshyn"}
    assert not services.needs_reaccreditation(registration, person)
    assert services.needs_reaccreditation(
        registration, {**person, "passport_family_name": "Schewtschyschyn"}
    )


def test_latin_form_rules():
    assert latin_form("Юлія") == "Yuliia"
    assert latin_form("Юлія", "Yulia") == "Yulia"
    assert latin_form("Claire", "Klara") == "Claire"
    assert latin_form("Ольга", "Olena", previous_name="Олена", previous_latin="Olena") == "Olha"


# -- the form -------------------------------------------------------------------------------


def test_the_form_asks_for_the_passport_form_of_a_cyrillic_name_and_fills_it(client, event):
    db.session.commit()
    page = client.get("/register").get_data(as_text=True)
    assert 'data-latin-of="given_name" hidden' in page  # nothing typed yet: not asked
    assert "js/latin-names.js" in page and "data-translit='" in page

    # A form sent back with an error shows the suggestion the POST would have stored.
    page = post(client, given_name="Юлія", family_name="Згурська", password_again="other")
    page = page.get_data(as_text=True)
    assert 'data-latin-of="given_name" hidden' not in page
    assert re.search(r'id="passport_given_name"[^>]*value="Yuliia"', page)
    assert re.search(r'id="passport_family_name"[^>]*value="Zghurska"', page)


def test_the_delegate_corrects_the_passport_form(client, event, mailbox):
    db.session.commit()
    response = post(client, family_name="Шевчишин", passport_family_name="Shevchishin")
    assert response.status_code == 302
    registration = db.session.scalar(sa.select(Registration))
    assert registration.passport_given_name == "Olena"  # left empty: the suggestion
    assert registration.passport_family_name == "Shevchishin"


@pytest.mark.parametrize(
    "field, language, message",
    [
        ("passport_family_name", "en", "Please write the name in Latin letters"),
        ("passport_family_name", "uk", "Напишіть імʼя латинськими літерами"),
        ("organisation_latin", "en", "Please write the name of your organisation in Latin"),
        ("organisation_latin", "uk", "Напишіть назву організації латинськими літерами"),
    ],
)
def test_a_passport_form_in_other_letters_is_refused(client, event, field, language, message):
    db.session.commit()
    client.get(f"/language/{language}")
    response = post(client, organisation="Укроборонпром", **{field: "Шевчишин"})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 0


def test_the_officers_see_both_forms(client, event, auth):
    registration = factories.create_registration(event, state=S.PENDING, **_identity())
    auth.as_role(Role.OFFICER)
    page = client.get(f"/accreditation/{registration.id}").get_data(as_text=True)
    assert "Олена Шевчишин" in page and "Olena Shevchyshyn" in page
    assert "Ukroboronprom" in page


# -- the script that suggests as the delegate types -------------------------------------------

NAMES = [
    "Олена",
    "Шевчишин",
    "Юлія",
    "Згурська",
    "Олексій",
    "Їжакевич",
    "Знамʼянка",
    "ЄВГЕН",
    "Марʼяна Іванівна-Петренко",
    "Сергей Щербаков",  # Russian: anyascii
    "Jörg Müller",
    "Ведмідь Ω",  # another script: left to the server
]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_script_spells_names_as_the_server_does():
    script = Path(__file__).parents[2] / "static" / "js" / "passport-latin.js"
    program = (
        f"import {{ passportLatin }} from {json.dumps(str(script))};"
        f"const table = {json.dumps(browser_table())};"
        f"console.log(JSON.stringify({json.dumps(NAMES)}.map((n) => passportLatin(n, table))));"
    )
    result = subprocess.run(
        ["node", "--input-type=module", "-e", program], capture_output=True, text=True, check=True
    )
    expected = [passport_latin(n) for n in NAMES[:-1]] + [None]
    assert json.loads(result.stdout) == expected


# -- duplicates across scripts ----------------------------------------------------------------


def _identity(**fields):
    return {
        "given_name": "Олена",
        "family_name": "Шевчишин",
        "organisation": "Укроборонпром",
        "email": "olena@ukroboronprom.example",
        **fields,
    }


def test_a_registration_in_another_script_is_a_possible_duplicate(event):
    cyrillic = factories.create_registration(event, state=S.PENDING, **_identity())
    latin = factories.create_registration(
        event,
        state=S.PENDING,
        **_identity(
            given_name="Olena",
            family_name="Shevchyshyn",
            organisation="Ukroboronprom",
            email="o.shevchyshyn@gmail.example",
        ),
    )
    same_domain = factories.create_registration(
        event,
        state=S.PENDING,
        **_identity(
            given_name="Olena",
            family_name="Shevchishin",
            organisation="Other JSC",
            email="shevchishin@ukroboronprom.example",
        ),
    )
    namesake = factories.create_registration(
        event,
        **_identity(organisation="Інша компанія", email="olena@other.example"),
    )
    withdrawn = factories.create_registration(
        event, state=S.WITHDRAWN, **_identity(email="old@ukroboronprom.example")
    )
    elsewhere = factories.create_registration(factories.create_event(), **_identity())
    db.session.flush()
    found = {(d.registration.id, d.reason) for d in possible_duplicates(cyrillic)}
    assert found == {(latin.id, "organisation"), (same_domain.id, "email_domain")}
    assert namesake.id and withdrawn.id and elsewhere.id  # none of them matches
    assert [d.registration.id for d in possible_duplicates(latin)] == [cyrillic.id]


def test_the_officer_is_warned_of_a_registration_in_another_script(client, event, auth):
    first = factories.create_registration(event, state=S.PENDING, **_identity())
    second = factories.create_registration(
        event,
        state=S.PENDING,
        **_identity(
            given_name="Olena",
            family_name="Shevchyshyn",
            organisation="Ukroboronprom",
            email="olena.s@ukroboronprom.example",
        ),
    )
    lone = factories.create_registration(event, state=S.PENDING, given_name="Claire")
    auth.as_role(Role.OFFICER)
    page = client.get(f"/accreditation/{second.id}").get_data(as_text=True)
    assert "Possible duplicate" in page
    assert f"/accreditation/{first.id}" in page
    page = client.get(f"/accreditation/{lone.id}").get_data(as_text=True)
    assert "Possible duplicate" not in page
