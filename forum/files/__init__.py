"""Generated files (badge print runs, exports) that every web server and worker can read.

Where they live is one setting, FILE_STORAGE_DIR:

- None (the default): in the database (table stored_files). Nothing to share or
  back up besides the database; right for files of a few tens of megabytes,
  which a print run of a few thousand badges is.
- a directory: each file there under its key. With several machines it must be
  the same shared directory (NFS, a mounted volume) on every web server and
  worker (docs/deployment.md, "Several app servers").

A file is written under a key chosen by the feature; writing a key again replaces
the file (a print run that is taken over writes its PDF once, never twice). Each
file has a time after which `delete_expired()` (the worker, forum/files/tasks.py)
removes it.

    save(key, stream, expires_at)   store what `stream` holds, from its start
    open_file(key)                  a file object to send, or None
    delete(key)
"""

import os
import shutil
import tempfile
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa
from flask import current_app

from forum.db import utcnow
from forum.extensions import db
from forum.files.models import StoredFile

# Keys become file names: letters, digits, "-", "_", "." and one level of folder.
_KEY_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")
_EXPIRES_SUFFIX = ".expires"
_PART_PREFIX = ".part-"
# A half-written file left by a process that died is removed after this long.
_PART_KEEP = timedelta(days=1)


class FileStorageError(RuntimeError):
    """A key that cannot name a file."""


def _directory() -> Path | None:
    configured = current_app.config.get("FILE_STORAGE_DIR")
    return Path(configured) if configured else None


def _checked(key: str) -> str:
    if (
        not key
        or not set(key) <= _KEY_CHARACTERS
        or key.startswith(("/", "."))
        or ".." in key
        or key.endswith(_EXPIRES_SUFFIX)
    ):
        raise FileStorageError(f"not a file key: {key!r}")
    return key


def save(key: str, stream: BinaryIO, expires_at: datetime) -> int:
    """Store the bytes of `stream` (from its start) under `key`; returns the size.

    In the database it joins the caller's transaction (the caller commits); in a
    directory it is written to a temporary name and renamed into place, so a reader
    never sees half a file.
    """
    key = _checked(key)
    stream.seek(0)
    directory = _directory()
    if directory is None:
        data = stream.read()
        db.session.execute(sa.delete(StoredFile).where(StoredFile.key == key))
        db.session.add(StoredFile(key=key, size=len(data), data=data, expires_at=expires_at))
        db.session.flush()
        return len(data)
    path = directory / key
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=_PART_PREFIX, delete=False) as out:
        shutil.copyfileobj(stream, out)
        size = out.tell()
    os.replace(out.name, path)
    path.with_name(path.name + _EXPIRES_SUFFIX).write_text(expires_at.isoformat())
    return size


def open_file(key: str) -> BinaryIO | None:
    """The stored file of `key`, open for reading, or None if there is none."""
    key = _checked(key)
    directory = _directory()
    if directory is None:
        data = db.session.scalar(sa.select(StoredFile.data).where(StoredFile.key == key))
        return None if data is None else BytesIO(data)
    try:
        return (directory / key).open("rb")
    except FileNotFoundError:
        return None


def delete(key: str) -> None:
    """Remove the file of `key`, if there is one."""
    key = _checked(key)
    directory = _directory()
    if directory is None:
        db.session.execute(sa.delete(StoredFile).where(StoredFile.key == key))
        return
    path = directory / key
    path.unlink(missing_ok=True)
    path.with_name(path.name + _EXPIRES_SUFFIX).unlink(missing_ok=True)


def delete_expired(now: datetime | None = None) -> int:
    """Delete every file whose retention has run out; returns how many."""
    now = now or utcnow()
    directory = _directory()
    if directory is None:
        result = db.session.execute(sa.delete(StoredFile).where(StoredFile.expires_at < now))
        return result.rowcount or 0
    deleted = 0
    for marker in directory.rglob("*" + _EXPIRES_SUFFIX):
        try:
            expires_at = datetime.fromisoformat(marker.read_text().strip())
        except (OSError, ValueError):
            continue
        if expires_at < now:
            marker.with_name(marker.name[: -len(_EXPIRES_SUFFIX)]).unlink(missing_ok=True)
            marker.unlink(missing_ok=True)
            deleted += 1
    for part in directory.rglob(_PART_PREFIX + "*"):
        try:
            if part.stat().st_mtime < (now - _PART_KEEP).timestamp():
                part.unlink()
        except OSError:
            continue
    return deleted
