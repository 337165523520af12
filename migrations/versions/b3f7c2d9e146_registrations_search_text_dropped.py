"""registrations.search_text dropped: every search reads the search terms

The column held the accent-folded name, e-mail and organisation for a LIKE
search; the officers' list, the door, the speaker picker and now the print run
all look people up through search_terms (either script), and nothing reads it.

Downgrade adds it back and fills it as the old code did.

Revision ID: b3f7c2d9e146
Revises: a5438e9e74bf
Create Date: 2026-12-02 05:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

from forum.text import fold

# revision identifiers, used by Alembic.
revision = "b3f7c2d9e146"
down_revision = "a5438e9e74bf"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_column("search_text")


def downgrade():
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("search_text", sa.String(length=700), nullable=False, server_default="")
        )
    registrations = sa.table(
        "registrations",
        sa.column("id", sa.Integer),
        sa.column("given_name", sa.String),
        sa.column("family_name", sa.String),
        sa.column("email", sa.String),
        sa.column("organisation", sa.String),
        sa.column("search_text", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            registrations.c.id,
            registrations.c.given_name,
            registrations.c.family_name,
            registrations.c.email,
            registrations.c.organisation,
        )
    ).all()
    for row_id, *texts in rows:
        connection.execute(
            registrations.update()
            .where(registrations.c.id == row_id)
            .values(search_text=fold(" ".join(t or "" for t in texts))[:700])
        )
