"""How long a password-reset request takes for a known and for an unknown address.

Issue 13, finding 13: the two answers must not tell whether an account exists.
Alternates the two addresses through the test client (mail to the outbox folder,
no SMTP) on SQLite and prints the median of each, in milliseconds.

    .venv/bin/python bench/bench_reset_timing.py [--requests 50]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import add_event, fresh_app

from forum.auth.models import Role
from forum.auth.services import create_user
from forum.extensions import db


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = fresh_app(f"sqlite:///{Path(folder) / 'reset.sqlite'}")
        app.config["MAIL_OUTBOX"] = str(Path(folder) / "outbox")
        with app.app_context():
            add_event()
            create_user("door@example.org", "a-long-enough-password", Role.STAFF)
            db.session.commit()
        client = app.test_client()
        times: dict[str, list[float]] = {"known": [], "unknown": []}
        addresses = {"known": "door@example.org", "unknown": "nobody@example.org"}
        for _ in range(5):  # warm-up: templates compiled, connections open
            for address in addresses.values():
                client.post("/password/reset", data={"email": address})
        for _ in range(args.requests):
            for which, address in addresses.items():
                start = time.perf_counter()
                response = client.post("/password/reset", data={"email": address})
                times[which].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 302, response.status_code
        for which, values in times.items():
            print(f"{which:8} median {statistics.median(values):6.2f} ms  ({len(values)} requests)")


if __name__ == "__main__":
    main()
