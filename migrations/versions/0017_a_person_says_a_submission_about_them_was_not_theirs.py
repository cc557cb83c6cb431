"""A person says a submission about them, sent by someone whose identity was not verified, was not theirs

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 09:00:00

The person's word is kept beside the submission, which stays as it was, and the access log
may name the person themselves as the one who acted (actor_role 'person').
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

# As the portal has them at each revision (portal/models/access_log.py), written out:
# tests/web/test_migrations.py checks the newest against the models.
ROLES_BEFORE = ('representative', 'caseworker', 'ombud', 'system')
ROLES_AFTER = ROLES_BEFORE + ('person',)


def _roles(values):
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_access_log_actor_role'), type_='check')
        batch_op.create_check_constraint(op.f('ck_access_log_actor_role'), sa.column('actor_role').in_(values))


def upgrade():
    op.create_table('submission_dispute',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('disputed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('comment', sa.String(length=1000), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_submission_dispute_account_id_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_submission_dispute_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_dispute')),
    sa.UniqueConstraint('submission_id', name=op.f('uq_submission_dispute_submission_id'))
    )
    _roles(ROLES_AFTER)


def downgrade():
    # The person's own entries go with the role: the disputes they recorded go with the table.
    op.execute(sa.text("DELETE FROM access_log WHERE actor_role = 'person'"))
    _roles(ROLES_BEFORE)
    op.drop_table('submission_dispute')
