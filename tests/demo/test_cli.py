"""The command-line tools: seed-demo and create-user."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from forum.auth.models import Role, User
from forum.delegations.demo import MEMBERS
from forum.extensions import db
from forum.models import Checkpoint, Event, Registration, SpeakerProfile, WorkingSession
from forum.registration.models import BadgeCategory, OrganisationType, RegistrationState
from forum.translit import is_latin, passport_latin


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_seed_demo_loads_the_real_forum_with_invented_delegates(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    event = db.session.scalar(sa.select(Event))
    assert event.name == "EU-Ukraine Defence Industry Forum"
    # The real programme, on a day to come: four weeks from today.
    assert event.city == "Brussels" and event.starts_on == date.today() + timedelta(days=28)
    assert count(Registration) == 350 + MEMBERS  # the invented delegates and the delegations'
    assert count(WorkingSession) >= 20
    assert count(Checkpoint) >= 2
    speakers = set(db.session.scalars(sa.select(SpeakerProfile.full_name)))
    assert {
        "Josep Borrell",
        "Thierry Breton",
        "Ludivine Dedonder",
        "Oleksandr Kamyshin",
    } <= speakers

    registrations = db.session.scalars(sa.select(Registration)).all()
    assert {r.state for r in registrations} == set(RegistrationState)
    assert {r.category for r in registrations} == set(BadgeCategory)
    assert {r.organisation_type for r in registrations} == set(OrganisationType)
    names = " ".join(r.full_name for r in registrations)
    assert any("\u0400" <= ch <= "\u04ff" for ch in names), "no Cyrillic names"
    assert any(ch in names for ch in "éüłøçš"), "no accented names"
    # Every name has its passport form: Cyrillic ones by the 2010 transliteration.
    for r in registrations:
        assert is_latin(r.passport_name) and is_latin(r.organisation_latin), r.full_name
        if is_latin(r.full_name):
            assert r.passport_name == r.full_name
    cyrillic = [r for r in registrations if not is_latin(r.full_name)]
    assert cyrillic and all(r.passport_name == passport_latin(r.full_name) for r in cyrillic)

    for role in ("organiser", "officer", "staff", "delegate"):
        assert role in result.output
    assert {u.role for u in db.session.scalars(sa.select(User))} == set(Role)


def test_printed_demo_login_works(runner, client):
    result = runner.invoke(args=["seed-demo", "--delegates", "20"])
    line = next(x for x in result.output.splitlines() if x.strip().startswith("organiser"))
    _role, email, password = line.split()
    response = client.post("/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302
    assert "Sign out" in client.get("/").get_data(as_text=True)


def test_seed_demo_twice_refuses_and_changes_nothing(runner):
    runner.invoke(args=["seed-demo", "--delegates", "20"])
    again = runner.invoke(args=["seed-demo", "--delegates", "20"])
    assert again.exit_code != 0
    assert "already loaded; nothing changed" in again.output
    assert count(Registration) == 20 + MEMBERS and count(Event) == 1


def test_seed_demo_if_empty_succeeds_without_changes(runner):
    runner.invoke(args=["seed-demo", "--delegates", "20"])
    again = runner.invoke(args=["seed-demo", "--delegates", "30", "--if-empty"])
    assert again.exit_code == 0
    assert count(Registration) == 20 + MEMBERS


def test_seed_demo_reset_reloads(runner):
    runner.invoke(args=["seed-demo", "--delegates", "20"])
    again = runner.invoke(args=["seed-demo", "--delegates", "30", "--reset"])
    assert again.exit_code == 0, again.output
    assert "Reset" in again.output
    assert count(Registration) == 30 + MEMBERS and count(Event) == 1


def test_create_user_with_piped_password(runner, client):
    result = runner.invoke(
        args=["create-user", "New.Officer@forum.example", "--role", "officer"],
        input="a long enough password\na long enough password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "new.officer@forum.example"))
    assert user.role is Role.OFFICER
    response = client.post(
        "/sign-in",
        data={"email": "new.officer@forum.example", "password": "a long enough password"},
    )
    assert response.status_code == 302


def test_create_user_refuses_bad_input(runner):
    mismatch = runner.invoke(
        args=["create-user", "x@forum.example", "--role", "staff"],
        input="a long enough password\nsomething else entirely\n",
    )
    assert mismatch.exit_code != 0
    short = runner.invoke(
        args=["create-user", "x@forum.example", "--role", "staff", "--password", "short"]
    )
    assert short.exit_code != 0 and "at least 10 characters" in short.output
    bad_role = runner.invoke(
        args=[
            "create-user",
            "x@forum.example",
            "--role",
            "delegate",
            "--password",
            "long enough password",
        ]
    )
    assert bad_role.exit_code != 0
    assert count(User) == 0

    runner.invoke(
        args=[
            "create-user",
            "x@forum.example",
            "--role",
            "staff",
            "--password",
            "long enough password",
        ]
    )
    duplicate = runner.invoke(
        args=[
            "create-user",
            "X@forum.example",
            "--role",
            "staff",
            "--password",
            "long enough password",
        ]
    )
    assert duplicate.exit_code != 0 and "already exists" in duplicate.output
    assert count(User) == 1


def test_a_staff_account_keeps_its_name_in_latin_letters(runner):
    password = ["--password", "a long enough password"]
    spelled = runner.invoke(
        args=["create-user", "a@forum.example", "--role", "staff", "--name", "Юлія Згурська"]
        + password
    )
    given = runner.invoke(
        args=["create-user", "b@forum.example", "--role", "staff", "--name", "Олексій Бабенко"]
        + ["--latin-name", "Oleksiy Babenko"]
        + password
    )
    assert spelled.exit_code == 0 and given.exit_code == 0, spelled.output + given.output
    names = dict(db.session.execute(sa.select(User.email, User.full_name_latin)).all())
    assert names == {"a@forum.example": "Yuliia Zghurska", "b@forum.example": "Oleksiy Babenko"}
    refused = runner.invoke(
        args=["create-user", "c@forum.example", "--role", "staff", "--latin-name", "Юлія"]
        + password
    )
    assert refused.exit_code != 0 and "Latin letters" in refused.output
    assert db.session.scalar(sa.select(User).where(User.email == "c@forum.example")) is None


def test_the_demo_forum_is_dated_where_asked_and_everything_before_it(runner):
    result = runner.invoke(args=["seed-demo", "--delegates", "40", "--date", "2024-05-06"])
    assert result.exit_code == 0, result.output
    assert "Loaded the demo forum of 06 May 2024" in result.output
    event = db.session.scalar(sa.select(Event))
    assert str(event.starts_on) == "2024-05-06" == str(event.ends_on)
    opening = datetime(2024, 5, 6, 6, 0, tzinfo=UTC)  # 08:00 in Brussels
    # Registration closed before the forum: a past forum takes no registrations.
    assert event.registration_opens_at < event.registration_closes_at < opening
    sessions = db.session.scalars(sa.select(WorkingSession)).all()
    assert {s.starts_at.astimezone(event.tz).date() for s in sessions} == {date(2024, 5, 6)}
    for r in db.session.scalars(sa.select(Registration)):
        assert r.created_at < event.registration_closes_at, r.created_at
        assert r.confirmed_at is None or r.confirmed_at < opening
        assert r.decided_at is None or r.created_at <= r.decided_at < opening


def test_the_demo_forum_to_come_is_open_for_registration(runner, client):
    runner.invoke(args=["seed-demo", "--delegates", "20"])
    event = db.session.scalar(sa.select(Event))
    now = datetime.now(UTC)
    assert event.registration_opens_at < now < event.registration_closes_at
    assert all(r.created_at <= now for r in db.session.scalars(sa.select(Registration)))
    assert client.get("/register").status_code == 200


def test_the_demo_door_account_scans_at_the_entrance_and_in_every_room(runner):
    runner.invoke(args=["seed-demo", "--delegates", "20"])
    door = db.session.scalar(sa.select(User).where(User.role == Role.STAFF))
    doors = set(db.session.scalars(sa.select(Checkpoint)))
    rooms = {c for c in doors if c.session_id is not None}
    assert rooms and len(doors) == len(rooms) + 1
    assert set(door.checkpoints) == doors
