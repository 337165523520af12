"""event and guest speaker texts in both languages

The event gets the venue's address and the organisers' mail footer, each in English
and Ukrainian (forum.bilingual); guest speakers' position, organisation and biography
get their Ukrainian columns. Every new column is NOT NULL with "" by default, so
existing rows read as "not translated yet".

Batch mode never recreates a table here (as in a3c1e7f40b52): SQLite adds and drops
columns in place, and a rebuilt `events` table would be dropped with foreign keys
on, taking every row that points to it along.

Revision ID: e8b41c7d2f60
Revises: d2a6f8b3c154
Create Date: 2026-12-03 09:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e8b41c7d2f60"
down_revision = "d2a6f8b3c154"
branch_labels = None
depends_on = None

COLUMNS = {
    "events": [
        ("venue_address", sa.String(length=300)),
        ("venue_address_uk", sa.String(length=300)),
        ("mail_footer", sa.Text()),
        ("mail_footer_uk", sa.Text()),
    ],
    "speaker_profiles": [
        ("position_uk", sa.String(length=200)),
        ("organisation_uk", sa.String(length=200)),
        ("bio_uk", sa.Text()),
    ],
}


def upgrade():
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, recreate="never") as batch_op:
            for name, kind in columns:
                batch_op.add_column(sa.Column(name, kind, nullable=False, server_default=""))


def downgrade():
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, recreate="never") as batch_op:
            for name, _ in reversed(columns):
                batch_op.drop_column(name)
