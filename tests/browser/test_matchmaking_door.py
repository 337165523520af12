"""The door and the meetings in a real browser, in English and in Ukrainian: a delegate sees
that their counterpart has arrived; the organisers release the table of a meeting whose
people have not come. Screenshots under bench/out/screenshots/."""

import pytest
from playwright.sync_api import expect

from forum.auth.models import Role
from forum.extensions import db
from forum.registration.models import OrganisationType
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_matchmaking import in_language
from tests.browser.test_programme import sign_in
from tests.checkin.conftest import badge, scan
from tests.matchmaking.conftest import eu, join
from tests.matchmaking.test_door import meet, today_forum  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "arrived": "Олена Шевчук has arrived: entered the venue at",
        "pill": "Arrived at",
        "today": "Today at the door",
        "missing": "Not in the venue yet",
        "release": "Release the table",
        "released": "The table is released; both people are told.",
        "rules": "Rules and blocks",
        "minutes": "Not in the venue this many minutes before a meeting",
    },
    "uk": {
        "arrived": "Олена Шевчук вже на місці: вхід о",
        "pill": "На місці з",
        "today": "Сьогодні на вході",
        "missing": "Ще не на місці",
        "release": "Звільнити стіл",
        "released": "Стіл звільнено; обидва учасники отримали повідомлення.",
        "rules": "Правила та блоки",
        "minutes": "За скільки хвилин до зустрічі",
    },
}


@pytest.mark.parametrize("language", ["en", "uk"])
def test_arrival_on_the_meetings_page_and_a_released_table(
    live_server,
    browser,
    today_forum,  # noqa: F811
    language,
):
    words = WORDS[language]
    asker = eu(
        today_forum, "Rhein Optronik GmbH", "DE", given_name="Sébastien", family_name="Laurent"
    )
    guest = join(
        today_forum,
        "Карпатська оптика",
        "UA",
        OrganisationType.UA_INDUSTRY,
        given_name="Олена",
        family_name="Шевчук",
    )
    late = eu(today_forum, "Baltic Optics", "LT", given_name="Jonas", family_name="Kazlauskas")
    absent = join(today_forum, "Львівська радіотехніка", given_name="Тарас", family_name="Мельник")
    meet(today_forum, asker, guest, "15:00", table=1)
    meet(today_forum, late, absent, "15:00", table=2)
    meet(today_forum, guest, late, "15:40", table=1)
    scan(today_forum, today_forum.entrance, badge(guest.registration))
    organiser = factories.create_user(role=Role.ORGANISER)
    db.session.commit()

    phone_context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = phone_context.new_page()
    sign_in(phone, live_server, asker.registration.email)
    in_language(phone, live_server, language)
    phone.goto(live_server + "/matchmaking")
    expect(phone.locator(".news")).to_contain_text(words["arrived"])
    expect(phone.locator(".mm-meeting", has_text="Олена Шевчук")).to_contain_text(words["pill"])
    screenshot(phone, f"matchmaking-arrived-phone-{language}")
    phone_context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, organiser.email)
    in_language(page, live_server, language)
    page.goto(live_server + "/organise/matchmaking")
    page.get_by_role("link", name=words["today"]).click()
    row = page.locator("tr", has_text="Тарас Мельник")
    expect(row).to_contain_text(words["missing"])
    screenshot(page, f"matchmaking-today-at-the-door-{language}")
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name=words["release"]).click()
    expect(page.get_by_role("status").first).to_contain_text(words["released"])
    expect(page.locator("tr", has_text="Тарас Мельник")).to_have_count(0)
    screenshot(page, f"matchmaking-today-released-{language}")
    page.get_by_role("link", name=words["rules"]).click()
    expect(page.get_by_label(words["minutes"])).to_have_value("15")
    screenshot(page, f"matchmaking-rules-{language}")
    context.close()
