"""Delegation pages: organisers create and import, focal points manage only their own,
officers decide a whole delegation, the delegation's badges print together."""

import sqlalchemy as sa

from forum.auth.models import Role, User
from forum.delegations import members
from forum.delegations.models import Delegation, DelegationMember, EventQuota, QuotaKind
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from tests import factories
from tests.badges.conftest import pdf_pages, pdf_text
from tests.delegations.conftest import create_delegation, person

S = RegistrationState


def delegation_form(**changes) -> dict:
    data = {
        "name": "Міністерство з питань стратегічних галузей промисловості України",
        "name_latin": "Ministry of Strategic Industries of Ukraine",
        "organisation_type": "ua_government",
        "country": "UA",
        "quota": "4",
        "share_vip": "1",
        "focal_point_name": "Оксана Мельник",
        "focal_point_email": "o.melnyk@mspu.example.gov.ua",
        "locale": "uk",
    }
    data.update(changes)
    return data


def test_an_organiser_creates_a_delegation_and_its_focal_point_sets_a_password(
    app, client, auth, event, mailbox
):
    auth.as_role(Role.ORGANISER)
    response = client.post("/delegations/new", data=delegation_form())
    assert response.status_code == 302, response.data
    delegation = db.session.scalar(sa.select(Delegation))
    assert delegation.quota == 4 and delegation.category_limits() == {"vip": 1}
    focal_point = db.session.scalar(sa.select(User).where(User.role == Role.FOCAL_POINT))
    assert focal_point.email == "o.melnyk@mspu.example.gov.ua" and focal_point.password_hash is None
    (mail,) = mailbox.to("o.melnyk@mspu.example.gov.ua")
    assert "Міністерство" in mail["Subject"]  # in the focal point's language
    link = mailbox.link(mail, "/delegation/welcome/")
    auth.sign_out()

    assert client.get(link).status_code == 200
    password = "a long enough password"
    response = client.post(link, data={"password": password, "password_again": password})
    assert response.status_code == 302
    assert client.get(link).status_code == 400  # used up
    response = auth.sign_in("o.melnyk@mspu.example.gov.ua", password)
    assert response.headers["Location"].endswith("/my/delegation")
    page = client.get("/my/delegation", follow_redirects=True)
    assert "0 of 4 places taken" in page.data.decode()


def test_the_same_name_twice_and_a_staff_address_are_refused(client, auth, event):
    organiser = auth.as_role(Role.ORGANISER)
    create_delegation(event, name="Company X")
    db.session.commit()
    page = client.post("/delegations/new", data=delegation_form(name="company x"))
    assert b"exists already" in page.data
    page = client.post("/delegations/new", data=delegation_form(focal_point_email=organiser.email))
    assert b"account of another kind" in page.data
    assert db.session.scalar(sa.select(sa.func.count(Delegation.id))) == 1


def sign_in_focal_point(auth, delegation):
    response = auth.sign_in(delegation.focal_point.email)
    assert response.status_code == 302


def test_a_focal_point_invites_and_sees_the_members_state(client, auth, event, mailbox):
    delegation = create_delegation(event, quota=2)
    db.session.commit()
    sign_in_focal_point(auth, delegation)
    data = {**person(1), "category": "delegate"}
    response = client.post(f"/my/delegation/{delegation.id}/invite", data=data)
    assert response.status_code == 302, response.data
    page = client.get(f"/my/delegation/{delegation.id}").data.decode()
    assert "Шевченко1" in page and "registration not completed yet" in page
    assert mailbox.to("member1@mil.example.org")


def test_a_focal_point_registers_on_behalf_and_can_hand_over_the_link(client, auth, event):
    delegation = create_delegation(event, quota=2)
    db.session.commit()
    sign_in_focal_point(auth, delegation)
    data = {**person(1), "phone": "+380 44 123 4567", "job_title": "Adviser"}
    response = client.post(f"/my/delegation/{delegation.id}/register", data=data)
    assert response.status_code == 302, response.data
    page = client.get(f"/my/delegation/{delegation.id}").data.decode()
    assert "awaiting their confirmation" in page and "/invitation/" in page
    auth.sign_out()
    auth.as_role(Role.OFFICER)
    page = client.get(f"/delegations/{delegation.id}").data.decode()
    assert "Registered by the focal point: awaiting their confirmation" in page


def test_a_full_delegation_refuses_on_the_page_and_keeps_nothing(client, auth, event):
    delegation = create_delegation(event, quota=1)
    members.invite_member(delegation, person(1), delegation.focal_point)
    db.session.commit()
    sign_in_focal_point(auth, delegation)
    page = client.post(f"/my/delegation/{delegation.id}/invite", data=person(2))
    assert page.status_code == 200 and b"all its 1 places" in page.data
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1


