"""security vetting: the event's switch, each person's encrypted identity data, the hold

- vetting_settings: per event, whether participants are vetted and how many days after
  the event their identity data is kept.
- vettings: per registration, the status (missing, awaiting, cleared, refused,
  more_information), the identity data and the security service's note, each stored as
  a Fernet token (text; forum/vetting/crypto.py), and when it was given, answered, purged.
- registrations.vetting_hold (default false): held by vetting, hence not accredited
  even when approved. Added in place (recreate="never"), as other columns were.

Downgrade drops them.

Revision ID: 8e3b5d6f2a17
Revises: c091d93a5a4c
Create Date: 2026-12-02 03:59:34.552298

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8e3b5d6f2a17'
down_revision = 'c091d93a5a4c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('vetting_settings',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('retention_days', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('retention_days >= 0', name=op.f('ck_vetting_settings_retention_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_vetting_settings_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_vetting_settings'))
    )
    op.create_table('vettings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('missing', 'awaiting', 'cleared', 'refused', 'more_information', name='vetting_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('identity', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('purged_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_vettings_answered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_vettings_registration_id_registrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vettings')),
    sa.UniqueConstraint('registration_id', name=op.f('uq_vettings_registration_id'))
    )
    with op.batch_alter_table('vettings', schema=None) as batch_op:
        batch_op.create_index('ix_vettings_status', ['status'], unique=False)

    with op.batch_alter_table('registrations', recreate='never') as batch_op:
        batch_op.add_column(sa.Column('vetting_hold', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('registrations', recreate='never') as batch_op:
        batch_op.drop_column('vetting_hold')

    with op.batch_alter_table('vettings', schema=None) as batch_op:
        batch_op.drop_index('ix_vettings_status')

    op.drop_table('vettings')
    op.drop_table('vetting_settings')
