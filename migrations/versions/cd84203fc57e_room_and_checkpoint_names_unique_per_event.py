"""room and checkpoint names unique per event whatever their case

The unique constraints on (event_id, name) let "Room Kyiv" stand beside "room
kyiv"; unique indexes on (event_id, lower(name)) do not. Autogenerate saw the
dropped constraints only: it cannot compare expression indexes on SQLite, so the
create_index calls are written by hand. SQLite's lower() folds ASCII letters
only; the services compare names in Python first (forum.text.name_key).

An event that already holds two names differing only in case cannot take the
index: the upgrade stops and names them, to be renamed first.

Revision ID: cd84203fc57e
Revises: 5b7d2e8f1a93
Create Date: 2026-12-02 00:05:17.535866

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "cd84203fc57e"
down_revision = "5b7d2e8f1a93"
branch_labels = None
depends_on = None

TABLES = {"rooms": "uq_rooms_event", "checkpoints": "uq_checkpoints_event"}


def _refuse_case_duplicates(table: str) -> None:
    rows = op.get_bind().execute(
        sa.text(
            f"SELECT event_id, lower(name) FROM {table} "
            "GROUP BY event_id, lower(name) HAVING count(*) > 1"
        )
    )
    clashes = [f"event {event_id}: {name!r}" for event_id, name in rows]
    if clashes:
        raise RuntimeError(
            f"{table}: names that differ only in case; rename them first: " + ", ".join(clashes)
        )


# Every table is rebuilt (SQLite batch mode) before any expression index exists, and
# the indexes go before any rebuild on the way down: batch mode reflects the tables a
# foreign key points to (working_sessions -> rooms), and SQLite cannot reflect them.


def upgrade():
    for table, prefix in TABLES.items():
        _refuse_case_duplicates(table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"{prefix}_name", type_="unique")
    for table, prefix in TABLES.items():
        op.create_index(
            f"{prefix}_lower_name", table, ["event_id", sa.text("lower(name)")], unique=True
        )


def downgrade():
    for table, prefix in TABLES.items():
        op.drop_index(f"{prefix}_lower_name", table_name=table)
    for table, prefix in TABLES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_unique_constraint(f"{prefix}_name", ["event_id", "name"])
