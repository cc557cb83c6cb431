"""The schema comes only from migrations, and they match the models."""
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
            db.session.execute(text(
                "INSERT INTO submission (reference, kind, service, document, submitted_at, intake_state) "
                "VALUES ('SK-2026-000001', 'application', 'stottekontakt', :doc, :at, 'new')"),
                {"doc": '{"answers": {"person": {"full_name": "Kari Nordmann", "national_id": "01019012480"}}}',
                 "at": clock.now()})
            db.session.commit()
        finally:
            upgrade()
        row = db.session.execute(text(
            "SELECT person.national_id, person.name FROM submission JOIN person ON person.id = submission.person_id"
        )).one()
        assert tuple(row) == ("01019012480", "Kari Nordmann")
        db.session.execute(text("DELETE FROM submission"))
        db.session.commit()


def test_applications_sent_before_cases_were_kept_get_a_case(app):
    """Migration 0007 opens a case, status "submitted", for each earlier application, its reply
    due a month after it came (fvl § 11 a), on the next working day: 25 December 2026 is
    Christmas Day, the 26th a holiday and the 27th a Sunday. The days are given, not now."""
    from datetime import datetime, timezone

    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    with app.app_context():
        downgrade(revision="0006")
        try:
            for number, state in ((1, "new"), (2, "received")):
                db.session.execute(text(
                    "INSERT INTO submission (reference, kind, service, document, submitted_at, intake_state) "
                    "VALUES (:ref, 'application', 'bpa', '{}', :at, :state)"),
                    {"ref": f"BPA-2026-00000{number}", "at": datetime(2026, 11, 25, 10, tzinfo=timezone.utc),
                     "state": state})
            db.session.commit()
        finally:
            upgrade()
        rows = db.session.execute(text("SELECT reference, status, reply_due FROM case_file ORDER BY reference")).all()
        assert [(r[0], r[1], str(r[2])) for r in rows] == [("BPA-2026-000001", "submitted", "2026-12-28"),
                                                          ("BPA-2026-000002", "received", "2026-12-28")]
        assert db.session.execute(text("SELECT type FROM case_event")).scalars().all() == ["received"]
        db.session.execute(text("DELETE FROM case_event"))
        db.session.execute(text("DELETE FROM case_file"))
        db.session.execute(text("DELETE FROM submission"))
        db.session.commit()
