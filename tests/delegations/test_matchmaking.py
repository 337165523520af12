"""A focal point writes the delegation's matchmaking profile and chooses who attends."""

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.delegations.models import DelegationMember
from forum.extensions import db
from forum.matchmaking.models import MatchProfile, Participant, Side
from forum.registration.models import OrganisationType, RegistrationState
from tests import factories
from tests.delegations.conftest import create_delegation
from tests.matchmaking.conftest import tag

NAME = "Ukrainian Armour Holding"


def member(event, delegation, n: int, **fields):
    user, registration = factories.create_delegate(
        event,
        organisation=NAME,
        organisation_type=OrganisationType.UA_INDUSTRY,
        country="UA",
        family_name=f"Шевченко{n}",
        **fields,
    )
    db.session.add(DelegationMember(delegation_id=delegation.id, registration_id=registration.id))
    db.session.flush()
    return user, registration


def profile_form(event, **changes) -> dict:
    data = {
        "offers": "Armoured vehicle repair in Ukraine",
        "offers_uk": "Ремонт бронетехніки в Україні",
        "seeks": "EU partners for spare parts",
        "offer_tags": [str(tag(event, "Armoured vehicles"))],
        "cooperation": ["partner"],
        "audience": "everyone",
    }
    data.update(changes)
    return data


def setting_up(event, auth):
    delegation = create_delegation(
        event, name=NAME, organisation_type=OrganisationType.UA_INDUSTRY, country="UA"
    )
    _user, accredited = member(event, delegation, 1)
    _user, pending = member(event, delegation, 2, state=RegistrationState.PENDING)
    _user, outsider = factories.create_delegate(event, organisation=NAME, family_name="Outsider")
    db.session.commit()
    auth.sign_in(delegation.focal_point.email)
    return delegation, accredited, pending, outsider


def test_a_focal_point_writes_the_profile_and_adds_an_accredited_member(client, auth, forum):
    delegation, accredited, pending, outsider = setting_up(forum, auth)
    page_url = f"/my/delegation/{delegation.id}/matchmaking"
    assert "B2B matchmaking" in client.get(f"/my/delegation/{delegation.id}").get_data(True)

    saved = client.post(page_url, data=profile_form(forum), follow_redirects=True)
    assert f"The matchmaking profile of {NAME} is saved." in saved.get_data(True)
    profile = db.session.scalar(sa.select(MatchProfile))
    assert (profile.organisation, profile.side, profile.managed_by_id) == (NAME, Side.UKRAINE, None)
    assert profile.offers_uk == "Ремонт бронетехніки в Україні"
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "matchmaking.profile_saved")
    )
    assert entry.actor_id == delegation.focal_point_id

    # Only the accredited member of the delegation can be added, not the pending one nor a
    # delegate of the same organisation outside the delegation.
    page = client.get(page_url).get_data(True)
    assert "Шевченко1" in page and "Шевченко2" not in page and "Outsider" not in page
    for refused in (pending, outsider):
        answer = client.post(f"{page_url}/members", data={"colleague": refused.id})
        assert answer.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 0
    client.post(f"{page_url}/members", data={"colleague": accredited.id})
    (participant,) = db.session.scalars(sa.select(Participant)).all()
    assert participant.registration_id == accredited.id and not participant.opted_in
    assert "Added, not taking part yet" in client.get(page_url).get_data(True)

    # The member opts in and takes part with the profile the focal point wrote; they manage it.
    client.post("/sign-out")
    assert auth.sign_in(accredited.email).status_code == 302
    opted = client.post("/matchmaking/opt-in", follow_redirects=True).get_data(True)
    assert "You take part in matchmaking." in opted, opted
    db.session.refresh(participant)
    db.session.refresh(profile)
    assert participant.opted_in and profile.managed_by_id == accredited.id
    own = client.get("/matchmaking/our-profile").get_data(True)
    assert "Armoured vehicle repair in Ukraine" in own


def test_a_focal_point_removes_a_member_and_cannot_touch_another_delegation(client, auth, forum):
    delegation, accredited, _pending, outsider = setting_up(forum, auth)
    page_url = f"/my/delegation/{delegation.id}/matchmaking"
    client.post(page_url, data=profile_form(forum))
    client.post(f"{page_url}/members", data={"colleague": accredited.id})
    profile = db.session.scalar(sa.select(MatchProfile))
    outsider_place = Participant(event_id=forum.id, registration=outsider, profile=profile)
    db.session.add(outsider_place)
    db.session.commit()
    member_place = db.session.scalar(
        sa.select(Participant).where(Participant.registration_id == accredited.id)
    )

    # Someone of the organisation outside the delegation is not the focal point's to remove.
    page = client.post(
        f"{page_url}/members/{outsider_place.id}/remove", follow_redirects=True
    ).get_data(True)
    assert "Only members of your delegation can be removed here." in page
    client.post(f"{page_url}/members/{member_place.id}/remove")
    remaining = db.session.scalars(sa.select(Participant.registration_id)).all()
    assert remaining == [outsider.id]

    other = create_delegation(forum, name="Another Works")
    db.session.commit()
    assert client.get(f"/my/delegation/{other.id}/matchmaking").status_code == 404
    assert client.post(f"/my/delegation/{other.id}/matchmaking/members").status_code == 404
    assert client.get("/matchmaking").status_code == 403  # the directory is not theirs


def test_the_profile_waits_until_matchmaking_opens(client, auth, event):
    delegation = create_delegation(event, name=NAME)
    db.session.commit()
    auth.sign_in(delegation.focal_point.email)
    page = client.get(f"/my/delegation/{delegation.id}/matchmaking").get_data(True)
    assert "Matchmaking is not open yet." in page
    client.post(
        f"/my/delegation/{delegation.id}/matchmaking",
        data={"offers": "x", "audience": "everyone"},
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MatchProfile)) == 0
    assert "B2B matchmaking" not in client.get(f"/my/delegation/{delegation.id}").get_data(True)


def test_other_roles_get_no_focal_point_matchmaking_page(client, auth, event):
    delegation = create_delegation(event, name=NAME)
    db.session.commit()
    for role in (Role.DELEGATE, Role.OFFICER, Role.ORGANISER):
        auth.as_role(role)
        assert client.get(f"/my/delegation/{delegation.id}/matchmaking").status_code == 403
