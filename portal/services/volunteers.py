"""Volunteers: the application becomes a row in the register; caseworkers move each through
its states and engage them for people granted a støttekontakt; engaged volunteers hand in
timesheets and half-year reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Account, Assignment, Attachment, Case, Submission, Volunteer, VolunteerEvent, VolunteerReport
from ..rules import clock, matching, volunteers as rules
from ..rules.clock import today
from ..rules.identity import age_from_number
from . import attachments
from .transaction import transaction


class VolunteerProblem(ValueError):
    """Why a change cannot be made: not_allowed, certificate_missing, certificate_too_old,
    already_sent, not_engaged, no_room."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def create_from(submission: Submission, account: Account) -> Volunteer:
    """The register's row for a volunteer application just sent (in the caller's transaction)."""
    answers = submission.document["answers"]
    driving = answers.get("driving") or {}
    interests = answers.get("interests") or {}
    availability = answers.get("availability") or {}
    capacity = answers.get("capacity") or {}
    volunteer = Volunteer(
        account_id=account.id,
        submission_id=submission.id,
        name=(answers.get("about_you") or {}).get("full_name", ""),
        state=rules.APPLIED,
        times=list(availability.get("times") or []),
        groups=list(availability.get("groups") or []),
        interests=list(interests.get("interests") or []),
        interests_text=interests.get("hobbies") or "",
        has_car=driving.get("has_car") == "yes",
        has_licence=driving.get("has_licence") == "yes",
        capacity=int(capacity.get("people") or 1),
        hours=capacity.get("hours"),
        per=capacity.get("per"),
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    db.session.add(volunteer)
    db.session.flush()
    db.session.add(VolunteerEvent(volunteer_id=volunteer.id, state=rules.APPLIED, note="", at=clock.now()))
    return volunteer


def of_account(account: Account) -> Volunteer | None:
    return db.session.scalar(select(Volunteer).where(Volunteer.account_id == account.id).order_by(Volunteer.id.desc()))


def of_submission(submission: Submission) -> Volunteer | None:
    return db.session.scalar(select(Volunteer).where(Volunteer.submission_id == submission.id))


@transaction
def upload_certificate(account: Account, volunteer: Volunteer, stream, filename: str):
    """The volunteer's police certificate: a new one replaces the one before."""

    stored = attachments.store(account, stream, filename, "police_certificate", volunteer=volunteer)
    for older in db.session.scalars(
        select(Attachment).where(Attachment.volunteer_id == volunteer.id, Attachment.id != stored.id)
    ):
        attachments.discard(older)
    return stored


def certificate_of(volunteer: Volunteer):

    return db.session.scalar(select(Attachment).where(Attachment.volunteer_id == volunteer.id))


def find(public_id: str) -> Volunteer | None:
    return db.session.scalar(select(Volunteer).where(Volunteer.public_id == public_id))


def history(volunteer: Volunteer) -> list[VolunteerEvent]:
    return list(
        db.session.scalars(
            select(VolunteerEvent).where(VolunteerEvent.volunteer_id == volunteer.id).order_by(VolunteerEvent.id)
        )
    )


@dataclass(frozen=True)
class RegisterFilters:
    state: str | None = None
    times: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    car: bool = False


def search(filters: RegisterFilters) -> list[Volunteer]:
    """The register, newest first, with those who can do all the times, groups and interests asked for."""
    query = select(Volunteer).order_by(Volunteer.created_at.desc(), Volunteer.id.desc())
    if filters.state:
        query = query.where(Volunteer.state == filters.state)
    if filters.car:
        query = query.where(Volunteer.has_car.is_(True))
    found = db.session.scalars(query)
    # Lists in JSON are filtered here: the register holds hundreds, not millions.
    return [
        v
        for v in found
        if set(filters.times) <= set(v.times)
        and set(filters.groups) <= set(v.groups)
        and set(filters.interests) <= set(v.interests)
    ]


@transaction
def move(
    caseworker: Account, volunteer: Volunteer, to: str, note: str = "", certificate_issued_on: date | None = None
) -> None:
    if not rules.may_move(volunteer.state, to):
        raise VolunteerProblem("not_allowed")
    if to == rules.INACTIVE:
        # Someone who stops is støttekontakt for nobody from today.
        for running in db.session.scalars(
            select(Assignment).where(Assignment.volunteer_id == volunteer.id, Assignment.ended_on.is_(None))
        ):
            running.ended_on = today()
    if to == rules.CERTIFICATE_RECEIVED:
        if certificate_issued_on is None:
            raise VolunteerProblem("certificate_missing")
        volunteer.certificate_issued_on = certificate_issued_on
    volunteer.state = to
    volunteer.updated_at = clock.now()
    db.session.add(
        VolunteerEvent(volunteer_id=volunteer.id, state=to, note=note, at=clock.now(), by_account_id=caseworker.id)
    )


@transaction
def correct_certificate_date(caseworker: Account, volunteer: Volunteer, issued_on: date) -> None:
    """A police certificate's date recorded wrong is put right, and the history says so."""
    if volunteer.certificate_issued_on is None:
        raise VolunteerProblem("certificate_missing")
    before = volunteer.certificate_issued_on
    volunteer.certificate_issued_on = issued_on
    volunteer.updated_at = clock.now()
    db.session.add(
        VolunteerEvent(
            volunteer_id=volunteer.id,
            state=volunteer.state,
            note=f"{before:%d.%m.%Y} → {issued_on:%d.%m.%Y}",
            at=clock.now(),
            by_account_id=caseworker.id,
        )
    )


def assignments_of(volunteer: Volunteer) -> list[Assignment]:
    return list(
        db.session.scalars(
            select(Assignment).where(Assignment.volunteer_id == volunteer.id).order_by(Assignment.started_on)
        )
    )


@transaction
def end_assignment(caseworker: Account, assignment: Assignment, on: date | None = None) -> None:
    """The volunteer stops being støttekontakt for this person. The last timesheets can still come."""
    if assignment.ended_on is None:
        assignment.ended_on = on or today()
        db.session.add(
            VolunteerEvent(
                volunteer_id=assignment.volunteer_id,
                state=assignment.volunteer.state,
                note=f"{assignment.case.reference}: ended",
                at=clock.now(),
                by_account_id=caseworker.id,
            )
        )


def _sent(assignment: Assignment, kind: str, reports: list[VolunteerReport] | None) -> set[date]:
    """The periods handed in; `reports` when the caller has read them already."""
    return {r.period for r in (reports if reports is not None else reports_of(assignment)) if r.kind == kind}


def missing_timesheets(assignment: Assignment, reports: list[VolunteerReport] | None = None) -> list[date]:
    """Months worked whose timesheet is past the 15th and not handed in."""
    sent = _sent(assignment, "timesheet", reports)
    last = assignment.ended_on or today()
    return [
        m
        for m in rules.months_worked(assignment.started_on, last + timedelta(days=31))
        if m not in sent and rules.timesheet_due(m) < today() and m <= last
    ]


def engaged_in(case: Case) -> list[Assignment]:
    return list(
        db.session.scalars(select(Assignment).where(Assignment.case_id == case.id, Assignment.ended_on.is_(None)))
    )


def taken(volunteer: Volunteer) -> int:
    return db.session.execute(
        select(func.count(Assignment.id)).where(Assignment.volunteer_id == volunteer.id, Assignment.ended_on.is_(None))
    ).scalar_one()


# -- Matching and engaging ------------------------------------------------------------------------


def need_of(case: Case) -> matching.Need:
    answers = case.submission.document.get("answers") or {}
    person = answers.get("person") or {}
    wishes = answers.get("wishes") or {}
    return matching.Need(
        age=age_from_number(person.get("national_id") or "", today()),
        need_groups=frozenset((answers.get("need") or {}).get("groups") or ()),
        interests_text=" ".join(filter(None, (wishes.get("interests"), wishes.get("preferences")))),
        when_text=wishes.get("when") or "",
    )


def suggestions(case: Case) -> list[tuple[Volunteer, matching.Match[int]]]:
    """Approved or engaged volunteers who fit the person, best first, with the reasons."""
    already = set(
        db.session.scalars(
            select(Assignment.volunteer_id).where(Assignment.case_id == case.id, Assignment.ended_on.is_(None))
        )
    )
    pool = [
        v
        for v in db.session.scalars(
            select(Volunteer).where(Volunteer.state.in_((rules.CERTIFICATE_RECEIVED, rules.APPROVED, rules.ENGAGED)))
        )
        if v.id not in already
    ]
    busy = dict(
        db.session.execute(
            select(Assignment.volunteer_id, func.count(Assignment.id))
            .where(Assignment.ended_on.is_(None))
            .group_by(Assignment.volunteer_id)
        ).all()
    )
    by_id = {v.id: v for v in pool}
    candidates = [
        matching.Candidate(
            key=v.id,
            name=v.name,
            times=frozenset(v.times),
            groups=frozenset(v.groups),
            interests=frozenset(v.interests),
            interests_text=v.interests_text,
            capacity=v.capacity,
            taken=busy.get(v.id, 0),
        )
        for v in pool
    ]
    return [(by_id[m.candidate.key], m) for m in matching.rank(need_of(case), candidates)]


@transaction
def engage(
    caseworker: Account, volunteer: Volunteer, case: Case, *, signed: bool, on: date | None = None
) -> Assignment:
    """hol § 5-4: only with a politiattest no older than three months; and the volunteer
    signs the confidentiality declaration when they start (hol § 12-1)."""
    on = on or today()
    if volunteer.certificate_issued_on is None:
        raise VolunteerProblem("certificate_missing")
    if not rules.certificate_valid_for(volunteer.certificate_issued_on, on):
        raise VolunteerProblem("certificate_too_old")
    if not signed:
        raise VolunteerProblem("not_signed")
    if db.session.scalar(
        select(Assignment.id).where(
            Assignment.volunteer_id == volunteer.id, Assignment.case_id == case.id, Assignment.ended_on.is_(None)
        )
    ):
        raise VolunteerProblem("already_engaged")
    if taken(volunteer) >= volunteer.capacity:
        raise VolunteerProblem("no_room")
    if volunteer.state != rules.ENGAGED and not rules.may_move(volunteer.state, rules.ENGAGED):
        raise VolunteerProblem("not_allowed")
    assignment = Assignment(volunteer_id=volunteer.id, case_id=case.id, started_on=on, created_at=clock.now())
    db.session.add(assignment)
    volunteer.confidentiality_signed_on = volunteer.confidentiality_signed_on or on
    if volunteer.state != rules.ENGAGED:
        volunteer.state = rules.ENGAGED
        db.session.add(
            VolunteerEvent(
                volunteer_id=volunteer.id,
                state=rules.ENGAGED,
                note=case.reference,
                at=clock.now(),
                by_account_id=caseworker.id,
            )
        )
    volunteer.updated_at = clock.now()
    return assignment


# -- Timesheets and reports ------------------------------------------------------------------------


def assignment_of(account: Account, public_id: str) -> Assignment | None:
    """One of the account's own assignments as a volunteer: running, or ended less than two
    months ago (the last timesheets can still come)."""
    found = db.session.scalar(
        select(Assignment)
        .join(Volunteer, Volunteer.id == Assignment.volunteer_id)
        .where(Assignment.public_id == public_id, Volunteer.account_id == account.id)
    )
    if found is None or (found.ended_on is not None and found.ended_on < today() - timedelta(days=62)):
        return None
    return found


def reports_of(assignment: Assignment) -> list[VolunteerReport]:
    return list(
        db.session.scalars(
            select(VolunteerReport)
            .where(VolunteerReport.assignment_id == assignment.id)
            .order_by(VolunteerReport.period)
        )
    )


def find_assignment(public_id: str) -> Assignment | None:
    return db.session.scalar(select(Assignment).where(Assignment.public_id == public_id))


def report(public_id: str) -> VolunteerReport | None:
    return db.session.scalar(select(VolunteerReport).where(VolunteerReport.public_id == public_id))


def months_open(assignment: Assignment, reports: list[VolunteerReport] | None = None) -> list[date]:
    """The months a timesheet can be handed in for: ended, worked, and not handed in yet."""
    sent = _sent(assignment, "timesheet", reports)
    until = min(today(), (assignment.ended_on or today()) + timedelta(days=31))
    return [m for m in rules.months_worked(assignment.started_on, until) if m not in sent]


def half_years_open(assignment: Assignment, reports: list[VolunteerReport] | None = None) -> list[date]:
    """The half-year reports due and not handed in yet (each by its end date)."""
    sent = _sent(assignment, "half_year", reports)
    return [d for d in rules.half_years(assignment.started_on, assignment.ended_on, today()) if d not in sent]


@transaction
def hand_in(
    assignment: Assignment, kind: str, period: date, document: dict, receipt=None, account=None
) -> VolunteerReport:
    report = VolunteerReport(
        assignment_id=assignment.id, kind=kind, period=period, document=document, submitted_at=clock.now()
    )
    db.session.add(report)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise VolunteerProblem("already_sent") from None
    if receipt is not None:
        stored = attachments.store(account, receipt.stream, receipt.filename, "receipt", report=report)
        report.document = {
            **document,
            "receipt": {
                "id": stored.public_id,
                "filename": stored.filename,
                "content_type": stored.content_type,
                "size": stored.size,
            },
        }
    return report


def total(lines: list[dict], key: str) -> Decimal:
    return sum((Decimal(str(line[key])) for line in lines if line.get(key) is not None), Decimal(0))
