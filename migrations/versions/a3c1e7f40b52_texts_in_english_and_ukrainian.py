"""texts in English and Ukrainian

What organisers write and delegates read gets a Ukrainian column beside the
English one (forum.bilingual): session titles, themes and descriptions, room and
checkpoint names, and the event's texts. The event's `translations` JSON map
becomes columns too (one way for every model); its Ukrainian texts are copied over
and back.

Batch mode never recreates a table here: SQLite adds and drops columns in place
(DROP COLUMN needs SQLite 3.35), and a rebuilt `events` table would be dropped with
foreign keys on, taking every row that points to it along.

Revision ID: a3c1e7f40b52
Revises: 60fec580f61a
Create Date: 2026-12-02 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a3c1e7f40b52"
down_revision = "60fec580f61a"
branch_labels = None
depends_on = None

# table -> [(column, type)]: the Ukrainian column is f"{column}_uk".
COLUMNS = {
    "events": [
        ("name", sa.String(length=200)),
        ("short_name", sa.String(length=60)),
        ("venue", sa.String(length=200)),
        ("city", sa.String(length=100)),
        ("organisers", sa.Text()),
        ("description", sa.Text()),
    ],
    "working_sessions": [
        ("title", sa.String(length=200)),
        ("theme", sa.String(length=120)),
        ("description", sa.Text()),
    ],
    "rooms": [("name", sa.String(length=120))],
    "checkpoints": [("name", sa.String(length=120))],
}


def _events(*columns: sa.Column) -> sa.TableClause:
    return sa.table("events", sa.column("id", sa.Integer()), *columns)


def _uk_columns() -> list[sa.Column]:
    return [sa.column(f"{name}_uk", kind) for name, kind in COLUMNS["events"]]


def upgrade():
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, recreate="never") as batch_op:
            for name, kind in columns:
                batch_op.add_column(
                    sa.Column(f"{name}_uk", kind, nullable=False, server_default="")
                )

    connection = op.get_bind()
    old = _events(sa.column("translations", sa.JSON()))
    new = _events(*_uk_columns())
    for event_id, translations in connection.execute(sa.select(old.c.id, old.c.translations)):
        texts = (translations or {}).get("uk") or {}
        values = {f"{name}_uk": texts[name] for name, _ in COLUMNS["events"] if texts.get(name)}
        if values:
            connection.execute(new.update().where(new.c.id == event_id).values(**values))

    with op.batch_alter_table("events", recreate="never") as batch_op:
        batch_op.drop_column("translations")


def downgrade():
    with op.batch_alter_table("events", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("translations", sa.JSON(), nullable=False, server_default="{}")
        )

    connection = op.get_bind()
    uk_columns = _uk_columns()
    events = _events(sa.column("translations", sa.JSON()), *uk_columns)
    for row in connection.execute(sa.select(events.c.id, *uk_columns)):
        texts = {
            name: getattr(row, f"{name}_uk")
            for name, _ in COLUMNS["events"]
            if getattr(row, f"{name}_uk")
        }
        connection.execute(
            events.update()
            .where(events.c.id == row.id)
            .values(translations={"uk": texts} if texts else {})
        )

    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, recreate="never") as batch_op:
            for name, _ in reversed(columns):
                batch_op.drop_column(f"{name}_uk")
