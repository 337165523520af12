"""What the outbox saves a request: registration with the mail server down, and a bulk
approval of 200 delegates, each answered without talking to a mail server.

In-process (the test client), on SQLite and, when FORUM_BENCH_DATABASE_URL or
FORUM_TEST_DATABASE_URL is set (make bench runs it under .ci/with-postgres), on
PostgreSQL. The mail server is down (nothing listens on its port) and no worker runs:
each request writes its mails as rows of the outbox and queues their delivery (the
embedded SQLite task queue), which is all the request does about mail. Prints the
median and p95 of the wall time and of this process's CPU time per request, and how many
mails each left queued.

    .venv/bin/python bench/bench_outbox.py [--registrations 30] [--bulk 200] [--repeat 5]
"""

import argparse
import os
from datetime import date, timedelta

import sqlalchemy as sa
from common import (
    add_event,
    cpu_timed,
    drop_tables,
    each_database,
    free_port,
    fresh_app,
    median_p95,
)

from forum.auth.models import Role
from forum.auth.services import create_user
from forum.extensions import db
from forum.mail.models import OutgoingMail
from forum.registration.models import Registration, RegistrationState

FORM = {
    "title": "Dr",
    "given_name": "Олена",
    "family_name": "Бондаренко",
    "phone": "+380 44 123 4567",
    "job_title": "Head of International Cooperation",
    "organisation": "Kyiv Drone Works",
    "organisation_type": "ua_industry",
    "country": "UA",
    "requested_category": "delegate",
    "password": "a long enough password",
    "password_again": "a long enough password",
    "consent_data": "y",
}


def mails() -> int:
    count = db.session.scalar(sa.select(sa.func.count()).select_from(OutgoingMail))
    db.session.rollback()  # a fresh snapshot next time
    return count


def registrations(app, client, count: int) -> None:
    def register(n: int) -> None:
        response = client.post("/register", data={**FORM, "email": f"delegate{n}@example.org"})
        assert response.status_code == 302, response.status_code

    register(-1)  # warm-up: templates compiled, translations loaded
    walls, cpus = [], []
    with app.app_context():
        before = mails()
        for n in range(count):
            (wall,), (cpu,) = cpu_timed(lambda n=n: register(n), 1)
            walls.append(wall)
            cpus.append(cpu)
        queued = mails() - before
    print(
        f"  registration, mail server down ({count} requests, {queued} mails queued): "
        f"{median_p95(walls)}; CPU {median_p95(cpus)}"
    )


def pending(event_id: int, count: int, batch: int) -> list[int]:
    rows = [
        Registration(
            event_id=event_id,
            given_name="Delegate",
            family_name=f"No {batch}-{n}",
            email=f"pending{batch}-{n}@example.org",
            organisation="Ardennes Munitions SA",
            organisation_type="eu_industry",
            country="BE",
            state=RegistrationState.PENDING,
        )
        for n in range(count)
    ]
    for row in rows:
        row.refresh_keys()
    db.session.add_all(rows)
    db.session.commit()
    return [row.id for row in rows]


def bulk_approvals(app, client, event_id: int, size: int, repeat: int) -> None:
    client.post("/sign-in", data={"email": "officer@bench.example", "password": "bench pw 1234"})
    walls, cpus, queued = [], [], []
    for batch in range(repeat + 1):  # the first warms up
        with app.app_context():
            ids = pending(event_id, size, batch)
            before = mails()
        (wall,), (cpu,) = cpu_timed(
            lambda ids=ids: client.post(
                "/accreditation/bulk", data={"action": "approve", "ids": ids}
            ),
            1,
        )
        with app.app_context():
            approved = db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Registration)
                .where(Registration.id.in_(ids), Registration.state == RegistrationState.APPROVED)
            )
            assert approved == size, f"{approved} of {size} approved"
            if batch:
                walls.append(wall)
                cpus.append(cpu)
                queued.append(mails() - before)
    print(
        f"  bulk approval of {size} ({repeat} requests, {min(queued)}-{max(queued)} mails "
        f"queued each): {median_p95(walls)}; CPU {median_p95(cpus)}"
    )


def run(url: str, count: int, size: int, repeat: int) -> None:
    app = fresh_app(url)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # down
    today = date.today()
    with app.app_context():
        event = add_event(
            starts_on=today + timedelta(days=28),
            ends_on=today + timedelta(days=28),
            delegate_capacity=100_000,
            registration_opens_at=None,
            registration_closes_at=None,
        )
        event_id = event.id
        create_user("officer@bench.example", "bench pw 1234", Role.OFFICER)
        db.session.commit()
    registrations(app, app.test_client(), count)
    bulk_approvals(app, app.test_client(), event_id, size, repeat)
    drop_tables(app)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrations", type=int, default=30)
    parser.add_argument("--bulk", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"Requests that cause mail, no mail server and no worker, {os.cpu_count()} cores")
    for url in each_database():
        run(url, args.registrations, args.bulk, args.repeat)


if __name__ == "__main__":
    main()
