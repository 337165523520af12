"""events.badge_line_changed_at; held_answer_files (file answers kept across form tries)

When the organisers change what the badges' answer line says (another question
on the badge, or its label), badges printed before are listed as changed since
printed, without a new QR code. A file answer sent with a form that comes back
with an error is held for that browser's next try (forum/questions/held_files.py).

Revision ID: c4e8a1f2b9d7
Revises: b3f7c2d9e146
Create Date: 2026-12-02 06:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4e8a1f2b9d7"
down_revision = "b3f7c2d9e146"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("badge_line_changed_at", sa.DateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "held_answer_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_held_answer_files_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_answer_files")),
        sa.UniqueConstraint(
            "key", "question_id", name=op.f("uq_held_answer_files_key_question_id")
        ),
    )
    with op.batch_alter_table("held_answer_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_held_answer_files_held_at"), ["held_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_held_answer_files_question_id"), ["question_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("held_answer_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_held_answer_files_question_id"))
        batch_op.drop_index(batch_op.f("ix_held_answer_files_held_at"))
    op.drop_table("held_answer_files")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("badge_line_changed_at")
