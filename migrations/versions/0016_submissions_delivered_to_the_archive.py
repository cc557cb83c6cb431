"""Each submission's delivery to the municipality's archive (Fiks Arkiv), with the archive's numbers

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 06:00:00

What was sent before this migration is queued too: the archive must have every submission
(arkivlova § 6), and the oldest go first.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('archive_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=100), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('case_number', sa.String(length=40), nullable=True),
    sa.Column('record_number', sa.String(length=40), nullable=True),
    sa.CheckConstraint("state IN ('pending', 'sent', 'confirmed', 'failed')", name=op.f('ck_archive_delivery_state')),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_archive_delivery_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_delivery')),
    sa.UniqueConstraint('submission_id', name=op.f('uq_archive_delivery_submission_id'))
    )
    with op.batch_alter_table('archive_delivery', schema=None) as batch_op:
        batch_op.create_index('ix_archive_delivery_due', ['state', 'next_attempt_at', 'id'], unique=False)
    op.execute(
        "INSERT INTO archive_delivery (submission_id, state, created_at, attempts, next_attempt_at) "
        "SELECT id, 'pending', submitted_at, 0, submitted_at FROM submission ORDER BY id"
    )


def downgrade():
    with op.batch_alter_table('archive_delivery', schema=None) as batch_op:
        batch_op.drop_index('ix_archive_delivery_due')
    op.drop_table('archive_delivery')
