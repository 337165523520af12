"""Organisers rename a door in English and Ukrainian on its settings page, like a room: the
name stays unique in the event in each language whatever its case, a clash is refused with
the name in words and nothing changes, and every rename is audited."""

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.checkin.doors import CheckpointError, rename_checkpoint
from forum.checkin.models import Checkpoint
from forum.extensions import db
from tests import factories

UK = {"Accept-Language": "uk-UA,uk;q=0.9"}


def settings(**changes) -> dict:
    """The settings form as posted: a name, no answer time, no opening hours."""
    return {"name": "Main entrance", "name_uk": "Головний вхід", "answer_seconds": 0, **changes}


@pytest.fixture
def side_door(event):
    door = factories.create_checkpoint(event, name="Side door")
    door.name_uk = "Бічний вхід"
    return door


def test_organisers_rename_a_door_in_both_languages(client, auth, event, entrance):
    organiser = auth.as_role(Role.ORGANISER)
    page = client.get(f"/scanner/doors/{entrance.id}").get_data(as_text=True)
    assert 'name="name" required type="text" value="Venue entrance"' in page
    assert "Readers in Ukrainian see the English text." in page  # no Ukrainian name yet
    response = client.post(f"/scanner/doors/{entrance.id}", data=settings())
    assert response.status_code == 302
    db.session.expire_all()
    assert (entrance.name, entrance.name_uk) == ("Main entrance", "Головний вхід")
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "checkpoint.rename"))
    assert entry.actor_id == organiser.id and entry.target_id == entrance.id
    assert entry.details == {
        "before": {"name": "Venue entrance", "name_uk": ""},
        "after": {"name": "Main entrance", "name_uk": "Головний вхід"},
    }
    doors = client.get("/scanner/doors").get_data(as_text=True)
    assert f'<a href="/scanner/doors/{entrance.id}">Main entrance</a>' in doors
    client.get("/language/uk")
    scanner = client.get("/scanner/").get_data(as_text=True)
    assert ">Головний вхід</option>" in scanner


def test_a_name_another_door_has_is_refused_and_nothing_changes(
    client, auth, event, entrance, side_door
):
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(f"/scanner/doors/{entrance.id}", data=settings(name="SIDE DOOR"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Another door is already called “SIDE DOOR”: choose another name." in page
    response = client.post(f"/scanner/doors/{entrance.id}", data=settings(name_uk="бічний ВХІД"))
    assert response.status_code == 400
    assert "Another door is already called “бічний ВХІД”" in response.get_data(as_text=True)
    db.session.expire_all()
    assert (entrance.name, entrance.name_uk) == ("Venue entrance", "")
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "checkpoint.rename")
        )
        == 0
    )


def test_a_door_keeps_its_own_name_or_changes_its_case(client, auth, event, side_door):
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    url = f"/scanner/doors/{side_door.id}"
    unchanged = client.post(url, data=settings(name="Side door", name_uk="Бічний вхід"))
    assert unchanged.status_code == 302
    assert (
        client.post(url, data=settings(name="SIDE DOOR", name_uk="Бічний вхід")).status_code == 302
    )
    db.session.expire_all()
    assert side_door.name == "SIDE DOOR"


def test_an_empty_english_name_is_refused(client, auth, event, entrance):
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    response = client.post(f"/scanner/doors/{entrance.id}", data=settings(name="  "))
    assert response.status_code == 400
    assert "Enter the name of the checkpoint in English." in response.get_data(as_text=True)
    with pytest.raises(CheckpointError, match="in English"):
        rename_checkpoint(event, entrance, "", "Вхід", None)
    db.session.expire_all()
    assert entrance.name == "Venue entrance"


def test_the_service_refuses_a_taken_name_in_either_language(event, entrance, side_door):
    with pytest.raises(CheckpointError, match="already called “side door”"):
        rename_checkpoint(event, entrance, "side door", "", None)
    with pytest.raises(CheckpointError, match="already called “БІЧНИЙ вхід”"):
        rename_checkpoint(event, entrance, "Main entrance", "БІЧНИЙ вхід", None)
    assert rename_checkpoint(event, entrance, "Main entrance", "Головний вхід", None) is True
    assert rename_checkpoint(event, entrance, " Main entrance ", "Головний вхід", None) is False
    names = db.session.scalars(sa.select(Checkpoint.name).order_by(Checkpoint.name)).all()
    assert names == ["Main entrance", "Side door"]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.STAFF, Role.DELEGATE])
def test_only_organisers_rename_doors(client, auth, event, entrance, role):
    db.session.commit()
    auth.as_role(role)
    assert client.post(f"/scanner/doors/{entrance.id}", data=settings()).status_code == 403
    db.session.expire_all()
    assert entrance.name == "Venue entrance"


def test_the_audit_log_tells_a_rename_in_words(client, auth, event, entrance):
    db.session.commit()
    auth.as_role(Role.ORGANISER)
    client.post(f"/scanner/doors/{entrance.id}", data=settings())
    page = client.get("/organise/audit/").get_data(as_text=True)
    assert "Door renamed" in page and "Main entrance" in page and "Головний вхід" in page
