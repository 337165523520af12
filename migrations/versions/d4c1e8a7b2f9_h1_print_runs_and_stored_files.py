"""Badge print runs through the task queue (issue 15): print_runs holds each run's state,
progress, heartbeat and claim, so that any web server follows it and another worker takes
it over; stored_files keeps generated files (the runs' PDFs) in the database when no
shared FILE_STORAGE_DIR is configured

Revision ID: d4c1e8a7b2f9
Revises: c7d1e5a2f9b3
Create Date: 2026-12-02 06:40:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "d4c1e8a7b2f9"
down_revision = "c7d1e5a2f9b3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "print_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("layout", sa.String(length=10), nullable=False),
        sa.Column("registration_ids", sa.JSON(), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("mark_printed", sa.Boolean(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "queued",
                "running",
                "done",
                "failed",
                name="print_run_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claim", sa.String(length=32), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("file_key", sa.String(length=200), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "done >= 0 AND done <= total", name=op.f("ck_print_runs_done_within_total")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_print_runs_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_print_runs_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_runs")),
        sa.UniqueConstraint("public_id", name=op.f("uq_print_runs_public_id")),
    )
    with op.batch_alter_table("print_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_print_runs_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_print_runs_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(
            "ix_print_runs_state_heartbeat", ["state", "heartbeat_at"], unique=False
        )

    op.create_table(
        "stored_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_files")),
        sa.UniqueConstraint("key", name=op.f("uq_stored_files_key")),
    )
    with op.batch_alter_table("stored_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stored_files_expires_at"), ["expires_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("stored_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stored_files_expires_at"))
    op.drop_table("stored_files")
    with op.batch_alter_table("print_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_print_runs_state_heartbeat")
        batch_op.drop_index(batch_op.f("ix_print_runs_expires_at"))
        batch_op.drop_index(batch_op.f("ix_print_runs_event_id"))
    op.drop_table("print_runs")
