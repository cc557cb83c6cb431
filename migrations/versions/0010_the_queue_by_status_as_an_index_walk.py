"""The queue by status as an index walk: a case keeps its submission's moment

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 17:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE case_file SET submitted_at = "
               "(SELECT submission.submitted_at FROM submission WHERE submission.id = case_file.submission_id)")
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.alter_column('submitted_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index('ix_case_file_status_queue', ['status', 'submitted_at', 'submission_id'], unique=False)


def downgrade():
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.drop_index('ix_case_file_status_queue')
        batch_op.drop_column('submitted_at')
