"""The public speaker list (forum/programme/speakers.py): who is on it and in which order."""

from forum.auth.models import Role
from forum.extensions import db
from forum.programme import speakers
from forum.programme.models import SpeakerAssignment, SpeakerProfile, SpeakerRole
from tests import factories


def test_public_speakers_sort_in_ukrainian_alphabetical_order(programme, room):
    session = factories.create_session(programme, room=room)
    for name in ["Яковенко", "Їжакевич", "Ґалаґан"]:
        guest = SpeakerProfile(event_id=programme.id, full_name=name)
        session.speakers.append(
            SpeakerAssignment(role=SpeakerRole.PANELLIST, speaker_profile=guest)
        )
    for family_name in ["Іванова", "Гончар", "Євтушенко"]:
        delegate = factories.create_registration(
            programme, given_name="Олена", family_name=family_name
        )
        session.speakers.append(
            SpeakerAssignment(role=SpeakerRole.PANELLIST, registration=delegate)
        )
    db.session.flush()
    listed = speakers.public_speakers(programme, [session])
    assert [person.sort_key[0] for person in listed] == [
        "Гончар",
        "Ґалаґан",
        "Євтушенко",
        "Іванова",
        "Їжакевич",
        "Яковенко",
    ]


def test_guests_and_delegates_share_one_order_by_family_name(programme, room):
    session = factories.create_session(programme, room=room)
    for full_name in ["Josep Borrell", "Dr Ludivine Dedonder", "Thierry Breton"]:
        guest = SpeakerProfile(event_id=programme.id, full_name=full_name)
        session.speakers.append(
            SpeakerAssignment(role=SpeakerRole.PANELLIST, speaker_profile=guest)
        )
    for given, family in [("Anna", "Aalto"), ("Oleksandr", "Kamyshin"), ("Олена", "Бондаренко")]:
        delegate = factories.create_registration(programme, given_name=given, family_name=family)
        session.speakers.append(
            SpeakerAssignment(role=SpeakerRole.PANELLIST, registration=delegate)
        )
    db.session.flush()
    english = [p.sort_key[0] for p in speakers.public_speakers(programme, [session], "en")]
    assert english == ["Aalto", "Borrell", "Breton", "Dedonder", "Kamyshin", "Бондаренко"]
    # Ukrainian readers find Cyrillic names first (CLDR uk reorders the scripts).
    ukrainian = [p.sort_key[0] for p in speakers.public_speakers(programme, [session], "uk")]
    assert ukrainian == ["Бондаренко", "Aalto", "Borrell", "Breton", "Dedonder", "Kamyshin"]


def test_initials_are_two_letters_of_given_and_family_name_never_a_title():
    assert speakers.initials_of("Dr Ludivine Dedonder") == "LD"
    assert speakers.initials_of("H.E. Josep Borrell Fontelles") == "JF"
    assert speakers.initials_of("Jean-Claude", "Juncker") == "JJ"
    assert speakers.initials_of("д-р Олександр Камишин") == "ОК"
    assert speakers.initials_of("Prof.") == "P"  # a name that is only a title stays itself


def test_the_guest_speakers_page_finds_a_guest_in_either_script_and_sorts_them(
    client, auth, programme
):
    for name, organisation in [
        ("Олександр Камишин", "Міністерство з питань стратегічних галузей"),
        ("Josep Borrell", "European External Action Service"),
        ("Єва Ярош", "Ukroboronprom"),
    ]:
        db.session.add(
            SpeakerProfile(event_id=programme.id, full_name=name, organisation=organisation)
        )
    db.session.commit()
    auth.as_role(Role.ORGANISER)

    def listed(query: str = "") -> list[str]:
        text = client.get("/organise/speakers", query_string={"q": query}).get_data(True)
        names = ("Олександр Камишин", "Josep Borrell", "Єва Ярош")
        return sorted((n for n in names if n in text), key=text.index)

    assert listed("kamyshyn") == ["Олександр Камишин"]
    assert listed("Камиш") == ["Олександр Камишин"]
    assert listed("european external") == ["Josep Borrell"]
    assert listed("зззз") == []
    assert listed() == ["Josep Borrell", "Єва Ярош", "Олександр Камишин"]
    with client.session_transaction() as browser:
        browser["lang"] = "uk"  # in Ukrainian, Cyrillic first, Є before О
    assert listed() == ["Єва Ярош", "Олександр Камишин", "Josep Borrell"]
