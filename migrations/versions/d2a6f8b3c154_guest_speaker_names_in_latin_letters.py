"""guest speaker names in Latin letters

Adds speaker_profiles.full_name_latin, the name as the passport prints it, like
registrations.passport_given_name/family_name and users.full_name_latin (b7e4d1c9a062):
always filled, never NULL meaning "the same as the name". Existing profiles get
forum.translit.passport_latin of their name here; a name in Latin letters is its own.

Downgrade drops the column.

Revision ID: d2a6f8b3c154
Revises: c5d8e2a41f07
Create Date: 2026-12-02 01:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

from forum.translit import passport_latin

# revision identifiers, used by Alembic.
revision = "d2a6f8b3c154"
down_revision = "c5d8e2a41f07"
branch_labels = None
depends_on = None

speaker_profiles = sa.table(
    "speaker_profiles",
    sa.column("id", sa.Integer),
    sa.column("full_name", sa.String),
    sa.column("full_name_latin", sa.String),
)


def upgrade():
    with op.batch_alter_table("speaker_profiles") as batch_op:
        batch_op.add_column(
            sa.Column("full_name_latin", sa.String(200), nullable=False, server_default="")
        )
    bind = op.get_bind()
    rows = bind.execute(sa.select(speaker_profiles.c.id, speaker_profiles.c.full_name)).all()
    for row_id, full_name in rows:
        bind.execute(
            speaker_profiles.update()
            .where(speaker_profiles.c.id == row_id)
            .values(full_name_latin=passport_latin(full_name or "")[:200])
        )


def downgrade():
    with op.batch_alter_table("speaker_profiles") as batch_op:
        batch_op.drop_column("full_name_latin")
