"""print runs of a delegation's pile: print_runs.delegation_id (issue 15)

Revision ID: a7d3e5f19c42
Revises: e2b7f4c91a30
Create Date: 2026-12-02 11:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a7d3e5f19c42"
down_revision = "e2b7f4c91a30"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("print_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delegation_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_print_runs_delegation_id"), ["delegation_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_print_runs_delegation_id_delegations"),
            "delegations",
            ["delegation_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade():
    with op.batch_alter_table("print_runs", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_print_runs_delegation_id_delegations"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_print_runs_delegation_id"))
        batch_op.drop_column("delegation_id")
