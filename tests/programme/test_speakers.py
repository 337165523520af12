"""The public speaker list (forum/programme/speakers.py): who is on it and in which order."""

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
    assert [person.sort_key.split()[0] for person in listed] == [
        "Гончар",
        "Ґалаґан",
        "Євтушенко",
        "Іванова",
        "Їжакевич",
        "Яковенко",
    ]
