"""A parent's declaration ends the day before the child turns 16; a date of birth given where the number does not tell the year

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 08:00:00

From 16 the young person decides (pbrl § 4-3): a parent acts for them only with their own
written fullmakt (pbrl § 7-2 last paragraph, fvl § 12). Declarations stored until now last
to the day before the child turns 18; their last day moves to the day before the 16th
birthday, so the period the parent and the child see is the one that counts. Declarations
for a child who is 16 or 17 already allow nothing from now on (the rule in
portal/rules/authority.py); applications sent on them stay sent.

The birth date is read here with python-stdnum, as the portal stored it (the day before the
18th birthday), and nothing is changed where it cannot be read.
"""
from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def _birthday(born: date, age: int) -> date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # 29 February: 1 March in other years (portal.rules.authority.birthday)
        return date(born.year + age, 3, 1)


def _parent_declarations(connection):
    from stdnum.exceptions import ValidationError
    from stdnum.no import fodselsnummer

    rows = connection.execute(
        sa.text(
            "SELECT authority.id, authority.valid_until, person.national_id FROM authority "
            "JOIN person ON person.id = authority.person_id WHERE authority.basis = 'parent'"
        )
    )
    for authority_id, valid_until, national_id in rows.all():
        try:
            born = fodselsnummer.get_birth_date(national_id)
        except (ValidationError, ValueError):
            continue
        yield authority_id, valid_until, born


def _set_last_day(connection, age: int) -> None:
    for authority_id, valid_until, born in list(_parent_declarations(connection)):
        last_day = _birthday(born, age) - timedelta(days=1)
        if isinstance(valid_until, str):
            valid_until = date.fromisoformat(valid_until)
        if valid_until != last_day:
            connection.execute(
                sa.text("UPDATE authority SET valid_until = :day WHERE id = :id"), {"day": last_day, "id": authority_id}
            )


def upgrade():
    with op.batch_alter_table('authority', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person_birth_date', sa.Date(), nullable=True))
    _set_last_day(op.get_bind(), 16)


def downgrade():
    _set_last_day(op.get_bind(), 18)
    with op.batch_alter_table('authority', schema=None) as batch_op:
        batch_op.drop_column('person_birth_date')
