"""The organisers' set-up: blocks cut into slots, slot length, tables and the tag list."""

from datetime import timedelta

import pytest

from forum.matchmaking import booking, meeting_requests, setup
from forum.matchmaking.errors import MatchmakingError
from tests.matchmaking.conftest import at, eu, join


def times(event) -> list[str]:
    return [f"{s.starts_at.astimezone(event.tz):%H:%M}" for s in setup.slots_of(event)]


def test_blocks_are_cut_into_slots_of_the_set_length(forum):
    assert times(forum) == ["14:00", "14:20", "14:40", "15:00", "15:20", "15:40"]
    setup.add_block(forum, at(forum, "17:00"), at(forum, "17:50"))  # 10 minutes left over
    assert times(forum)[-2:] == ["17:00", "17:20"]


def test_blocks_must_be_on_the_forum_day_in_order_and_apart(forum):
    with pytest.raises(MatchmakingError, match="end after it starts"):
        setup.add_block(forum, at(forum, "18:00"), at(forum, "17:00"))
    with pytest.raises(MatchmakingError, match="overlaps another block"):
        setup.add_block(forum, at(forum, "15:30"), at(forum, "16:30"))
    eve = forum.starts_on - timedelta(days=1)
    with pytest.raises(MatchmakingError, match="one of the forum's days"):
        setup.add_block(forum, at(forum, "10:00", eve), at(forum, "11:00", eve))
    with pytest.raises(MatchmakingError, match="at least one slot of 20 minutes"):
        setup.add_block(forum, at(forum, "18:00"), at(forum, "18:10"))


def test_a_new_slot_length_keeps_nothing_it_would_drop_under_a_meeting(forum, before):
    a, b = eu(forum), join(forum)
    slot = setup.slots_of(forum)[1]  # 14:20
    booking.accept(
        forum, meeting_requests.send_request(forum, a, b.id, "Meet?", before).id, b, slot.id, before
    )
    data = setup.SettingsData(True, 30, 8, 10, 48, None, 3)
    with pytest.raises(MatchmakingError, match="remove slots where meetings are set"):
        setup.save_settings(forum, data)
    with pytest.raises(MatchmakingError, match="Meetings are set in this block"):
        setup.remove_block(forum, slot.block_id)
    data.slot_minutes = 20
    data.table_count = 5
    setup.save_settings(forum, data)
    assert [t.number for t in setup.tables_of(forum)] == [1, 2, 3, 4, 5]


def test_tables_holding_meetings_stay(forum, before):
    a, b = eu(forum), join(forum)
    third = setup.tables_of(forum)[2]
    booking.place(forum, a.id, b.id, setup.slots_of(forum)[0].id, before, third.id)
    with pytest.raises(MatchmakingError, match="tables above number 2"):
        setup.set_table_count(forum, 2)


def test_tags_in_both_languages_unique_and_the_usual_list_once(forum):
    assert setup.add_usual_tags(forum) == 0  # the forum fixture added them already
    tag = setup.save_tag(forum, None, "Naval drones", "Морські дрони")
    with pytest.raises(MatchmakingError, match="already a tag"):
        setup.save_tag(forum, None, "naval DRONES", "")
    with pytest.raises(MatchmakingError, match="already a tag"):
        setup.save_tag(forum, None, "Sea drones", "Морські дрони")
    setup.save_tag(forum, tag, "Sea drones", "Морські дрони")
    assert tag.localized("label", "uk") == "Морські дрони"
    setup.delete_tag(forum, tag.id)
    assert "Sea drones" not in [t.label for t in setup.tags_of(forum)]