def test_a_focal_point_never_sees_another_delegation(client, auth, event):
    mine = create_delegation(event, name="Company X")
    theirs = create_delegation(event, name="Company Y")
    their_member = members.invite_member(theirs, person(9), theirs.focal_point)
    db.session.commit()
    sign_in_focal_point(auth, mine)
    base = f"/my/delegation/{theirs.id}"
    for path in (
        base,
        f"{base}/invite",
        f"{base}/register",
        f"{base}/members/{their_member.id}/replace",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"{base}/members/{their_member.id}/remove").status_code == 404
    # A member of the other delegation through one's own delegation's address: not found either.
    own = f"/my/delegation/{mine.id}/members/{their_member.id}"
    assert client.get(f"{own}/replace").status_code == 404
    assert client.post(f"{own}/remove").status_code == 404
    db.session.refresh(their_member.registration)
    assert their_member.registration.state is S.SUBMITTED
    # Nor the staff pages.
    assert client.get("/delegations/").status_code == 403
    assert client.get(f"/delegations/{theirs.id}").status_code == 403
    assert client.get("/accreditation/").status_code == 403
    assert b"Company Y" not in client.get("/my/delegation", follow_redirects=True).data


def test_replacing_on_the_page_cancels_the_old_registration(client, auth, event):
    delegation = create_delegation(event, quota=1)
    old = members.invite_member(delegation, person(1), delegation.focal_point)
    old.registration.state = S.APPROVED
    db.session.commit()
    sign_in_focal_point(auth, delegation)
    response = client.post(
        f"/my/delegation/{delegation.id}/members/{old.id}/replace", data=person(2)
    )
    assert response.status_code == 302, response.data
    db.session.refresh(old.registration)
    assert old.registration.state is S.CANCELLED
    page = client.get(f"/my/delegation/{delegation.id}").data.decode()
    assert "Replaced" in page and "Шевченко2" in page


def test_officers_decide_a_whole_delegation_and_read_each_refusal(client, auth, event):
    event.delegate_capacity = 1
    delegation = create_delegation(event, quota=3)
    first, second, third = (
        members.invite_member(delegation, person(n), delegation.focal_point).registration
        for n in (1, 2, 3)
    )
    first.state = second.state = S.PENDING
    db.session.commit()
    auth.as_role(Role.OFFICER)
    response = client.post(
        f"/delegations/{delegation.id}/decide", data={"action": "approve"}, follow_redirects=True
    )
    page = response.data.decode()
    assert "1 member approved" in page
    assert "The forum is full" in page  # the second one, refused on their own
    assert "has not confirmed the registration yet" in page  # the third
    states = sorted(r.state.value for r in (first, second, third) if not db.session.refresh(r))
    assert states == ["approved", "pending", "submitted"]


def test_rejecting_a_whole_delegation_needs_a_reason(client, auth, event):
    delegation = create_delegation(event, quota=1)
    member = members.invite_member(delegation, person(1), delegation.focal_point)
    member.registration.state = S.PENDING
    db.session.commit()
    auth.as_role(Role.OFFICER)
    page = client.post(
        f"/delegations/{delegation.id}/decide", data={"action": "reject"}, follow_redirects=True
    )
    assert b"reason" in page.data
    db.session.refresh(member.registration)
    assert member.registration.state is S.PENDING


def test_the_officers_list_filters_by_delegation_and_shows_its_places(client, auth, event):
    delegation = create_delegation(event, quota=3, name="Company X")
    member = members.invite_member(delegation, person(1), delegation.focal_point)
    member.registration.state = S.PENDING
    factories.create_registration(event, family_name="Outsider")
    db.session.commit()
    auth.as_role(Role.OFFICER)
    page = client.get(f"/accreditation/?state=all&delegation={delegation.id}").data.decode()
    assert "Шевченко1" in page and "Outsider" not in page
    assert "Company X: 1 of 3 places taken" in page


def test_an_event_quota_refuses_the_approval_beyond_it(client, auth, event):
    db.session.add(EventQuota(event_id=event.id, kind=QuotaKind.COUNTRY, value="UA", places=1))
    ukrainians = [factories.create_registration(event, country="UA") for _ in range(2)]
    db.session.commit()
    auth.as_role(Role.OFFICER)
    client.post(f"/accreditation/{ukrainians[0].id}/decide", data={"action": "approve"})
    page = client.post(
        f"/accreditation/{ukrainians[1].id}/decide",
        data={"action": "approve"},
        follow_redirects=True,
    ).data.decode()
    assert "The quota for Ukraine is full (1 accredited)." in page
    assert sorted(r.state.value for r in ukrainians if not db.session.refresh(r)) == [
        "approved",
        "pending",
    ]
    assert "Quota Ukraine: 1 of 1 accredited" in client.get("/accreditation/").data.decode()


