"""Helpers of the export job tests: registrations to export, and the real worker."""

import pytest

from forum.registration.models import RegistrationState
from tests import factories
from tests.mail.conftest import new_worker, start_worker  # noqa: F401 (the real worker)
from tests.questions.conftest import questions  # noqa: F401 (the demo questions)

STATES = [RegistrationState.PENDING, RegistrationState.APPROVED, RegistrationState.WAITLISTED]


def add_registrations(event, count: int, **fields) -> list:
    """`count` registrations in turning states, names in both scripts."""
    names = ["Олена", "Sébastien", "=SUM(A1)"]
    return [
        factories.create_registration(
            event, given_name=names[n % 3], state=STATES[n % len(STATES)], **fields
        )
        for n in range(count)
    ]


@pytest.fixture
def inline_rows(app):
    """Exports of more than 2 rows go to the worker."""
    app.config["EXPORT_INLINE_ROWS"] = 2
    return 2
