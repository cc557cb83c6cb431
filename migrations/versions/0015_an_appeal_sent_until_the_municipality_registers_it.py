"""An appeal sent in the portal reads as sent until the municipality registers it

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 09:00:00

The portal notes an appeal sent in it on the case it appeals (the event appeal_sent, the
status appeal_sent) instead of recording it as received: received is for the municipality to
say. Appeals sent before this revision keep the appeal_received the portal recorded for them.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

# As the portal has them at each revision (portal/rules/case_status.py), written out:
# tests/web/test_migrations.py checks the newest against the models.
TYPES_BEFORE = ('received', 'assessment_started', 'preliminary_reply', 'decision', 'reasons_requested',
                'reasons_given', 'appeal_received', 'appeal_forwarded', 'appeal_decided', 'withdrawn', 'closed')
TYPES_AFTER = TYPES_BEFORE + ('appeal_sent',)
STATUSES_BEFORE = ('submitted', 'received', 'under_assessment', 'preliminary_reply', 'decided', 'appeal_received',
                   'appeal_under_review', 'appeal_forwarded', 'appeal_decided', 'withdrawn', 'closed')
STATUSES_AFTER = ('submitted', 'received', 'under_assessment', 'preliminary_reply', 'decided', 'appeal_sent',
                  'appeal_received', 'appeal_under_review', 'appeal_forwarded', 'appeal_decided', 'withdrawn',
                  'closed')


def _check(table, name, column, values):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(name), type_='check')
        batch_op.create_check_constraint(op.f(name), sa.column(column).in_(values))


def upgrade():
    _check('case_event', 'ck_case_event_type', 'type', TYPES_AFTER)
    _check('case_file', 'ck_case_file_status', 'status', STATUSES_AFTER)


def downgrade():
    # As the portal did before: an appeal sent in it counts as received on the day it was sent.
    op.execute(sa.text(
        "UPDATE case_event SET type = 'appeal_received' WHERE type = 'appeal_sent'"
    ))
    op.execute(sa.text("UPDATE case_file SET status = 'appeal_received' WHERE status = 'appeal_sent'"))
    _check('case_file', 'ck_case_file_status', 'status', STATUSES_BEFORE)
    _check('case_event', 'ck_case_event_type', 'type', TYPES_BEFORE)
