"""The search terms follow every change to a person: creation, edits, erasure, deletion."""

import sqlalchemy as sa

from forum.extensions import db
from forum.privacy.services import anonymise_registration
from forum.programme.models import SpeakerProfile
from forum.search.keys import next_prefix, words_of
from forum.search.models import SearchTerm, TermField
from tests import factories


def terms(**owner) -> set[tuple[str, str]]:
    ((column, value),) = owner.items()
    rows = db.session.execute(
        sa.select(SearchTerm.field, SearchTerm.term).where(getattr(SearchTerm, column) == value)
    )
    return {(str(field), term) for field, term in rows}


def test_a_registration_is_stored_as_the_keys_of_its_words(event):
    person = factories.create_registration(
        event,
        given_name="Олексій",
        family_name="Шевчишин",
        email="o.shev@mod.gov.ua",
        organisation="Укроборонпром",
    )
    stored = terms(registration_id=person.id)
    assert {("name", "oleksi"), ("name", "shevchishin")} <= stored
    assert ("organisation", "ukroboronprom") in stored
    assert ("email", "shev") in stored


def test_a_name_edit_replaces_the_terms(event):
    person = factories.create_registration(event, given_name="Ivan", family_name="Petrenko")
    db.session.commit()
    person.family_name = "Шевчишин"
    person.passport_family_name = "Shevchyshyn"
    db.session.commit()
    names = {term for field, term in terms(registration_id=person.id) if field == "name"}
    assert "shevchishin" in names and "petrenko" not in names


def test_an_unrelated_change_leaves_the_terms_alone(event):
    person = factories.create_registration(event, family_name="Petrenko")
    db.session.commit()
    ids = set(db.session.scalars(sa.select(SearchTerm.id)))
    person.dietary_needs = "vegetarian"
    db.session.commit()
    assert set(db.session.scalars(sa.select(SearchTerm.id))) == ids


def test_an_erased_registration_leaves_no_terms(event):
    person = factories.create_registration(event, given_name="Тарас", family_name="Шевчишин")
    db.session.commit()
    anonymise_registration(person)
    db.session.commit()
    assert terms(registration_id=person.id) == set()


def test_a_deleted_person_takes_the_terms_along(event):
    person = factories.create_registration(event, family_name="Petrenko")
    db.session.commit()
    db.session.delete(person)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchTerm)) == 0


def test_guest_speakers_and_accounts_have_terms(event):
    profile = SpeakerProfile(event_id=event.id, full_name="Юлія Свириденко", organisation="")
    db.session.add(profile)
    user = factories.create_user(full_name="Олена Згурська")
    db.session.commit()
    assert ("name", "iulia") in terms(speaker_profile_id=profile.id)
    assert ("name", "zhurska") in terms(user_id=user.id)
    profile.full_name = "Yulia Svyrydenko"
    db.session.commit()
    assert {t for _f, t in terms(speaker_profile_id=profile.id)} == {"iulia", "sviridenko"}
    account = db.session.get(type(user), user.id)
    assert (
        db.session.scalar(
            sa.select(SearchTerm.event_id).where(SearchTerm.user_id == account.id).limit(1)
        )
        is None
    )
    assert TermField.EMAIL in {
        f
        for f in db.session.scalars(
            sa.select(SearchTerm.field).where(SearchTerm.user_id == user.id)
        )
    }


def test_keys_and_ranges():
    assert words_of("Олександр Камишин", "") == {"oleksandr", "kamishin"}
    assert next_prefix("shev") == "shew"
    assert next_prefix("abz") == "ac"
    assert next_prefix("zz") is None
