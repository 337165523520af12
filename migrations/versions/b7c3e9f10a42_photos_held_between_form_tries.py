"""photos held between two tries of the registration form

A failed submit of the registration form keeps the photo that came with it,
re-encoded, under a random key from the visitor's session (forum/registration/
held_photos.py), so the browser need not upload it again.

Revision ID: b7c3e9f10a42
Revises: f3a91c6d2b48
Create Date: 2026-12-02 03:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b7c3e9f10a42"
down_revision = "f3a91c6d2b48"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "held_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_photos")),
        sa.UniqueConstraint("key", name=op.f("uq_held_photos_key")),
    )
    with op.batch_alter_table("held_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_held_photos_held_at"), ["held_at"], unique=False)


def downgrade():
    with op.batch_alter_table("held_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_held_photos_held_at"))
    op.drop_table("held_photos")
