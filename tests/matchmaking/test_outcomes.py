"""After a meeting each side records what came of it, privately; the organisers see counts
by outcome, by capability and by pair of countries."""

import pytest

from forum.matchmaking import booking, meeting_requests, outcomes, reports, setup
from forum.matchmaking.agenda import meetings_of
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import Outcome
from tests.matchmaking.conftest import at, eu, join


def test_outcomes_are_private_and_counted_without_names(forum, before):
    a = eu(forum, offers=("Ammunition",))
    b = join(forum, seeks=("Ammunition",))
    c = eu(forum, "Rhein Optronik GmbH", "DE", offers=("Air defence",))
    slot = setup.slots_of(forum)[0]
    first = booking.accept(
        forum, meeting_requests.send_request(forum, a, b.id, "Meet?", before).id, b, slot.id, before
    )
    second = booking.accept(
        forum, meeting_requests.send_request(forum, c, b.id, "Meet?", before).id, b, None, before
    )
    with pytest.raises(MatchmakingError, match="once it has begun"):
        outcomes.record_outcome(forum, a, first.id, "mou", before)
    after = at(forum, "16:00")
    outcomes.record_outcome(forum, a, first.id, "mou", after)
    outcomes.record_outcome(forum, b, first.id, "follow_up", after)
    outcomes.record_outcome(forum, b, second.id, "nda", after)
    with pytest.raises(MatchmakingError, match="Choose one of the outcomes"):
        outcomes.record_outcome(forum, b, second.id, "married", after)
    with pytest.raises(MatchmakingError, match="does not exist"):
        outcomes.record_outcome(forum, a, second.id, "nda", after)  # not a's meeting

    # Each sees their own answer only.
    [mine] = [m for m in meetings_of(a) if m.meeting.id == first.id]
    [theirs] = [m for m in meetings_of(b) if m.meeting.id == first.id]
    assert (mine.seat.outcome, theirs.seat.outcome) == (Outcome.MOU, Outcome.FOLLOW_UP)

    report = reports.outcome_report(forum, "en")
    assert report.recorded == 3
    assert report.by_outcome[Outcome.MOU] == report.by_outcome[Outcome.NDA] == 1
    by_tag = {tag.label: counts for tag, counts in report.by_tag}
    assert by_tag["Ammunition"][Outcome.MOU] == 1 and by_tag["Ammunition"][Outcome.FOLLOW_UP] == 1
    assert by_tag["Air defence"][Outcome.NDA] == 1
    assert dict(report.by_country_pair)[("PL", "UA")][Outcome.MOU] == 1
    assert dict(report.by_country_pair)[("DE", "UA")][Outcome.NDA] == 1
    counts = reports.counts(forum, after)
    assert (counts.meetings, counts.held, counts.total_requests) == (2, 2, 2)
