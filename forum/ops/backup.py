"""Consistent backups: SQLite's online backup API, pg_dump for PostgreSQL.

The SQLite copy is taken page by page while the app keeps running and is
itself a ready-to-use database file. The PostgreSQL copy is pg_dump's custom
format (one consistent snapshot), restored with pg_restore; the password goes
to pg_dump through PGPASSWORD, never on its command line.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

# URL query parameters pg_dump understands as libpq connection keywords.
LIBPQ_KEYWORDS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "connect_timeout",
    "application_name",
    "options",
    "target_session_attrs",
    "sslcompression",
    "gssencmode",
    "service",
}


class BackupError(RuntimeError):
    """The backup could not be made."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str  # "sqlite" or "pg_dump"
    size: int


def backup_database(url: str | sa.URL, target: Path) -> BackupResult:
    """Write a consistent copy of the database at `url` to `target` (refuses to overwrite)."""
    url = sa.make_url(url)
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        _backup_sqlite(url, target)
        kind = "sqlite"
    elif url.get_backend_name() == "postgresql":
        _backup_postgresql(url, target)
        kind = "pg_dump"
    else:
        raise BackupError(f"No backup method for {url.get_backend_name()} databases.")
    return BackupResult(path=target, kind=kind, size=target.stat().st_size)


def _backup_sqlite(url: sa.URL, target: Path) -> None:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    source = sqlite3.connect(f"file:{url.database}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination, pages=1024)
    finally:
        destination.close()
        source.close()


def libpq_conninfo(url: sa.URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment carrying it."""

    def quote(value: str) -> str:
        return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"

    parts = {"dbname": url.database, "host": url.host, "port": url.port, "user": url.username}
    for key, value in url.query.items():
        if key in LIBPQ_KEYWORDS:
            parts[key] = value if isinstance(value, str) else value[-1]
    conninfo = " ".join(f"{key}={quote(value)}" for key, value in parts.items() if value)
    env = {"PGPASSWORD": url.password} if url.password else {}
    return conninfo, env


def _backup_postgresql(url: sa.URL, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump is not installed (apt-get install postgresql-client).")
    conninfo, extra_env = libpq_conninfo(url)
    partial = target.with_name(target.name + ".partial")
    completed = subprocess.run(
        [
            pg_dump,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={partial}",
            f"--dbname={conninfo}",
        ],
        env={**os.environ, **extra_env},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {completed.stderr.strip()}")
    partial.rename(target)
