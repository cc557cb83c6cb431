"""What was posted to a page after its log-in had ended, kept until the person logs in again, and
the log-in each CSRF token belongs to

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 06:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'kept_form',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('path', sa.String(length=500), nullable=False),
        sa.Column('fields', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_kept_form_account_id_account'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_form')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_kept_form_token_hash')),
    )
    with op.batch_alter_table('kept_form', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kept_form_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kept_form_created_at'), ['created_at'], unique=False)
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('form_token_hash', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_login_session_form_token_hash'), ['form_token_hash'], unique=False)


def downgrade():
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_form_token_hash'))
        batch_op.drop_column('form_token_hash')
    with op.batch_alter_table('kept_form', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kept_form_created_at'))
        batch_op.drop_index(batch_op.f('ix_kept_form_account_id'))
    op.drop_table('kept_form')
