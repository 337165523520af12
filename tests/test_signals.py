"""Features talk through signals: registration tells badges and the programme what
happened, in the same transaction, without importing them."""

import ast
from pathlib import Path

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.badges.services import reissue
from forum.extensions import db
from forum.programme.models import SignUp
from forum.programme.signups import release_sign_ups
from forum.registration import decisions
from forum.registration.models import BadgeCategory, RegistrationState
from forum.signals import badge_details_changed, registration_left
from tests import factories

FORUM = Path(__file__).resolve().parent.parent / "forum"
# Imports that may stay inside a function: the app factory wiring blueprints, CLI
# commands and extensions together, and the sign-in view, which hands over to the
# security feature (security builds on auth; moving sign-in there is still to do).
FACTORY_IMPORTS = {
    "__init__.py": "create_app register_extensions register_blueprints "
    "register_security_and_ops register_cli",
    "cli.py": "*",
    "badges/__init__.py": "_register_cli",
    "checkin/__init__.py": "*",
    "ops/__init__.py": "init_app",
    "privacy/__init__.py": "init_app",
    "security/__init__.py": "init_app enforce_two_factor_enrolment",
    "auth/views.py": "sign_in",
}


def test_receivers_are_connected_when_the_app_starts(app):
    assert release_sign_ups in [r() for r in registration_left.receivers.values()]
    assert reissue in [r() for r in badge_details_changed.receivers.values()]


def test_a_new_category_reissues_the_badge_in_the_same_transaction(event):
    registration = factories.create_registration(event, state=RegistrationState.APPROVED)
    db.session.commit()
    decisions.set_category(registration, BadgeCategory.VIP, actor=None)
    assert registration.badge_version == 2
    db.session.rollback()  # the request fails after the change: the new badge goes too
    assert registration.badge_version == 1
    assert not db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "badge.reissued"))


def test_a_withdrawn_delegate_gives_up_their_seat(event):
    session = factories.create_session(event, capacity=1)
    registration = factories.create_registration(event, state=RegistrationState.APPROVED)
    factories.create_sign_up(session, registration)
    decisions.withdraw(registration)
    assert db.session.scalars(sa.select(SignUp)).all() == []


def test_no_import_hides_inside_a_function_outside_the_app_factory():
    hidden = []
    for path in sorted(FORUM.rglob("*.py")):
        name = path.relative_to(FORUM).as_posix()
        allowed = FACTORY_IMPORTS.get(name, "").split()
        for function in ast.walk(ast.parse(path.read_text())):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if "*" in allowed or function.name in allowed:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("forum"):
                    hidden.append(f"{name}:{node.lineno} {function.name}: from {node.module}")
    assert hidden == []
