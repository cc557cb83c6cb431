"""Checks on the codes each column holds and on a file's one owner; a submission's channel and language as columns

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# The codes as the portal has them at this revision (portal/rules, portal/roles.py,
# portal/i18n.py), written out: a migration stays what it was when the codes change later,
# in a migration of their own. tests/web/test_migrations.py checks they match the models.
SERVICES = ('stottekontakt', 'bpa', 'ledsagerbevis')
KINDS = ('application', 'appeal', 'volunteer')
LANGUAGES = ('nb', 'en')
VOLUNTEER_STATES = ('applied', 'interviewed', 'certificate_received', 'approved', 'engaged', 'inactive')
CHECKS = {
    'account': {'role': ('citizen', 'caseworker', 'admin', 'ombud'), 'preferred_language': LANGUAGES},
    'access_log': {'actor_role': ('representative', 'caseworker', 'ombud', 'system')},
    'authority': {
        'basis': ('parent', 'verge', 'fullmakt', 'ombud'),
        'proof': ('declaration', 'document', 'digital'),
        'state': ('requested', 'awaiting_document', 'awaiting_verification', 'active', 'declined', 'rejected',
                  'revoked'),
        'ended_by': ('person', 'representative', 'municipality'),
    },
    'draft': {'kind': KINDS, 'service': SERVICES},
    'submission': {
        'kind': KINDS, 'service': SERVICES, 'intake_state': ('new', 'received'),
        'channel': ('online', 'paper', 'phone'), 'language': LANGUAGES,
    },
    'reference_counter': {'prefix': ('SK', 'LB', 'BPA', 'KL', 'FR')},
    'case_file': {
        'service': SERVICES,
        'status': ('submitted', 'received', 'under_assessment', 'preliminary_reply', 'decided', 'appeal_received',
                   'appeal_under_review', 'appeal_forwarded', 'appeal_decided', 'withdrawn', 'closed'),
    },
    'case_event': {
        'type': ('received', 'assessment_started', 'preliminary_reply', 'decision', 'appeal_received',
                 'appeal_forwarded', 'appeal_decided', 'withdrawn', 'closed'),
    },
    'volunteer': {'state': VOLUNTEER_STATES, 'per': ('week', 'month')},
    'volunteer_event': {'state': VOLUNTEER_STATES},
    'volunteer_report': {'kind': ('timesheet', 'half_year')},
    'attachment': {
        'kind': ('supporting', 'doctor_statement', 'photo', 'verge_appointment', 'signed_fullmakt',
                 'police_certificate', 'receipt'),
        'content_type': ('application/pdf', 'image/jpeg', 'image/png'),
    },
}
# What a file belongs to: exactly one of these (account_id is who uploaded it, not an owner).
OWNERS = ('draft_id', 'submission_id', 'authority_id', 'volunteer_id', 'volunteer_report_id')
ONE_OWNER = ' + '.join(f'(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)' for c in OWNERS) + ' = 1'


def upgrade():
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('language', sa.String(length=2), nullable=True))
    # From each submission's document, which keeps them too. A document without them was
    # sent in the portal before they were written down: online, in Bokmål.
    submission = sa.table('submission', sa.column('document', sa.JSON), sa.column('channel', sa.String),
                          sa.column('language', sa.String))
    op.execute(submission.update().values(
        channel=sa.func.coalesce(submission.c.document['channel'].as_string(), 'online'),
        language=sa.func.coalesce(submission.c.document['language'].as_string(), 'nb')))

    attachment = sa.table('attachment', *[sa.column(c, sa.Integer) for c in OWNERS])
    # A file sent with an application kept its draft as well: it is the submission's alone.
    op.execute(attachment.update().where(attachment.c.submission_id.is_not(None),
                                         attachment.c.draft_id.is_not(None)).values(draft_id=None))
    # A file with no owner at all can be reached by nobody. There should be none (every file is
    # stored for a draft, an authority or a volunteer, and a draft's files go before it does);
    # should one be found, its row goes, as the check below would refuse it.
    op.execute(attachment.delete().where(*[attachment.c[c].is_(None) for c in OWNERS]))

    for table, columns in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == 'submission':
                batch_op.alter_column('channel', existing_type=sa.String(length=10), nullable=False)
                batch_op.alter_column('language', existing_type=sa.String(length=2), nullable=False)
            for column, values in columns.items():
                batch_op.create_check_constraint(op.f(f'ck_{table}_{column}'), sa.column(column).in_(values))
            if table == 'attachment':
                batch_op.create_check_constraint(op.f('ck_attachment_one_owner'), sa.text(ONE_OWNER))


def downgrade():
    for table, columns in reversed(CHECKS.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == 'attachment':
                batch_op.drop_constraint(op.f('ck_attachment_one_owner'), type_='check')
            for column in columns:
                batch_op.drop_constraint(op.f(f'ck_{table}_{column}'), type_='check')
            if table == 'submission':
                batch_op.drop_column('language')
                batch_op.drop_column('channel')
    # As 0010 kept them: a file sent with an application is its draft's as well.
    op.execute("UPDATE attachment SET draft_id = "
               "(SELECT submission.draft_id FROM submission WHERE submission.id = attachment.submission_id) "
               "WHERE submission_id IS NOT NULL")
