"""Fuzzing the JSON API with schemathesis, from its own OpenAPI document.

Every operation in /api/v1/openapi.json is called with generated (valid and
invalid) input, as a door device with a bearer token, on an app built the way
production builds it (FORUM_ENV=production from the environment: secret key,
base URL, trusted hosts, secure cookies, errors answered as pages, not raised):
no answer may be a 5xx or break the document's own response schema. Bounded
(max_examples) to stay fast.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from forum import create_app
from forum.checkin.devices import create_device_token
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories

MAX_EXAMPLES = 15
# Every check runs (no 500, status codes, content types, headers and bodies as
# documented, invalid input refused, authentication not ignored) except one: the
# document cannot yet say "send `code` or `registration`" on POST /scans, so a
# body with neither is schema-valid but rightly refused with 400.
LENIENT = [checks.positive_data_acceptance]


HOST = "forum.example.org"


@pytest.fixture
def api_app(app, database_url, monkeypatch, tmp_path):
    """A production app on the test database, with a door, delegates and a device."""
    event = factories.create_event()
    door = factories.create_checkpoint(event, name="Main entrance")
    for n in range(3):
        factories.create_registration(
            event, family_name=f"Dubois{n}", state=RegistrationState.APPROVED
        )
    _device, token = create_device_token("Fuzz scanner", [door])
    db.session.commit()
    production = {
        "ENV": "production",
        "SECRET_KEY": "fuzz-" + "k" * 48,
        "BASE_URL": f"https://{HOST}",
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path),
        "MAIL_OUTBOX": str(tmp_path / "outbox"),
        # Generated requests come fast from one device: the limits would answer 429s only.
        "SCAN_LIMIT": "100000 per minute",
        "SEARCH_LIMIT": "100000 per minute",
        "OFFLINE_LIST_LIMIT": "100000 per minute",
    }
    for name, value in production.items():
        monkeypatch.setenv(f"FORUM_{name}", value)
    other = create_app()
    assert other.config["ENV"] == "production" and not other.testing
    assert other.config["TRUSTED_HOSTS"] == [HOST]
    other.fuzz_token = token
    return other


def operations(schema):
    for result in schema.get_all_operations():
        yield result.ok()


def test_api_never_fails_and_keeps_to_its_schema(api_app):
    # Production answers only for its configured host: every request names it.
    host = {"Host": HOST}
    assert api_app.test_client().get("/api/v1/openapi.json").status_code == 400
    document = api_app.test_client().get("/api/v1/openapi.json", headers=host).get_json()
    documented = {
        f"{method.upper()} {path}" for path, item in document["paths"].items() for method in item
    }
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app, headers=host)
    headers = {**host, "Authorization": f"Bearer {api_app.fuzz_token}"}
    tested = []
    cases = 0
    statuses: set[int] = set()
    for operation in operations(schema):

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def call(case):
            nonlocal cases
            response = case.call_and_validate(headers=headers, excluded_checks=LENIENT)
            statuses.add(response.status_code)
            cases += 1

        call()
        tested.append(operation.label)
    # Every operation of the document, none left out (docs/security.md quotes the counts).
    assert set(tested) == documented, documented ^ set(tested)
    print(f"{len(tested)} operations, {cases} cases, statuses {sorted(statuses)}")
    # The device token worked: real answers, not only 401s.
    assert 200 in statuses, statuses
    assert not any(status >= 500 for status in statuses)
