"""sign-in sessions kept on the server

Each sign-in gets a row holding the SHA-256 of a random token that its session and
remember-me cookies carry; signing out deletes the row, so a copy of the cookies is
signed out too (issue 13, finding 5). Sessions started before this revision carry no
token and are signed out once.

Revision ID: 60fec580f61a
Revises: e41a7c9b0d25
Create Date: 2026-12-02 00:23:22.264140

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "60fec580f61a"
down_revision = "e41a7c9b0d25"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sign_in_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_sign_in_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_sessions")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_sign_in_sessions_token_digest")),
    )
    with op.batch_alter_table("sign_in_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_sessions_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("sign_in_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_sessions_user_id"))
    op.drop_table("sign_in_sessions")
