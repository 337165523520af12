"""scans keep a digest of the request sent with their nonce

The same nonce sent again is a retry and gets the first answer, but only when
it asks the same thing (badge or person, checkpoint, direction): the digest is
compared, and a used nonce with another request is refused (409). Scans
recorded before this revision have no digest and are judged as before.

Revision ID: 5b7d2e8f1a93
Revises: 3c1f0a9d6e42
Create Date: 2026-12-02 00:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5b7d2e8f1a93"
down_revision = "3c1f0a9d6e42"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_digest", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.drop_column("request_digest")
