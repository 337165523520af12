"""door rules, attention notes and device pairing

- checkpoints.entry_windows (JSON, default []): the days and hours a door admits
  entries, in the event's time zone; empty means whenever the door is open.
- checkpoints.answer_seconds (nullable; 1-120, checked by the service): the scanner's
  answer goes back to scanning after that long; NULL keeps it until the next scan or a
  tap.
- registrations.attention_note (<= 140 characters) and attention_tags (JSON list):
  what the door must know about a person, set by the officers.
- device_pairings: one-time pairing codes that sign a phone in as a device token,
  and the device sessions they start (digests only).

Columns are added and dropped in place (recreate="never"): rebuilding checkpoints on
SQLite would lose its expression index on lower(name).

Downgrade drops them.

Revision ID: f3a91c6d2b48
Revises: e8b41c7d2f60
Create Date: 2026-12-02 03:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f3a91c6d2b48"
down_revision = "e8b41c7d2f60"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("checkpoints", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("entry_windows", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("answer_seconds", sa.Integer(), nullable=True))
    with op.batch_alter_table("registrations", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("attention_note", sa.String(140), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("attention_tags", sa.JSON(), nullable=False, server_default="[]")
        )
    op.create_table(
        "device_pairings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_token_id", sa.Integer(), nullable=False),
        sa.Column("code_digest", sa.String(64), nullable=False),
        sa.Column("code_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("session_digest", sa.String(64), nullable=True),
        sa.Column("session_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_device_pairings_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["device_token_id"],
            ["device_tokens.id"],
            name=op.f("fk_device_pairings_device_token_id_device_tokens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_pairings")),
        sa.UniqueConstraint("code_digest", name=op.f("uq_device_pairings_code_digest")),
        sa.UniqueConstraint("session_digest", name=op.f("uq_device_pairings_session_digest")),
    )
    op.create_index(
        op.f("ix_device_pairings_device_token_id"), "device_pairings", ["device_token_id"]
    )


def downgrade():
    op.drop_index(op.f("ix_device_pairings_device_token_id"), table_name="device_pairings")
    op.drop_table("device_pairings")
    with op.batch_alter_table("registrations", recreate="never") as batch_op:
        batch_op.drop_column("attention_tags")
        batch_op.drop_column("attention_note")
    with op.batch_alter_table("checkpoints", recreate="never") as batch_op:
        batch_op.drop_column("answer_seconds")
        batch_op.drop_column("entry_windows")
