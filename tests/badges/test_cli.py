"""`flask badges OUT.pdf`: the print shop's run from the command line."""

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.badges.tokens import issue_token
from forum.extensions import db
from forum.registration.models import BadgeCategory, RegistrationState
from tests.badges.conftest import accredited, pdf_pages, qr_codes


def test_prints_the_filtered_badges_and_marks_them(event, runner, tmp_path):
    press = accredited(event, category=BadgeCategory.PRESS)
    delegate = accredited(event)
    accredited(event, category=BadgeCategory.PRESS, state=RegistrationState.PENDING)
    db.session.commit()
    out = tmp_path / "press.pdf"
    result = runner.invoke(args=["badges", str(out), "--category", "press", "--layout", "a4-id1"])
    assert result.exit_code == 0, result.output
    assert "Wrote 1 badge (a4-id1)" in result.output
    pdf = out.read_bytes()
    assert pdf_pages(pdf, tmp_path)[0] == 1
    assert qr_codes(pdf, tmp_path) == [[issue_token(press)]]
    db.session.expire_all()
    assert press.badge_printed_version == 1 and delegate.badge_printed_at is None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "badge.printed"))
    assert entry.target_id == press.id and entry.actor_id is None

    second = tmp_path / "rest.pdf"
    result = runner.invoke(args=["badges", str(second), "--not-printed"])
    assert result.exit_code == 0, result.output
    assert qr_codes(second.read_bytes(), tmp_path) == [[issue_token(delegate)]]


def test_a_proof_with_no_mark(event, runner, tmp_path):
    registration = accredited(event)
    db.session.commit()
    result = runner.invoke(args=["badges", str(tmp_path / "proof.pdf"), "--no-mark"])
    assert result.exit_code == 0 and "not marked as printed" in result.output
    db.session.expire_all()
    assert registration.badge_printed_at is None


def test_nothing_to_print_fails_clearly_and_writes_nothing(event, runner, tmp_path):
    out = tmp_path / "none.pdf"
    result = runner.invoke(args=["badges", str(out), "--changed"])
    assert result.exit_code != 0
    assert "nothing printed" in result.output
    assert not out.exists()


def test_bad_options_are_refused(event, runner, tmp_path):
    result = runner.invoke(args=["badges", str(tmp_path / "x.pdf"), "--layout", "a3"])
    assert result.exit_code == 2 and "a4-id1" in result.output
