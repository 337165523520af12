"""matchmaking: the door tells counterparts (arrived, not arrived); profiles keep their sort key

Each seat remembers when its person was told that the other one entered the
venue, or had not entered it shortly before the meeting; the organisers set how
many minutes before (0: nobody is told); a participant chooses whether these
notices also come by mail (off unless asked for).

Each profile keeps the alphabetical sort key of its organisation's name
(forum.collation.collation_bytes), so that the directory reads one page in order
from the database instead of every visible profile; filled here for existing ones.

Revision ID: c7d4e9a1f203
Revises: c4e8a1f2b9d7
Create Date: 2026-12-02 06:30:00.000000

"""

import warnings
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from forum.collation import collation_bytes

# revision identifiers, used by Alembic.
revision = "c7d4e9a1f203"
down_revision = "c4e8a1f2b9d7"
branch_labels = None
depends_on = None


@contextmanager
def quiet_reflection():
    """SQLite's batch mode copies a table after reflecting it and the tables it refers to;
    the expression indexes (lower(name) of rooms) cannot be reflected and are not needed."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        yield


def upgrade():
    with quiet_reflection():
        _upgrade()


def downgrade():
    with quiet_reflection():
        _downgrade()


def _upgrade():
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

    with op.batch_alter_table("match_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_key", sa.LargeBinary(), nullable=True))
    profiles = sa.table(
        "match_profiles",
        sa.column("id", sa.Integer),
        sa.column("organisation", sa.String),
        sa.column("sort_key", sa.LargeBinary),
    )
    connection = op.get_bind()
    for row_id, organisation in connection.execute(
        sa.select(profiles.c.id, profiles.c.organisation)
    ).all():
        connection.execute(
            profiles.update()
            .where(profiles.c.id == row_id)
            .values(sort_key=collation_bytes(organisation))
        )
    with op.batch_alter_table("match_profiles", schema=None) as batch_op:
        batch_op.alter_column("sort_key", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.create_index(
            "ix_match_profiles_event_sort_key", ["event_id", "sort_key"], unique=False
        )


def _downgrade():
    with op.batch_alter_table("match_profiles", schema=None) as batch_op:
        batch_op.drop_index("ix_match_profiles_event_sort_key")
        batch_op.drop_column("sort_key")
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
