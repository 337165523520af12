"""Generated files kept in the database, when no shared directory is configured."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm as so

from forum.db import UTCDateTime, created_at, intpk
from forum.extensions import db


class StoredFile(db.Model):
    __tablename__ = "stored_files"

    id: so.Mapped[intpk]
    # The name the feature gave it ("badge-runs/<public id>.pdf"): one file a name.
    key: so.Mapped[str] = so.mapped_column(sa.String(200), unique=True)
    size: so.Mapped[int]
    # Read only when the file is sent, never with a list of files.
    data: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary, deferred=True)
    created_at: so.Mapped[created_at]
    # When the retention sweep deletes it.
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), index=True)

    def __repr__(self) -> str:
        return f"<StoredFile {self.key} {self.size} bytes>"
