"""The database keeps the model's rules itself, on SQLite and on PostgreSQL alike: a column
of codes holds only the codes the portal has (portal/rules, portal/roles.py, portal/i18n.py),
and a file belongs to exactly one thing."""

import re
import uuid

import pytest
from sqlalchemy import CheckConstraint
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import (
    AccessLogEntry,
    Account,
    ArchiveDelivery,
    Assignment,
    Attachment,
    Authority,
    Case,
    CaseEvent,
    Draft,
    LoginSession,
    Person,
    ReferenceCounter,
    Submission,
    Volunteer,
    VolunteerEvent,
    VolunteerReport,
)
from portal.models.attachment import OWNERS

# Every column with a check on its codes, and the codes the check allows.
CODED = sorted(
    (
        table.name,
        check.name.removeprefix(f"ck_{table.name}_"),
        tuple(re.findall(r"'([^']*)'", str(check.sqltext.compile(compile_kwargs={"literal_binds": True})))),
    )
    for table in db.metadata.sorted_tables
    for check in table.constraints
    if isinstance(check, CheckConstraint) and check.name != "ck_attachment_one_owner"
)


@pytest.fixture
def rows(app, clock):
    """One row, made valid, in every table with a check; their ids by table."""
    now, today = clock.now(), clock.today()
    with app.app_context():
        account = Account(email="kari@example.org", created_at=now, preferred_language="nb", role="citizen")
        person = Person(national_id="01019012480", name="Kari Nordmann", created_at=now)
        db.session.add_all([account, person])
        db.session.flush()
        draft = Draft(
            account_id=account.id,
            service="stottekontakt",
            kind="application",
            answers={},
            created_at=now,
            updated_at=now,
        )
        authority = Authority(
            basis="fullmakt",
            proof="digital",
            person_id=person.id,
            person_name="Kari Nordmann",
            representative_account_id=account.id,
            representative_name="Ola Nordmann",
            scopes=["apply"],
            services=["bpa"],
            valid_from=today,
            state="requested",
            created_at=now,
        )
        db.session.add_all([draft, authority])
        db.session.flush()
        submission, offer = (
            Submission(
                reference=reference,
                kind=kind,
                service="stottekontakt",
                account_id=account.id,
                person_id=person.id,
                document={},
                submitted_at=now,
                intake_state="new",
                channel="online",
                language="nb",
            )
            for reference, kind in (("SK-2026-000001", "application"), ("FR-2026-000001", "volunteer"))
        )
        db.session.add_all([submission, offer, ReferenceCounter(prefix="SK", year=2026, last=1)])
        db.session.flush()
        case = Case(
            reference=submission.reference,
            submission_id=submission.id,
            submitted_at=now,
            service="stottekontakt",
            person_id=person.id,
            status="submitted",
            received_on=today,
            reply_due=today,
            appeal_waiting=False,
            created_at=now,
            updated_at=now,
        )
        volunteer = Volunteer(
            submission_id=offer.id,
            name="Vera Frivillig",
            state="applied",
            times=[],
            groups=[],
            interests=[],
            per="week",
            created_at=now,
            updated_at=now,
        )
        db.session.add_all(
            [
                case,
                volunteer,
                AccessLogEntry(
                    at=now,
                    person_id=person.id,
                    account_id=account.id,
                    actor_role="caseworker",
                    actor_name="Sara",
                    action="submission.view",
                    submission_id=submission.id,
                ),
            ]
        )
        db.session.flush()
        assignment = Assignment(volunteer_id=volunteer.id, case_id=case.id, started_on=today, created_at=now)
        db.session.add_all(
            [
                assignment,
                CaseEvent(case_id=case.id, type="received", occurred_on=today, data={}, recorded_at=now),
                VolunteerEvent(volunteer_id=volunteer.id, state="applied", at=now),
            ]
        )
        db.session.flush()
        report = VolunteerReport(
            assignment_id=assignment.id, kind="timesheet", period=today.replace(day=1), document={}, submitted_at=now
        )
        db.session.add(report)
        db.session.flush()
        db.session.add(_file(account.id, draft_id=draft.id))
        db.session.add(LoginSession(account_id=account.id, token_hash="0" * 64, method="password", created_at=now))
        db.session.add(
            ArchiveDelivery(
                submission_id=submission.id, state="pending", created_at=now, attempts=0, next_attempt_at=now
            )
        )
        db.session.commit()
        return {
            "account": account.id,
            "draft": draft.id,
            "submission": submission.id,
            "authority": authority.id,
            "volunteer": volunteer.id,
            "volunteer_report": report.id,
        }


