"""Reasons demanded and given as case events (fvl § 24 second paragraph, § 29 third paragraph)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 09:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# The event types as the portal has them at each revision (portal/rules/case_status.py),
# written out: tests/web/test_migrations.py checks the newest against the models.
BEFORE = ('received', 'assessment_started', 'preliminary_reply', 'decision', 'appeal_received',
          'appeal_forwarded', 'appeal_decided', 'withdrawn', 'closed')
AFTER = ('received', 'assessment_started', 'preliminary_reply', 'decision', 'reasons_requested', 'reasons_given',
         'appeal_received', 'appeal_forwarded', 'appeal_decided', 'withdrawn', 'closed')


def _check(types):
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_case_event_type'), type_='check')
        batch_op.create_check_constraint(op.f('ck_case_event_type'), sa.column('type').in_(types))


def upgrade():
    _check(AFTER)


def downgrade():
    # The demands and the reasons go with the types: the appeal deadline is then counted from
    # the day each decision reached the person, as before.
    op.execute(sa.text("DELETE FROM case_event WHERE type IN ('reasons_requested', 'reasons_given')"))
    _check(BEFORE)
