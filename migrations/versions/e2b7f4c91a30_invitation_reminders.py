"""invitation reminders: events.invitation_reminder_days, and how often and when each
invitation was reminded (registrations.invitation_reminders, invitation_reminded_at)

Revision ID: e2b7f4c91a30
Revises: d4c1e8a7b2f9
Create Date: 2026-12-02 07:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e2b7f4c91a30"
down_revision = "d4c1e8a7b2f9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("invitation_reminder_days", sa.Integer(), nullable=False, server_default="7")
        )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("invitation_reminders", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("invitation_reminded_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_column("invitation_reminded_at")
        batch_op.drop_column("invitation_reminders")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("invitation_reminder_days")
