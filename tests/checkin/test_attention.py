"""Attention notes: officers tell the door what it must know about a person ("VIP: call
protocol", "check the ID document"); the scan answer, the search and the offline list carry
them; every change is audited (issue 16)."""

import re

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges.tokens import token_digest
from forum.checkin.attention import AttentionError, set_attention
from forum.extensions import db
from forum.registration.models import Registration
from tests.checkin.conftest import badge, scan


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_an_officer_sets_a_note_for_the_door_and_it_is_audited(client, auth, event, approved):
    officer = auth.as_role(Role.OFFICER)
    page = client.get(f"/accreditation/{approved.id}").get_data(as_text=True)
    assert 'id="attention"' in page and "Note for the door" in page
    response = client.post(
        f"/accreditation/{approved.id}/attention",
        data={
            "note": "  VIP:   call protocol  ",
            "tags": ["call_protocol", "check_id"],
            "csrf_token": csrf_of(page),
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/accreditation/{approved.id}#attention")
    db.session.rollback()
    person = db.session.get(Registration, approved.id)
    assert person.attention_note == "VIP: call protocol"
    assert person.attention_tags == ["check_id", "call_protocol"]
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "registration.attention")
    )
    assert entry.actor_id == officer.id and entry.target_id == approved.id
    assert entry.details["after"] == {
        "note": "VIP: call protocol",
        "tags": ["check_id", "call_protocol"],
    }
    assert entry.details["before"] == {"note": "", "tags": []}


def test_the_scan_answer_search_and_offline_list_carry_the_note(
    client, auth, event, entrance, approved
):
    set_attention(approved, "VIP: call protocol", ["call_protocol"], None)
    db.session.commit()
    answer = scan(event, entrance, badge(approved)).to_json()
    assert answer["colour"] == "green"
    assert answer["delegate"]["attention"] == {
        "note": "VIP: call protocol",
        "tags": ["call_protocol"],
        "labels": ["Call protocol"],
    }
    auth.as_role(Role.STAFF).checkpoints.append(entrance)
    db.session.commit()
    found = client.get(f"/api/v1/search?q=kamysh&checkpoint={entrance.id}").get_json()
    assert found["results"][0]["attention"]["note"] == "VIP: call protocol"
    listed = client.get(f"/api/v1/checkpoints/{entrance.id}/offline-list").get_json()
    assert listed["badges"][token_digest(badge(approved))]["attention"]["labels"] == [
        "Call protocol"
    ]


def test_the_door_reads_the_tags_in_its_own_language(app, event, entrance, approved):
    set_attention(approved, "", ["check_id"], None)
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "uk"}):
        answer = scan(event, entrance, badge(approved)).to_json()
    assert answer["delegate"]["attention"]["labels"] == ["Перевірити документ"]


def test_a_note_too_long_or_an_unknown_tag_changes_nothing(client, auth, event, approved):
    auth.as_role(Role.OFFICER)
    page = client.get(f"/accreditation/{approved.id}").get_data(as_text=True)
    response = client.post(
        f"/accreditation/{approved.id}/attention",
        data={"note": "x" * 141, "csrf_token": csrf_of(page)},
        follow_redirects=True,
    )
    assert "Field cannot be longer than 140 characters." in response.get_data(as_text=True)
    client.post(
        f"/accreditation/{approved.id}/attention",
        data={"note": "ok", "tags": ["vip_lounge"], "csrf_token": csrf_of(page)},
    )
    db.session.rollback()
    person = db.session.get(Registration, approved.id)
    assert (person.attention_note, person.attention_tags) == ("", [])
    with pytest.raises(AttentionError):
        set_attention(person, "x" * 141, [], None)


@pytest.mark.parametrize("role", [Role.STAFF, Role.DELEGATE])
def test_only_officers_and_organisers_set_notes(client, auth, event, approved, role):
    auth.as_role(role)
    response = client.post(f"/accreditation/{approved.id}/attention", data={"note": "x"})
    assert response.status_code == 403
    db.session.rollback()
    assert db.session.get(Registration, approved.id).attention_note == ""
