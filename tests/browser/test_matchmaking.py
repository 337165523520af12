"""B2B matchmaking in a real browser, in English and in Ukrainian: A finds B among the
suggestions and asks for a meeting; B accepts a time; both find the meeting in My agenda.
Screenshots under bench/out/screenshots/."""

import pytest
from playwright.sync_api import expect

from forum.extensions import db
from forum.registration.models import OrganisationType
from tests.browser.conftest import screenshot
from tests.browser.test_programme import sign_in
from tests.matchmaking.conftest import eu, forum, join  # noqa: F401  (the forum fixture)

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "nav": "Matchmaking",
        "suggested": "Suggested for you",
        "reason": "Offers what you seek: Air defence",
        "see": "See the profile and ask for a meeting",
        "ask": "Ask for a meeting",
        "message": "Your message",
        "send": "Send the request",
        "sent": "Your request was sent to Олена Шевчук.",
        "accept": "Accept and choose a time",
        "accept_button": "Accept the meeting",
        "confirmed": "Meeting confirmed with Sébastien Laurent",
        "agenda": "My agenda",
        "meeting_for_b": "B2B meeting: Sébastien Laurent (Rhein Optronik GmbH)",
        "meeting_for_a": "B2B meeting: Олена Шевчук (Карпатська оптика)",
        "accepted_notice": "Олена Шевчук accepted your request",
    },
    "uk": {
        "nav": "B2B-зустрічі",
        "suggested": "Рекомендовані для вас",
        "reason": "Пропонує те, що ви шукаєте: Протиповітряна оборона",
        "see": "Переглянути профіль і попросити про зустріч",
        "ask": "Попросити про зустріч",
        "message": "Ваше повідомлення",
        "send": "Надіслати запит",
        "sent": "Ваш запит надіслано: Олена Шевчук.",
        "accept": "Прийняти й вибрати час",
        "accept_button": "Прийняти зустріч",
        "confirmed": "Зустріч із Sébastien Laurent підтверджено",
        "agenda": "Мій розклад",
        "meeting_for_b": "Зустріч B2B: Sébastien Laurent (Rhein Optronik GmbH)",
        "meeting_for_a": "Зустріч B2B: Олена Шевчук (Карпатська оптика)",
        "accepted_notice": "Олена Шевчук приймає ваш запит",
    },
}


def in_language(page, live_server, language: str) -> None:
    page.goto(live_server + f"/language/{language}")
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", ["en", "uk"])
def test_request_accept_and_the_meeting_in_both_agendas(live_server, browser, forum, language):  # noqa: F811
    words = WORDS[language]
    a = eu(
        forum,
        "Rhein Optronik GmbH",
        "DE",
        seeks=("Air defence",),
        given_name="Sébastien",
        family_name="Laurent",
    )
    b = join(
        forum,
        "Карпатська оптика",
        "UA",
        OrganisationType.UA_INDUSTRY,
        offers=("Air defence",),
        given_name="Олена",
        family_name="Шевчук",
    )
    db.session.commit()

    first = browser.new_context(viewport={"width": 1280, "height": 900})
    page = first.new_page()
    sign_in(page, live_server, a.registration.email)
    in_language(page, live_server, language)
    page.get_by_role("navigation", name="Main" if language == "en" else "Основне меню").get_by_role(
        "link", name=words["nav"]
    ).click()
    page.get_by_role("link", name=words["suggested"]).first.click()
    card = page.locator(".profile-card", has_text="Карпатська оптика")
    expect(card).to_contain_text(words["reason"])
    screenshot(page, f"matchmaking-suggestions-{language}")
    card.get_by_role("link", name=words["see"]).click()
    page.get_by_label(words["message"]).fill("Interceptors for our radars?")
    screenshot(page, f"matchmaking-profile-{language}")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("status").first).to_contain_text(words["sent"])

    second = browser.new_context(viewport={"width": 390, "height": 844})  # B on a phone
    phone = second.new_page()
    sign_in(phone, live_server, b.registration.email)
    in_language(phone, live_server, language)
    phone.goto(live_server + "/matchmaking")
    request = phone.locator(".mm-received", has_text="Sébastien Laurent")
    expect(request).to_contain_text("Interceptors for our radars?")
    screenshot(phone, f"matchmaking-home-phone-{language}")
    request.get_by_role("link", name=words["accept"]).click()
    phone.locator(".slot-grid label").nth(2).click()  # the third time both have free
    screenshot(phone, f"matchmaking-accept-phone-{language}")
    phone.get_by_role("button", name=words["accept_button"]).click()
    expect(phone.get_by_role("status").first).to_contain_text(words["confirmed"])
    phone.goto(live_server + "/my/agenda")
    expect(phone.locator(".agenda-item", has_text=words["meeting_for_b"])).to_contain_text("14:40")
    screenshot(phone, f"matchmaking-agenda-phone-{language}")
    second.close()

    page.get_by_role("link", name=words["nav"]).first.click()
    expect(page.locator(".news")).to_contain_text(words["accepted_notice"])
    page.get_by_role("link", name=words["agenda"]).first.click()
    expect(page.locator(".agenda-item", has_text=words["meeting_for_a"])).to_contain_text("14:40")
    screenshot(page, f"matchmaking-agenda-{language}")
    first.close()
