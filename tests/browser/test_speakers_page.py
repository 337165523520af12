"""The public speaker page as a visitor reads it: one order by family name in each language's
alphabet, and two initials where there is no photo."""

import pytest
from playwright.sync_api import expect

from forum.extensions import db
from forum.programme.models import SpeakerAssignment, SpeakerProfile, SpeakerRole
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "order"),
    [
        ("en", ["Anna Aalto", "Josep Borrell", "Dr Ludivine Dedonder", "Олена Бондаренко"]),
        # The title in the reader's language ("Dr" is "д-р").
        ("uk", ["Олена Бондаренко", "Anna Aalto", "Josep Borrell", "д-р Ludivine Dedonder"]),
    ],
)
def test_speakers_in_one_order_with_initials(live_server, page, event, language, order):
    event.programme_published = True
    session = factories.create_session(event, title="Air and missile defence")
    for title, name in [("", "Josep Borrell"), ("Dr", "Ludivine Dedonder")]:
        guest = SpeakerProfile(event_id=event.id, title=title, full_name=name)
        session.speakers.append(SpeakerAssignment(role=SpeakerRole.KEYNOTE, speaker_profile=guest))
    for given, family in [("Олена", "Бондаренко"), ("Anna", "Aalto")]:
        delegate = factories.create_registration(event, given_name=given, family_name=family)
        session.speakers.append(
            SpeakerAssignment(role=SpeakerRole.PANELLIST, registration=delegate)
        )
    db.session.commit()

    page.goto(f"{live_server}/language/{language}?next=/programme/speakers")
    cards = page.locator(".speaker-card")
    expect(cards.locator("h2")).to_have_text(order)
    dedonder = cards.filter(has_text="Dedonder")
    expect(dedonder.locator(".speaker-initials")).to_have_text("LD")  # not "DD": no title
    expect(cards.filter(has_text="Бондаренко").locator(".speaker-initials")).to_have_text("ОБ")
    screenshot(page, f"speakers-{language}")
