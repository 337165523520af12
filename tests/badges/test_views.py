"""Badge pages: delegates download only their own badge, organisers print and reissue."""

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges.tokens import REISSUED, issue_token, verify_token
from forum.extensions import db
from forum.registration.models import BadgeCategory, RegistrationState
from tests.badges.conftest import accredited, pdf_pages, qr_codes


def test_an_accredited_delegate_downloads_their_badge(event, delegate_client, tmp_path):
    mine = accredited(event)
    other = accredited(event)
    db.session.commit()
    client = delegate_client(mine)
    response = client.get("/my/badge.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    codes = qr_codes(response.data, tmp_path)
    assert codes == [[issue_token(mine)]]
    assert issue_token(other) not in codes[0]
    assert verify_token(codes[0][0], event).registration.id == mine.id
    # The delegate's own download is not a print run.
    db.session.refresh(mine)
    assert mine.badge_printed_at is None


def test_the_id1_card_can_be_chosen(event, delegate_client, tmp_path):
    registration = accredited(event)
    db.session.commit()
    response = delegate_client(registration).get("/my/badge.pdf?layout=id1")
    assert pdf_pages(response.data, tmp_path) == (1, "242.646 x 153.071 pts")
    odd = delegate_client(registration).get("/my/badge.pdf?layout=a4-id1")
    assert pdf_pages(odd.data, tmp_path)[1] == "297.638 x 419.528 pts"  # back to A6


def test_a_pending_or_rejected_delegate_gets_no_badge(event, delegate_client):
    for state in (RegistrationState.PENDING, RegistrationState.REJECTED):
        registration = accredited(event, state=state)
        db.session.commit()
        client = delegate_client(registration)
        response = client.get("/my/badge.pdf")
        assert response.status_code == 403
        assert response.mimetype == "text/html"
        assert b"once the accreditation team has approved you" in response.data
        client.post("/sign-out")


def test_a_delegate_cannot_reach_another_delegates_badge(event, delegate_client):
    mine, other = accredited(event), accredited(event)
    db.session.commit()
    client = delegate_client(mine)
    assert client.get(f"/badges/{other.public_id}").status_code == 403
    assert client.post(f"/badges/{other.public_id}/print").status_code == 403
    assert client.get("/badges/").status_code == 403


def test_only_organisers_print(event, client, auth):
    registration = accredited(event)
    db.session.commit()
    urls = [
        ("get", "/badges/"),
        ("post", "/badges/print"),
        ("get", f"/badges/{registration.public_id}"),
        ("post", f"/badges/{registration.public_id}/print"),
        ("post", f"/badges/{registration.public_id}/reissue"),
    ]
    for method, url in urls:  # anonymous: to the sign-in page
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/sign-in" in response.location
    assert client.get("/my/badge.pdf").status_code == 302
    for role in (Role.OFFICER, Role.STAFF):
        auth.as_role(role)
        for method, url in urls:
            assert getattr(client, method)(url).status_code == 403, (role, url)
        auth.sign_out()
    db.session.refresh(registration)
    assert registration.badge_version == 1 and registration.badge_printed_at is None


def test_the_printing_page_lists_and_filters(event, client, auth):
    auth.as_role(Role.ORGANISER)
    accredited(event, given_name="Oksana", category=BadgeCategory.SPEAKER)
    accredited(event, given_name="Pierre")
    accredited(event, given_name="Pending", state=RegistrationState.PENDING)
    db.session.commit()
    page = client.get("/badges/").get_data(as_text=True)
    assert "Oksana" in page and "Pierre" in page and "Pending" not in page
    assert "2 badges to print" in page
    assert 'href="/badges/"' in client.get("/").get_data(as_text=True)  # the nav entry
    speakers = client.get("/badges/?category=speaker&layout=a4-id1").get_data(as_text=True)
    assert "Oksana" in speakers and "Pierre" not in speakers
    assert "1 badge to print" in speakers
    assert "10 ID-1 cards" in speakers
    nonsense = client.get("/badges/?category=astronaut&status=bogus")
    assert nonsense.status_code == 200  # unknown values are ignored, not an error


def print_run(client, data: dict):
    """Ask for a print run and download its PDF (the task runs at once in tests)."""
    response = client.post("/badges/print", data=data)
    assert response.status_code == 302 and "/badges/jobs/" in response.location
    status = client.get(response.location + ".json").get_json()
    assert status["state"] == "done", status
    return client.get(status["download"])


def test_bulk_printing_gives_one_pdf_and_marks_it_printed(event, client, auth, tmp_path):
    organiser = auth.as_role(Role.ORGANISER)
    speaker = accredited(event, category=BadgeCategory.SPEAKER)
    delegate = accredited(event)
    db.session.commit()
    response = print_run(client, {"category": "speaker", "layout": "a4-a6", "mark_printed": "y"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert qr_codes(response.data, tmp_path, "a4-a6") == [[issue_token(speaker)]]
    db.session.expire_all()
    assert speaker.badge_printed_version == 1 and delegate.badge_printed_at is None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "badge.printed"))
    assert entry.target_id == speaker.id and entry.actor_id == organiser.id
    # Now only the delegate is "not printed yet".
    rest = print_run(client, {"status": "not_printed", "mark_printed": "y"})
    assert qr_codes(rest.data, tmp_path) == [[issue_token(delegate)]]
    db.session.expire_all()
    assert delegate.badge_printed_at is not None


def test_a_proof_run_marks_nothing(event, client, auth):
    auth.as_role(Role.ORGANISER)
    registration = accredited(event)
    db.session.commit()
    response = print_run(client, {"layout": "id1"})  # box unchecked
    assert response.mimetype == "application/pdf"
    db.session.expire_all()
    assert registration.badge_printed_at is None


def test_nothing_to_print_says_so(event, client, auth):
    auth.as_role(Role.ORGANISER)
    response = client.post("/badges/print", data={"status": "not_printed"}, follow_redirects=True)
    assert response.mimetype == "text/html"
    assert "nothing to print" in response.get_data(as_text=True)


def test_reissue_with_a_reason(event, client, auth):
    organiser = auth.as_role(Role.ORGANISER)
    registration = accredited(event)
    db.session.commit()
    old_code = issue_token(registration)
    url = f"/badges/{registration.public_id}/reissue"

    empty = client.post(url, data={"reason": "  "})
    assert empty.status_code == 400
    assert "Say why the badge is reissued." in empty.get_data(as_text=True)
    db.session.expire_all()
    assert registration.badge_version == 1

    response = client.post(url, data={"reason": "Lost badge"}, follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Badge reissued (version 2)" in page
    assert "Lost badge" in page  # in the history
    db.session.expire_all()
    assert registration.badge_version == 2
    assert verify_token(old_code, event).reason == REISSUED
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "badge.reissued"))
    assert entry.actor_id == organiser.id and entry.details["reason"] == "Lost badge"