def test_an_organiser_sets_and_removes_quotas(client, auth, event):
    auth.as_role(Role.ORGANISER)
    page = client.post(
        "/delegations/quotas", data={"kind": "country", "value": "Ukraine", "places": "3"}
    )
    assert page.status_code == 200 and b"ISO code" in page.data
    client.post("/delegations/quotas", data={"kind": "category", "value": "press", "places": "20"})
    quota = db.session.scalar(sa.select(EventQuota))
    assert (quota.kind, quota.value, quota.places) == (QuotaKind.CATEGORY, "press", 20)
    listed = client.get("/delegations/").data.decode()  # the list names the forum's quotas
    assert "Quotas of the forum" in listed and "0 of 20" in listed
    client.post(f"/delegations/quotas/{quota.id}/delete")
    assert db.session.scalar(sa.select(EventQuota)) is None


def test_a_delegations_badges_print_together_after_a_cover_sheet(client, auth, event, tmp_path):
    delegation = create_delegation(event, quota=4, name="Company X")
    names = [("Zoryana", "Yatsenko"), ("Adam", "Abbott"), ("Marta", "Kovalska")]
    for n, (given, family) in enumerate(names, start=1):
        member = members.invite_member(
            delegation, person(n, given_name=given, family_name=family), delegation.focal_point
        )
        member.registration.state = S.APPROVED if family != "Kovalska" else S.PENDING
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    page = client.get(f"/delegations/{delegation.id}").data.decode()
    assert f'action="/delegations/{delegation.id}/badges/print"' in page  # a form, not a link
    # A print run like any other: the organiser follows it on the run's page.
    response = client.post(f"/delegations/{delegation.id}/badges/print")
    assert response.status_code == 302 and "/badges/jobs/" in response.location
    status = client.get(response.location + ".json").get_json()
    assert status["state"] == "done" and status["total"] == 2
    response = client.get(status["download"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages, _size = pdf_pages(response.data, tmp_path)
    assert pages == 3  # the cover sheet and two badges
    text = pdf_text(response.data, tmp_path)
    cover, badges = text.split("\f", 1)
    assert "Company X" in cover and "Collected by" in cover
    assert cover.index("Abbott") < cover.index("Kovalska") < cover.index("Yatsenko")
    assert "not accredited" in cover  # Kovalska, awaiting a decision
    assert badges.index("Abbott") < badges.index("Yatsenko") and "Kovalska" not in badges
    printed = db.session.scalars(
        sa.select(Registration.badge_printed_at).where(Registration.state == S.APPROVED)
    ).all()
    assert all(printed)
    # No second way: the old inline download is gone.
    assert client.get(f"/delegations/{delegation.id}/badges.pdf").status_code == 404


def test_importing_delegations_checks_every_line_first(client, auth, event, mailbox):
    auth.as_role(Role.ORGANISER)
    good = (
        "name,organisation_type,country,quota,focal_point_name,focal_point_email,quota_vip,language\n"
        "European Defence Agency,eu_institution,BE,6,Anna Schmidt,a.schmidt@eda.example.eu,1,en\n"
        "Kyiv Drone Works,ua_industry,UA,3,Олег Бондар,o.bondar@kdw.example.ua,,uk\n"
    )
    bad = good + "Company Y,ua_industry,XX,three,Ivan,not-an-address,5,de\n"
    page = client.post(
        "/delegations/import",
        data={"file": (__import__("io").BytesIO(bad.encode()), "delegations.csv")},
        content_type="multipart/form-data",
    ).data.decode()
    assert "Nothing was imported" in page
    assert "Line 4:" in page and "unknown country code" in page and "not a valid e-mail" in page
    assert "quota and quota_&lt;category&gt;: whole numbers" in page  # shown, not taken for a tag
    assert db.session.scalar(sa.select(sa.func.count(Delegation.id))) == 0
    assert mailbox.messages == []

    response = client.post(
        "/delegations/import",
        data={"file": (__import__("io").BytesIO(good.encode()), "delegations.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    names = db.session.scalars(sa.select(Delegation.name).order_by(Delegation.name)).all()
    assert names == ["European Defence Agency", "Kyiv Drone Works"]
    assert len(mailbox.messages) == 2
    assert db.session.scalar(sa.select(sa.func.count(DelegationMember.id))) == 0
