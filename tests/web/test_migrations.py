"""The schema comes only from migrations, and they match the models."""

import re
from datetime import UTC, timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from portal.extensions import db


def test_the_migrated_schema_matches_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == [], "a model changed without a migration: run flask --app portal db migrate"


def test_submissions_sent_before_people_were_kept_get_their_person(app, clock):
    """Migration 0006 links earlier submissions to the person their answers name."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    with app.app_context():
        downgrade(revision="0005")
        try:
            db.session.execute(
                text(
                    "INSERT INTO submission (reference, kind, service, document, submitted_at, intake_state) "
                    "VALUES ('SK-2026-000001', 'application', 'stottekontakt', :doc, :at, 'new')"
                ),
                {
                    "doc": '{"answers": {"person": {"full_name": "Kari Nordmann", "national_id": "01019012480"}}}',
                    "at": clock.now(),
                },
            )
            db.session.commit()
        finally:
            upgrade()
        row = db.session.execute(
            text(
                "SELECT person.national_id, person.name FROM submission JOIN person ON person.id = submission.person_id"
            )
        ).one()
        assert tuple(row) == ("01019012480", "Kari Nordmann")
        db.session.execute(text("DELETE FROM submission"))
        db.session.commit()


def test_applications_sent_before_cases_were_kept_get_a_case(app):
    """Migration 0007 opens a case, status "submitted", for each earlier application, its reply
    due a month after it came (fvl § 11 a), on the next working day: 25 December 2026 is
    Christmas Day, the 26th a holiday and the 27th a Sunday. The days are given, not now."""
    from datetime import datetime

    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    with app.app_context():
        downgrade(revision="0006")
        try:
            for number, state in ((1, "new"), (2, "received")):
                db.session.execute(
                    text(
                        "INSERT INTO submission (reference, kind, service, document, submitted_at, intake_state) "
                        "VALUES (:ref, 'application', 'bpa', '{}', :at, :state)"
                    ),
                    {"ref": f"BPA-2026-00000{number}", "at": datetime(2026, 11, 25, 10, tzinfo=UTC), "state": state},
                )
            db.session.commit()
        finally:
            upgrade()
        rows = db.session.execute(text("SELECT reference, status, reply_due FROM case_file ORDER BY reference")).all()
        assert [(r[0], r[1], str(r[2])) for r in rows] == [
            ("BPA-2026-000001", "submitted", "2026-12-28"),
            ("BPA-2026-000002", "received", "2026-12-28"),
        ]
        assert db.session.execute(text("SELECT type FROM case_event")).scalars().all() == ["received"]
        db.session.execute(text("DELETE FROM case_event"))
        db.session.execute(text("DELETE FROM case_file"))
        db.session.execute(text("DELETE FROM submission"))
        db.session.commit()


def _check_parts(sqltext: str, columns: list[str]) -> tuple[set[str], set[str]]:
    """What a CHECK constraint allows, as each database writes it back: the quoted codes in
    it, and the columns it names (PostgreSQL adds casts and ARRAY[...], SQLite keeps IN (...))."""
    codes = set(re.findall(r"'([^']*)'", sqltext))
    bare = re.sub(r"'[^']*'", "", sqltext)
    return codes, {c for c in columns if re.search(rf"\b{c}\b", bare)}


def test_the_migrated_checks_are_the_models_checks(app):
    """compare_metadata does not compare CHECK constraints, so they are compared here: a code
    added to portal/rules (or taken away) needs a migration that changes the check."""
    from sqlalchemy import CheckConstraint, inspect

    with app.app_context(), db.engine.connect() as connection:
        inspector = inspect(connection)
        found, wanted = {}, {}
        for table in db.metadata.sorted_tables:
            columns = [c.name for c in table.columns]
            for check in inspector.get_check_constraints(table.name):
                found[f"{table.name}: {check['name']}"] = _check_parts(check["sqltext"], columns)
            for check in table.constraints:
                if isinstance(check, CheckConstraint):
                    sql = str(check.sqltext.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
                    wanted[f"{table.name}: {check.name}"] = _check_parts(sql, columns)
    assert found == wanted
    assert "attachment: ck_attachment_one_owner" in found and "submission: ck_submission_channel" in found


def test_submissions_and_files_as_0010_left_them_get_a_channel_a_language_and_one_owner(app, clock):
    """Migration 0011 copies the channel and language out of each document (one without them
    was sent online, in Bokmål), and a file sent with an application belongs to the submission
    alone, no longer also to its draft. Its downgrade gives the draft back."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    def one(sql, **values):
        return db.session.execute(text(sql), values).scalar()

    with app.app_context():
        downgrade(revision="0010")
        try:
            now = clock.now()
            account = one(
                "INSERT INTO account (email, created_at, preferred_language, role) "
                "VALUES ('kari@example.org', :at, 'en', 'citizen') RETURNING id",
                at=now,
            )
            drafts = [
                one(
                    "INSERT INTO draft (public_id, account_id, service, kind, answers, created_at, updated_at) "
                    "VALUES (:public_id, :account, 'stottekontakt', 'application', '{}', :at, :at) RETURNING id",
                    public_id=f"draft{n}",
                    account=account,
                    at=now,
                )
                for n in (1, 2)
            ]
            submissions = {}
            for reference, document, draft in (
                ("SK-2026-000001", '{"channel": "online", "language": "en"}', drafts[0]),
                ("SK-2026-000002", '{"channel": "paper", "language": "nb"}', None),
                ("SK-2026-000003", '{"answers": {}}', None),
            ):
                submissions[reference] = one(
                    "INSERT INTO submission (reference, kind, service, draft_id, document, submitted_at, intake_state) "
                    "VALUES (:reference, 'application', 'stottekontakt', :draft, :document, :at, 'new') RETURNING id",
                    reference=reference,
                    draft=draft,
                    document=document,
                    at=now,
                )
            for name, draft, submission in (
                ("sent", drafts[0], submissions["SK-2026-000001"]),
                ("unsent", drafts[1], None),
            ):
                db.session.execute(
                    text(
                        "INSERT INTO attachment (public_id, account_id, draft_id, submission_id, kind, filename, "
                        "content_type, size, storage_name, created_at) VALUES (:name, :account, :draft, :submission, "
                        "'supporting', 'a.pdf', 'application/pdf', 10, :name, :at)"
                    ),
                    {"name": name, "account": account, "draft": draft, "submission": submission, "at": now},
                )
            db.session.commit()
        finally:
            upgrade()
        rows = db.session.execute(text("SELECT reference, channel, language FROM submission ORDER BY reference")).all()
        assert [tuple(r) for r in rows] == [
            ("SK-2026-000001", "online", "en"),
            ("SK-2026-000002", "paper", "nb"),
            ("SK-2026-000003", "online", "nb"),
        ]
        owners = "SELECT public_id, draft_id, submission_id FROM attachment ORDER BY public_id"
        assert [tuple(r) for r in db.session.execute(text(owners))] == [
            ("sent", None, submissions["SK-2026-000001"]),
            ("unsent", drafts[1], None),
        ]
        db.session.commit()
        downgrade(revision="0010")
        try:
            assert [tuple(r) for r in db.session.execute(text(owners))] == [
                ("sent", drafts[0], submissions["SK-2026-000001"]),
                ("unsent", drafts[1], None),
            ]
            db.session.commit()
        finally:
            upgrade()