def test_printing_one_badge(event, client, auth, tmp_path):
    auth.as_role(Role.ORGANISER)
    registration = accredited(event)
    pending = accredited(event, state=RegistrationState.PENDING)
    db.session.commit()
    page = client.get(f"/badges/{registration.public_id}").get_data(as_text=True)
    assert "Print this badge" in page
    response = client.post(f"/badges/{registration.public_id}/print", data={"layout": "id1"})
    assert response.mimetype == "application/pdf"
    assert qr_codes(response.data, tmp_path) == [[issue_token(registration)]]
    db.session.expire_all()
    assert registration.badge_printed_version == 1
    assert "Printed version 1" in client.get(f"/badges/{registration.public_id}").get_data(
        as_text=True
    )
    # Not accredited: no print button, and the print request is refused.
    assert "not accredited" in client.get(f"/badges/{pending.public_id}").get_data(as_text=True)
    refused = client.post(f"/badges/{pending.public_id}/print", data={"layout": "a6"})
    assert refused.status_code == 302
    db.session.expire_all()
    assert pending.badge_printed_at is None


def test_a_badge_of_another_event_is_not_found(event, client, auth):
    from tests.factories import create_event

    auth.as_role(Role.ORGANISER)
    other = accredited(create_event(slug="older", starts_on=event.starts_on.replace(year=2020)))
    db.session.commit()
    assert client.get(f"/badges/{other.public_id}").status_code == 404
    assert client.get("/badges/not-a-uuid").status_code == 404


def test_a_print_run_is_drawn_by_the_task_queue_and_followed_on_its_page(
    app, event, client, auth, tmp_path, queued_tasks
):
    auth.as_role(Role.ORGANISER)
    registrations = [accredited(event) for _ in range(3)]
    db.session.commit()
    response = client.post("/badges/print", data={"layout": "a4-id1", "mark_printed": "y"})
    assert response.status_code == 302
    job_url = response.location
    job_id = job_url.rstrip("/").rsplit("/", 1)[-1]
    # Queued after the request's commit; nothing is drawn before a worker takes it.
    assert queued_tasks.waiting == 1
    assert "Waiting for the server to start drawing 3 badges" in client.get(job_url).get_data(
        as_text=True
    )
    assert client.get(f"/badges/jobs/{job_id}.json").get_json()["state"] == "queued"
    assert client.get(f"/badges/jobs/{job_id}.pdf").status_code == 404

    queued_tasks.run_all()  # as the worker would
    db.session.rollback()  # the test's session (shared by its requests) forgets what it read
    status = client.get(f"/badges/jobs/{job_id}.json").get_json()
    assert status["state"] == "done" and status["done"] == status["total"] == 3
    assert status["percent"] == 100
    page = client.get(job_url).get_data(as_text=True)
    assert "All 3 badges are ready." in page
    pdf = client.get(status["download"])
    assert pdf.mimetype == "application/pdf"
    assert pdf.headers["Cache-Control"] == "private, no-store"
    assert sorted(qr_codes(pdf.data, tmp_path, "a4-id1")[0]) == sorted(
        issue_token(r) for r in registrations
    )
    assert all(r.badge_printed_version == 1 for r in registrations)
    assert client.get("/badges/jobs/0000000000000000.json").status_code == 404
    assert client.get("/badges/jobs/..%2F..%2Fsecret.pdf").status_code == 404
