"""mailings: the organisers' mailings, and each outbox mail's mailing (its log)

Revision ID: c7d1e5a2f9b3
Revises: c7d4e9a1f203
Create Date: 2026-12-02 06:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c7d1e5a2f9b3"
down_revision = "c7d4e9a1f203"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mailings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("subject_uk", sa.String(length=200), nullable=False),
        sa.Column("body_uk", sa.Text(), nullable=False),
        sa.Column("segment", sa.JSON(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "draft",
                "scheduled",
                "queued",
                name="mailing_state",
                native_enum=False,
                length=20,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recipient_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_mailings_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_mailings_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mailings")),
    )
    with op.batch_alter_table("mailings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mailings_event_id"), ["event_id"], unique=False)

    with op.batch_alter_table("outgoing_mails", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mailing_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_outgoing_mails_mailing_id"), ["mailing_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outgoing_mails_mailing_id_mailings"),
            "mailings",
            ["mailing_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("outgoing_mails", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outgoing_mails_mailing_id_mailings"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_outgoing_mails_mailing_id"))
        batch_op.drop_column("mailing_id")

    with op.batch_alter_table("mailings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mailings_event_id"))

    op.drop_table("mailings")
