"""Attachments

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 16:32:46.052079

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('draft_id', sa.Integer(), nullable=True),
    sa.Column('submission_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=50), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('storage_name', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_attachment_account_id_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['draft_id'], ['draft.id'], name=op.f('fk_attachment_draft_id_draft'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_attachment_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')),
    sa.UniqueConstraint('public_id', name=op.f('uq_attachment_public_id')),
    sa.UniqueConstraint('storage_name', name=op.f('uq_attachment_storage_name'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_draft_id'), ['draft_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_submission_id'), ['submission_id'], unique=False)



def downgrade():
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_submission_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_draft_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_account_id'))

    op.drop_table('attachment')
