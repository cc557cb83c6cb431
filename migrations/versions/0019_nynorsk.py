"""Nynorsk beside Bokmål and English: an account's and a submission's language may be nn

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 09:00:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

# As the portal has them at each revision (portal/i18n.py LANGUAGES), written out.
BEFORE = ('nb', 'en')
AFTER = ('nb', 'nn', 'en')


def _check(table, name, column, values):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(name), type_='check')
        batch_op.create_check_constraint(op.f(name), sa.column(column).in_(values))


def upgrade():
    _check('account', 'ck_account_preferred_language', 'preferred_language', AFTER)
    _check('submission', 'ck_submission_language', 'language', AFTER)


def downgrade():
    # Bokmål is the nearest the portal had for a Nynorsk reader.
    op.execute(sa.text("UPDATE account SET preferred_language = 'nb' WHERE preferred_language = 'nn'"))
    op.execute(sa.text("UPDATE submission SET language = 'nb' WHERE language = 'nn'"))
    _check('submission', 'ck_submission_language', 'language', BEFORE)
    _check('account', 'ck_account_preferred_language', 'preferred_language', BEFORE)
