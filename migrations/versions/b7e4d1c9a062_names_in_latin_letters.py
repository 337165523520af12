"""names in Latin letters: passport forms, organisation and account names; name keys

Adds the Latin form of each person's name as the passport prints it
(registrations.passport_given_name, passport_family_name; users.full_name_latin), the
organisation's Latin form (registrations.organisation_latin), and
registrations.name_key, the script-independent key of the name that finds one person
registered twice in two scripts (indexed with the event).

The columns are always filled, never NULL meaning "the same as the name": badges,
exports and search then read one column without a fallback. Existing rows get them
here, computed in Python with forum.translit (passport_latin, search_key) as the
application computes them for new rows; a name in Latin letters is its own Latin form.

Downgrade drops the columns and the index.

Revision ID: b7e4d1c9a062
Revises: a3c1e7f40b52
Create Date: 2026-12-02 00:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

from forum.translit import passport_latin, search_key

# revision identifiers, used by Alembic.
revision = "b7e4d1c9a062"
down_revision = "a3c1e7f40b52"
branch_labels = None
depends_on = None

registrations = sa.table(
    "registrations",
    sa.column("id", sa.Integer),
    sa.column("given_name", sa.String),
    sa.column("family_name", sa.String),
    sa.column("organisation", sa.String),
    sa.column("passport_given_name", sa.String),
    sa.column("passport_family_name", sa.String),
    sa.column("organisation_latin", sa.String),
    sa.column("name_key", sa.String),
)
users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("full_name", sa.String),
    sa.column("full_name_latin", sa.String),
)


def upgrade():
    with op.batch_alter_table("registrations") as batch_op:
        for name, length in (
            ("passport_given_name", 100),
            ("passport_family_name", 100),
            ("organisation_latin", 200),
            ("name_key", 250),
        ):
            batch_op.add_column(
                sa.Column(name, sa.String(length), nullable=False, server_default="")
            )
        batch_op.create_index(
            "ix_registrations_event_name_key", ["event_id", "name_key"], unique=False
        )
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("full_name_latin", sa.String(200), nullable=False, server_default="")
        )

    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            registrations.c.id,
            registrations.c.given_name,
            registrations.c.family_name,
            registrations.c.organisation,
        )
    ).all()
    for row_id, given, family, organisation in rows:
        bind.execute(
            registrations.update()
            .where(registrations.c.id == row_id)
            .values(
                passport_given_name=passport_latin(given)[:100],
                passport_family_name=passport_latin(family)[:100],
                organisation_latin=passport_latin(organisation)[:200],
                name_key=search_key(f"{given} {family}")[:250],
            )
        )
    for row_id, full_name in bind.execute(sa.select(users.c.id, users.c.full_name)).all():
        bind.execute(
            users.update()
            .where(users.c.id == row_id)
            .values(full_name_latin=passport_latin(full_name or "")[:200])
        )


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("full_name_latin")
    with op.batch_alter_table("registrations") as batch_op:
        batch_op.drop_index("ix_registrations_event_name_key")
        for name in (
            "name_key",
            "organisation_latin",
            "passport_family_name",
            "passport_given_name",
        ):
            batch_op.drop_column(name)
