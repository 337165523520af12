"""scans indexed by registration and the time they were scanned

Who is inside is the person's latest accepted scan by scan time. With the old
index (registration, received_at), PostgreSQL could combine it with the
checkpoint index and read every scan of the entrance for each scan (seen with
statistics taken before the doors opened): the cost grew with the day's scans.

Revision ID: 3c1f0a9d6e42
Revises: 2e9b5508b248
Create Date: 2026-11-30 22:40:00.000000

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "3c1f0a9d6e42"
down_revision = "2e9b5508b248"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.drop_index("ix_scans_registration_received")
        batch_op.create_index(
            "ix_scans_registration_scanned", ["registration_id", "scanned_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.drop_index("ix_scans_registration_scanned")
        batch_op.create_index(
            "ix_scans_registration_received", ["registration_id", "received_at"], unique=False
        )
