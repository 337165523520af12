"""End to end: a mailing sent from the page is delivered by the real worker process to a real
mail server; the mailing's page shows each person's mail, the refused one with the server's
answer, and the refusal does not hold the others back."""

import sqlalchemy as sa

from forum.auth.models import Role
from forum.extensions import db
from forum.mail.models import MailState, OutgoingMail
from forum.mailings.models import Mailing
from forum.registration.models import RegistrationState
from tests import factories
from tests.mail.conftest import MailServer, new_worker, start_worker, wait_for  # noqa: F401 (fixtures)
from tests.mailings.test_views import compose_data

REFUSAL = "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown"


def states() -> dict[str, MailState]:
    db.session.rollback()
    found = dict(db.session.execute(sa.select(OutgoingMail.recipient, OutgoingMail.state)).all())
    db.session.rollback()
    return found


def test_the_worker_delivers_a_mailing_and_the_log_shows_each_person(
    client,
    auth,
    event,
    start_worker,  # noqa: F811
):
    auth.as_role(Role.ORGANISER)
    addresses = [f"person{n}@example.org" for n in range(5)] + ["gone@example.org"]
    for address in addresses:
        factories.create_registration(event, email=address, state=RegistrationState.APPROVED)
    db.session.commit()
    server = MailServer().start()
    server.refused["gone@example.org"] = REFUSAL
    try:
        start_worker(server.port)
        client.post("/organise/mailings/new", data=compose_data())
        db.session.rollback()
        mailing_id = db.session.scalar(sa.select(Mailing.id))
        db.session.rollback()
        page = client.get(f"/organise/mailings/{mailing_id}").get_data(as_text=True)
        db.session.rollback()
        assert "6 recipients" in page
        assert client.post(f"/organise/mailings/{mailing_id}/send").status_code == 302
        db.session.rollback()  # the worker writes now: the test holds no transaction open

        server.wait_for_count(5, timeout=60)
        wait_for(
            lambda: (
                MailState.QUEUED not in states().values()
                and MailState.SENDING not in states().values()
            ),
            timeout=60,
            what="every mail of the mailing to be sent or refused",
        )
    finally:
        server.stop()
    assert states() == {
        **{address: MailState.SENT for address in addresses[:5]},
        "gone@example.org": MailState.FAILED,
    }
    assert sorted(m["To"] for m in server.received) == addresses[:5]

    page = client.get(f"/organise/mailings/{mailing_id}").get_data(as_text=True)
    db.session.rollback()
    assert "Recipient address rejected: User unknown" in page
    assert "Sent <strong>5</strong>" in page and "Not delivered <strong>1</strong>" in page
    assert page.count("Ok: queued as") == 5
