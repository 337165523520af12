"""Taking part: only accredited delegates, by their own choice, one profile per organisation
managed by the delegate who made it, colleagues added by the manager, leaving."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.matchmaking import booking, meeting_requests, profiles, setup
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.meeting_models import MeetingSeat, Notice, RequestState
from forum.matchmaking.models import Side
from forum.matchmaking.privacy import matchmaking_export
from forum.registration import decisions
from forum.registration.models import OrganisationType, Registration, RegistrationState
from tests import factories
from tests.matchmaking.conftest import eu, join


@pytest.mark.parametrize("state", [RegistrationState.PENDING, RegistrationState.WAITLISTED])
def test_only_accredited_delegates_take_part(forum, state):
    _user, registration = factories.create_delegate(forum, state=state)
    with pytest.raises(MatchmakingError, match="accredited delegates only"):
        profiles.opt_in(forum, registration)


def test_nobody_takes_part_while_the_organisers_keep_it_closed(forum):
    setup.settings_of(forum).open = False
    _user, registration = factories.create_delegate(forum)
    with pytest.raises(MatchmakingError, match="not open yet"):
        profiles.opt_in(forum, registration)


def test_the_profile_is_the_organisations_as_accredited_and_its_side_follows(forum):
    ukrainian = join(forum, "Полтавські оборонні системи", "UA", OrganisationType.UA_INDUSTRY)
    polish = eu(forum)
    partner = join(forum, "Oslo Subsea Defence AS", "NO", OrganisationType.PARTNER)
    assert ukrainian.profile.organisation == "Полтавські оборонні системи"
    assert ukrainian.profile.organisation_latin == "Poltavski oboronni systemy"
    assert [p.profile.side for p in (ukrainian, polish, partner)] == [
        Side.UKRAINE,
        Side.EU,
        Side.OTHER,
    ]
    assert ukrainian.profile.managed_by_id == ukrainian.registration_id


def test_a_colleague_joins_only_when_the_manager_adds_them_and_they_opt_in(forum):
    manager = eu(forum, "Vistula Armaments S.A.")
    _user, colleague = factories.create_delegate(forum, organisation="VISTULA armaments s.a.")
    _user, stranger = factories.create_delegate(forum, organisation="Rhein Optronik GmbH")
    with pytest.raises(MatchmakingError, match="managed by .*ask them to add you"):
        profiles.opt_in(forum, colleague)
    assert profiles.colleagues_to_add(forum, manager.profile) == [colleague]
    with pytest.raises(MatchmakingError, match="Only accredited delegates of your organisation"):
        profiles.add_colleague(forum, manager.profile, manager.registration, stranger.id)
    added = profiles.add_colleague(forum, manager.profile, manager.registration, colleague.id)
    assert not added.opted_in
    notice = db.session.scalar(sa.select(Notice).where(Notice.participant_id == added.id))
    assert notice.kind == "added"
    joined = profiles.opt_in(forum, colleague)
    assert joined.id == added.id and joined.opted_in
    assert manager.profile.managed_by_id == manager.registration_id  # still the manager's


def test_only_the_manager_changes_the_profile(forum):
    manager = eu(forum)
    _user, colleague = factories.create_delegate(forum, organisation=manager.profile.organisation)
    profiles.add_colleague(forum, manager.profile, manager.registration, colleague.id)
    profiles.opt_in(forum, colleague)
    with pytest.raises(MatchmakingError, match="Only the person who manages"):
        profiles.save_profile(
            forum,
            manager.profile,
            colleague,
            profiles.ProfileData("x", "", "", "", "", "", [], [], [], manager.profile.audience),
        )


def test_opting_out_cancels_meetings_closes_requests_and_tells_the_other_side(forum, before):
    a, b, c, d = (
        eu(forum),
        join(forum),
        join(forum, "Dnipro Rocket Systems"),
        join(forum, "Kharkiv Armour Repair"),
    )
    meeting_request = meeting_requests.send_request(forum, a, b.id, "Meet?", before)
    booking.accept(forum, meeting_request.id, b, None, before)
    asked = meeting_requests.send_request(forum, a, c.id, "Meet?", before)
    asking = meeting_requests.send_request(forum, d, a.id, "Meet?", before)
    profiles.opt_out(forum, a)
    assert not a.opted_in
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingSeat)) == 0
    assert (meeting_request.state, asked.state, asking.state) == (
        RequestState.CANCELLED,
        RequestState.WITHDRAWN,
        RequestState.DECLINED,
    )
    for other in (b, c, d):
        kinds = db.session.scalars(sa.select(Notice.kind).where(Notice.participant_id == other.id))
        assert "left" in list(kinds)
    assert a.profile.managed_by_id is None  # nobody else of the organisation takes part


def test_a_withdrawn_registration_leaves_matchmaking_in_the_same_transaction(forum, before):
    a, b = eu(forum), join(forum)
    booking.accept(
        forum, meeting_requests.send_request(forum, a, b.id, "Meet?", before).id, b, None, before
    )
    registration_id = a.registration_id
    decisions.withdraw(a.registration)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingSeat)) == 0
    # Their data leaves matchmaking with them (the other side was told first).
    assert profiles.participant_of(db.session.get(Registration, registration_id)) is None
    kinds = db.session.scalars(sa.select(Notice.kind).where(Notice.participant_id == b.id))
    assert "left" in list(kinds)


def test_the_delegates_copy_of_their_data_holds_their_matchmaking(forum, before, client):
    a, b = eu(forum, offers=("Ammunition",)), join(forum)
    request = meeting_requests.send_request(forum, a, b.id, "Shells for your howitzers?", before)
    booking.accept(forum, request.id, b, None, before)
    data = matchmaking_export(a.registration)
    assert data["profile"]["offers_tags"] == ["Ammunition"] and data["manages_the_profile"]
    assert data["requests"][0]["message"] == "Shells for your howitzers?"
    assert data["meetings"][0]["with"] == b.registration.display_name
    assert b.registration.email not in str(data)
    assert matchmaking_export(factories.create_registration(forum)) is None
