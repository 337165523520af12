"""The directory: need to know, search across scripts, filters, and suggestions with reasons."""

from forum.extensions import db
from forum.matchmaking import directory, meeting_requests, profiles, suggestions
from forum.matchmaking.models import Audience
from forum.registration.models import OrganisationType, RegistrationState
from tests.matchmaking.conftest import eu, join, tag


def names(event, viewer, **filters) -> list[str]:
    found = directory.search(event, viewer, directory.DirectoryFilter(**filters))
    return [card.profile.organisation for card in found.cards]


def test_a_profile_is_seen_only_by_people_who_take_part_and_on_the_sides_it_chose(forum):
    viewer_eu = eu(forum, "Vistula Armaments S.A.")
    viewer_ua = join(forum, "Kyiv Drone Works")
    viewer_other = join(forum, "Oslo Subsea Defence AS", "NO", OrganisationType.PARTNER)
    eu(forum, "Open to all GmbH", "DE")
    eu(forum, "Only Ukraine GmbH", "DE", audience=Audience.UKRAINE)
    join(forum, "Тільки ЄС", audience=Audience.EU)
    # Nobody of this organisation takes part any more: it is not listed.
    gone = eu(forum, "Gone SAS", "FR")
    profiles.opt_out(forum, gone)
    # Its only person is no longer accredited: not listed either.
    suspended = eu(forum, "Suspended SRL", "RO")
    suspended.registration.state = RegistrationState.PENDING
    db.session.flush()

    assert names(forum, viewer_eu) == [
        "Kyiv Drone Works",
        "Open to all GmbH",
        "Oslo Subsea Defence AS",
        "Тільки ЄС",
    ]
    assert names(forum, viewer_ua) == [
        "Only Ukraine GmbH",
        "Open to all GmbH",
        "Oslo Subsea Defence AS",
        "Vistula Armaments S.A.",
    ]
    assert names(forum, viewer_other) == [
        "Kyiv Drone Works",
        "Open to all GmbH",
        "Vistula Armaments S.A.",
    ]


def test_search_finds_across_scripts_in_names_texts_tags_and_people(forum):
    viewer = eu(forum)
    join(
        forum,
        "Полтавські оборонні системи",
        offers=("Armoured vehicles",),
        given_name="Олена",
        family_name="Шевчук",
    )
    join(forum, "Kyiv Drone Works", offers=("Missiles and drone munitions",))
    assert names(forum, viewer, q="poltavski") == ["Полтавські оборонні системи"]
    assert (
        names(forum, viewer, q="Шевчук")
        == names(forum, viewer, q="shevchuk")
        == ["Полтавські оборонні системи"]
    )
    assert names(forum, viewer, q="київ") == ["Kyiv Drone Works"]
    assert names(forum, viewer, q="броньована") == [
        "Полтавські оборонні системи"
    ]  # a tag, in Ukrainian
    assert names(forum, viewer, q="drone works") == ["Kyiv Drone Works"]
    assert names(forum, viewer, q="drone poltava") == []  # every word must match


def test_filters_by_tag_country_type_and_side(forum):
    viewer = join(forum, "Kyiv Drone Works")
    eu(forum, "Rhein Optronik GmbH", "DE", offers=("Air defence",))
    eu(forum, "Ardennes Munitions SA", "BE", seeks=("Air defence",))
    join(forum, "UK Comms Ltd", "GB", OrganisationType.PARTNER)
    join(forum, "Dnipro Rocket Systems", offers=("Ammunition",))
    assert names(forum, viewer, tag_id=tag(forum, "Air defence")) == [
        "Ardennes Munitions SA",
        "Rhein Optronik GmbH",
    ]
    assert names(forum, viewer, country="DE") == ["Rhein Optronik GmbH"]
    assert names(forum, viewer, organisation_type="partner") == ["UK Comms Ltd"]
    assert names(forum, viewer, side="ukraine") == ["Dnipro Rocket Systems"]
    assert names(forum, viewer, side="eu", q="munitions") == ["Ardennes Munitions SA"]


def test_the_directory_is_alphabetical_in_the_ukrainian_order_and_paged(forum):
    viewer = eu(forum)
    for name in ["Гончар", "Ґалаґан", "Ярина", "Єва", "Abc"]:
        join(forum, name)
    assert names(forum, viewer) == ["Abc", "Гончар", "Ґалаґан", "Єва", "Ярина"]
    for n in range(directory.PER_PAGE):
        join(forum, f"Company {n:02d}")
    second = directory.search(forum, viewer, directory.DirectoryFilter(page=2))
    assert (second.total, second.page, second.pages, len(second.cards)) == (25, 2, 2, 5)


def test_suggestions_rank_by_offers_and_needs_and_say_why(forum):
    viewer = eu(forum, offers=("Ammunition",), seeks=("Air defence", "Repair and maintenance"))
    best = join(
        forum,
        "Karpaty Air Defence",
        offers=("Air defence", "Repair and maintenance"),
        seeks=("Ammunition",),
    )
    join(forum, "Somewhat Ltd", offers=("Repair and maintenance",))
    eu(forum, "Unrelated GmbH", "DE", offers=("Cyber",), seeks=("Space",))
    found = suggestions.suggestions_for(forum, viewer, "en")
    assert [s.card.profile.organisation for s in found] == ["Karpaty Air Defence", "Somewhat Ltd"]
    assert found[0].score > found[1].score
    reasons = found[0].reasons
    assert "Offers what you seek: Air defence, Repair and maintenance" in reasons
    assert "Seeks what you offer: Ammunition" in reasons
    assert "An EU–Ukrainian pair" in reasons
    assert best.profile.id == found[0].card.profile.id
    uk = suggestions.suggestions_for(forum, viewer, "uk")
    assert "Протиповітряна оборона" in " ".join(uk[0].reasons)


def test_suggestions_read_the_texts_too_and_leave_out_people_already_asked(forum, before):
    viewer = eu(forum, seeks=())
    viewer.profile.seeks = "We need interceptors and radars."
    profiles.refresh_keys(viewer.profile)
    text = join(forum, "Text Only Works")
    text.profile.offers = "Interceptors for drones"
    profiles.refresh_keys(text.profile)
    db.session.flush()
    found = suggestions.suggestions_for(forum, viewer, "en")
    assert [s.card.profile.organisation for s in found] == ["Text Only Works"]
    assert "Their offer mentions what you seek: interceptors" in found[0].reasons
    meeting_requests.send_request(forum, viewer, text.id, "Meet?", before)
    assert suggestions.suggestions_for(forum, viewer, "en") == []
