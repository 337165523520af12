"""registration e-mail keys lower-cased, as account e-mails are

registrations.email_key was email.strip().casefold(), users.email is
email.strip().lower(); both now come from forum.text.normalise_email (lower).
They differ only for a few non-ASCII letters ("ß" folds to "ss"), so only rows
with non-ASCII addresses are read and rewritten, in Python: SQLite's lower()
folds ASCII letters only. No two keys can collide: lower-cased keys are at
least as distinct as case-folded ones.

Downgrade restores the case-folded keys the same way.

Revision ID: e41a7c9b0d25
Revises: cd84203fc57e
Create Date: 2026-12-02 00:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e41a7c9b0d25"
down_revision = "cd84203fc57e"
branch_labels = None
depends_on = None

registrations = sa.table(
    "registrations", sa.column("id", sa.Integer), sa.column("email", sa.String)
)


def _rewrite_keys(key) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(registrations.c.id, registrations.c.email)).all()
    for row_id, email in rows:
        if email.isascii():
            continue  # lower() and casefold() agree on ASCII
        bind.execute(
            sa.text("UPDATE registrations SET email_key = :key WHERE id = :id"),
            {"key": key(email.strip()), "id": row_id},
        )


def upgrade():
    _rewrite_keys(str.lower)


def downgrade():
    _rewrite_keys(str.casefold)