def test_0013_lets_a_case_hold_reasons_demanded_and_given_and_its_downgrade_takes_them_out(apply_app, clock):
    """fvl § 24 second paragraph and § 29 third paragraph as events: the database's check on
    the event types takes them from 0013 on; going back to 0012 removes them, and only them."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from portal.services import submissions
    from tests.helpers import decision, record

    with apply_app.app_context():
        reference = submissions.register_offline("paper", "stottekontakt", "Per Papir", "01019012480")[0].reference
    today = clock.today().isoformat()
    record(apply_app, reference, "decision", **decision(with_reasons=False))
    record(apply_app, reference, "reasons_requested", requested_on=today)
    record(apply_app, reference, "reasons_given", notified_on=today)
    types = "SELECT type FROM case_event ORDER BY id"
    with apply_app.app_context():
        downgrade(revision="0012")
        try:
            assert db.session.execute(text(types)).scalars().all() == ["decision"]
            db.session.commit()
        finally:
            upgrade()


def test_parents_declarations_as_0013_left_them_last_to_the_day_before_the_sixteenth_birthday(app, clock):
    """pbrl § 4-3 (LEGAL.md): a parent's declaration counts until the child turns 16, no longer
    to 18. Migration 0014 moves the last day of declarations stored before, so what the parent
    and the child see is what counts; other authorities keep theirs. Its downgrade moves it
    back to the day before the 18th birthday."""
    from datetime import date

    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    def one(sql, **values):
        return db.session.execute(text(sql), values).scalar()

    def last_days():
        rows = db.session.execute(text("SELECT basis, valid_until FROM authority ORDER BY id")).all()
        db.session.rollback()  # no open transaction for the migration to wait on (PostgreSQL's locks)
        return [(basis, str(day)) for basis, day in rows]

    with app.app_context():
        downgrade(revision="0013")
        try:
            now = clock.now()
            account = one(
                "INSERT INTO account (email, created_at, preferred_language, role) "
                "VALUES ('rita@example.org', :at, 'nb', 'citizen') RETURNING id",
                at=now,
            )
            for n, (basis, number, until) in enumerate(
                (
                    ("parent", "01011250013", date(2030, 1, 1) - timedelta(days=1)),  # born 1.1.2012
                    ("parent", "29021250048", date(2030, 3, 1) - timedelta(days=1)),  # born 29.2.2012
                    ("fullmakt", "01019012480", date(2030, 6, 30)),
                )
            ):
                person = one(
                    "INSERT INTO person (national_id, name, created_at) VALUES (:n, 'Ola', :at) RETURNING id",
                    n=number,
                    at=now,
                )
                db.session.execute(
                    text(
                        "INSERT INTO authority (public_id, basis, proof, person_id, person_name, "
                        "representative_account_id, representative_name, scopes, services, valid_from, valid_until, "
                        "state, created_at) VALUES (:public_id, :basis, 'declaration', :person, 'Ola', :account, "
                        "'Rita', '[]', '[]', :today, :until, 'active', :at)"
                    ),
                    {
                        "public_id": f"authority{n}",
                        "basis": basis,
                        "person": person,
                        "account": account,
                        "today": clock.today(),
                        "until": until,
                        "at": now,
                    },
                )
            db.session.commit()
        finally:
            upgrade()
        assert last_days() == [("parent", "2027-12-31"), ("parent", "2028-02-28"), ("fullmakt", "2030-06-30")]
        downgrade(revision="0013")
        try:
            assert last_days() == [("parent", "2029-12-31"), ("parent", "2030-02-28"), ("fullmakt", "2030-06-30")]
        finally:
            upgrade()
        db.session.execute(text("DELETE FROM authority"))
        db.session.execute(text("DELETE FROM person"))
        db.session.execute(text("DELETE FROM account"))
        db.session.commit()
