"""A volunteer's uploaded police certificate, and the day they signed the confidentiality declaration

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 17:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confidentiality_signed_on', sa.Date(), nullable=True))
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('volunteer_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_attachment_volunteer_id'), ['volunteer_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_attachment_volunteer_id_volunteer'), 'volunteer', ['volunteer_id'],
                                    ['id'], ondelete='CASCADE')


def downgrade():
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attachment_volunteer_id_volunteer'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_attachment_volunteer_id'))
        batch_op.drop_column('volunteer_id')
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.drop_column('confidentiality_signed_on')
