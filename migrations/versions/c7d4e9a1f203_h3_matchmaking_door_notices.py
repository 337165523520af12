"""matchmaking: the door tells counterparts (arrived, not arrived), once per meeting

Each seat remembers when its person was told that the other one entered the
venue, or had not entered it shortly before the meeting; the organisers set how
many minutes before (0: nobody is told); a participant chooses whether these
notices also come by mail (off unless asked for).

Revision ID: c7d4e9a1f203
Revises: b3f7c2d9e146
Create Date: 2026-12-02 06:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c7d4e9a1f203"
down_revision = "b3f7c2d9e146"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("matchmaking_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("not_arrived_minutes", sa.Integer(), nullable=False, server_default="15")
        )
        batch_op.create_check_constraint(
            op.f("ck_matchmaking_settings_not_arrived_minutes_range"),
            "not_arrived_minutes BETWEEN 0 AND 240",
        )
    with op.batch_alter_table("match_participants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mail_door_notices", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("meeting_seats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("arrival_told_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("not_arrived_told_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("meeting_seats", schema=None) as batch_op:
        batch_op.drop_column("not_arrived_told_at")
        batch_op.drop_column("arrival_told_at")
    with op.batch_alter_table("match_participants", schema=None) as batch_op:
        batch_op.drop_column("mail_door_notices")
    with op.batch_alter_table("matchmaking_settings", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("ck_matchmaking_settings_not_arrived_minutes_range"), type_="check"
        )
        batch_op.drop_column("not_arrived_minutes")