def _file(account_id: int, **owners) -> Attachment:
    from portal.rules import clock

    return Attachment(
        account_id=account_id,
        kind="supporting",
        filename="legeerklaering.pdf",
        content_type="application/pdf",
        size=100,
        storage_name=uuid.uuid4().hex,
        created_at=clock.now(),
        **owners,
    )


def _refused(statement=None, row=None) -> None:
    with pytest.raises(IntegrityError):
        if row is not None:
            db.session.add(row)
        if statement is not None:
            db.session.execute(statement)
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("table, column, codes", CODED, ids=[f"{t}.{c}" for t, c, _ in CODED])
def test_a_column_of_codes_takes_every_code_the_portal_has_and_refuses_any_other(app, rows, table, column, codes):
    assert codes, "the check names its codes"
    update = db.metadata.tables[table].update()
    with app.app_context():
        for code in codes:
            assert db.session.execute(update.values({column: code})).rowcount >= 1
        db.session.rollback()
        # Short enough for any of the columns (a language is two letters), and no code anywhere.
        _refused(update.values({column: "zz"}))


def test_an_unknown_kind_service_or_state_is_refused(app, rows, clock):
    now = clock.now()
    with app.app_context():
        sent = dict(
            reference="SK-2026-000009",
            account_id=rows["account"],
            document={},
            submitted_at=now,
            channel="online",
            language="nb",
            intake_state="new",
        )
        _refused(row=Submission(**sent, kind="letter", service="stottekontakt"))
        _refused(row=Submission(**sent, kind="application", service="dentist"))
        _refused(row=Submission(**{**sent, "intake_state": "lost"}, kind="application", service="bpa"))
        _refused(row=Submission(**{**sent, "channel": "email"}, kind="application", service="bpa"))
        _refused(
            row=Draft(
                account_id=rows["account"], service="bpa", kind="complaint", answers={}, created_at=now, updated_at=now
            )
        )
        # "expired" is worked out from the dates (portal.rules.authority), never stored.
        _refused(Authority.__table__.update().values(state="expired"))
        _refused(Case.__table__.update().values(status="lost"))
        _refused(Volunteer.__table__.update().values(state="retired"))


def test_a_file_belongs_to_exactly_one_owner(app, rows):
    with app.app_context():
        account = rows["account"]
        _refused(row=_file(account, draft_id=rows["draft"], submission_id=rows["submission"]))
        _refused(row=_file(account, authority_id=rows["authority"], volunteer_id=rows["volunteer"]))
        _refused(row=_file(account))  # the uploader is not an owner
        # Sent without leaving the draft: two owners.
        _refused(Attachment.__table__.update().values(submission_id=rows["submission"]))
        # The draft's link taken away alone: no owner.
        _refused(Attachment.__table__.update().values(draft_id=None))
        for owner in OWNERS:
            db.session.add(_file(account, **{owner: rows[owner.removesuffix("_id")]}))
            db.session.flush()
        db.session.rollback()


def test_the_codes_written_where_they_are_used_are_codes_the_database_takes():
    """Files are given their kind where they are asked for (the attachments pages, an authority's
    document, a volunteer's certificate and receipts); services have their reference prefixes."""
    from portal.apply.journeys import APPEAL, JOURNEYS, VOLUNTEER
    from portal.rules import files
    from portal.rules.references import PREFIXES
    from portal.rules.services import SERVICES

    asked = {
        code
        for journey in (*JOURNEYS.values(), APPEAL, VOLUNTEER)
        for step in journey.steps
        for code, _label in step.kinds
    }
    assert asked and asked <= set(files.KINDS)
    assert set(PREFIXES) == set(SERVICES)
