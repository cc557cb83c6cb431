"""Reading request bodies and writing responses of the intake API. Every problem names the
field and says what is wrong, in plain English, so the integrator can fix the call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date

from email_validator import EmailNotValidError, validate_email
from flask import url_for

from ..links import around, in_path
from ..models import Case, CaseEvent, Submission
from ..rules import case_status
from ..rules.case_checks import Problem
from ..rules.identity import national_id_problem, normalise
from ..rules.services import SERVICES
from ..services import archive, disputes
from .fields import (
    Day,
    Field,
    Invalid as Invalid,  # the routes catch it as schemas.Invalid
    OneOf,
    Record,
    Tagged,
    Text,
    WholeNumber,
    YesNo,
)

# What is wrong with an event's field, or with a receipt's day (portal.rules.case_status and
# .case_checks): {day} is the day the field is measured against.
PROBLEMS = {
    "missing": "is required",
    "not_text": "must be a string",
    "too_long": "is too long",
    "not_date": "must be a date written YYYY-MM-DD",
    "not_int": "must be a whole number from 0 to 1000",
    "not_bool": "must be true or false",
    "not_allowed": "is not one of the allowed values",
    "unknown": "is not a field of this event type",
    "before": "must not be before valid_from",
    "in_future": "must not be in the future: today is {day} (a day ahead is allowed for clock skew)",
    "before_sent": "must not be before {day}, the day the submission was sent in the portal",
    "too_early": "must not be before {day}: a paper or phone submission's receipt can be dated at most "
    "a year before it was registered",
    "before_received": "must not be before {day}, the day the application was received (for a paper "
    "application that came in earlier, send its receipt with that day first)",
    "before_decision": "must not be before {day}, the day of the decision",
    "before_appeal": "must not be before {day}, the day the appeal was received",
    "before_forwarded": "must not be before {day}, the day the appeal was sent to the appeal body",
    "before_request": "must not be before {day}, the day the reasons were asked for",
    "too_far": "must not be after {day}: more than two years ahead",
    "after_deadline": "must not be after {day}, the last day to appeal: only a demand made inside the "
    "appeal deadline interrupts it (fvl § 29 third paragraph)",
    "no_decision_without_reasons": "a reasons_requested event can only follow a decision given without "
    "reasons (with_reasons false, fvl § 24 second paragraph)",
    "already_requested": "the reasons for the current decision were already asked for, on {day}",
    "not_requested": "a reasons_given event can only follow a reasons_requested event for the current "
    "decision (fvl § 29 third paragraph)",
    "not_bpa": "can be true only in a BPA case",
}
NATIONAL_ID_PROBLEMS = {
    "empty": "is required",
    "characters": "must have only digits",
    "length": "must have 11 digits",
    "invalid": "is not a valid fødselsnummer or D-number",
    "h_number": "is an H-number; only a fødselsnummer or D-number is accepted",
    "fh_number": "is an FH-number; only a fødselsnummer or D-number is accepted",
    "synthetic": "is a synthetic test number; only a fødselsnummer or D-number is accepted",
}


def _national_id_problem(value: str) -> str | None:
    problem = national_id_problem(value)
    return NATIONAL_ID_PROBLEMS[problem] if problem else None


def _email_problem(value: str) -> str | None:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return "is not an e-mail address"
    return None


REGISTRATION = Record(
    "a registration",
    {
        "channel": OneOf(("paper", "phone"), required=True),
        "kind": OneOf(("application",)),
        "service": OneOf(tuple(SERVICES), required=True),
        "person": Record(
            "person",
            {
                "name": Text(required=True, max_length=200),
                "national_id": Text(
                    required=True,
                    check=_national_id_problem,
                    describe={"pattern": "^[0-9]{11}$", "description": "Fødselsnummer or D-number."},
                ),
                "email": Text(check=_email_problem, describe={"format": "email"}),
            },
        ),
    },
)
ARCHIVED = Record(
    "the archive's confirmation",
    {"case_number": Text(required=True, max_length=40), "record_number": Text(required=True, max_length=40)},
)
RECEIPT = Record("a receipt", {"case_number": Text(required=True, max_length=40), "received_on": Day(required=True)})


def _event_field(name: str, form: str | tuple[str, ...], required: bool) -> Field:
    if form == "text":
        return Text(required, max_length=case_status.TEXT_MAX)
    if form == "date":
        return Day(required)
    if form == "int":
        return WholeNumber(0, 1000, required)
    if form == "bool":
        return YesNo(required, default=case_status.BOOL_DEFAULTS[name])
    return OneOf(tuple(form), required)


# From the table the portal checks events against (case_status.EVENT_FIELDS): the API refuses
# what the case could not hold, and the rules then check what spans fields (valid_to after
# valid_from, per with hours).
EVENT = Tagged(
    "type",
    {
        kind: Record(
            f'a "{kind}" event',
            {
                "type": OneOf((kind,), required=True),
                **{name: _event_field(name, form, required) for name, form, required in case_status.EVENT_FIELDS[kind]},
            },
        )
        for kind in case_status.EVENT_TYPES
    },
)


def registration(body) -> dict:
    """POST /submissions: a submission that came on paper or by phone."""
    data = REGISTRATION.read(body)
    person = data["person"]
    return {
        "channel": data["channel"],
        "service": data["service"],
        "person": {
            "name": person["name"],
            "national_id": normalise(person["national_id"]),
            "email": person.get("email", ""),
        },
    }


def receipt(body) -> tuple[str, date]:
    """POST /submissions/{reference}/receipt."""
    data = RECEIPT.read(body)
    return data["case_number"], data["received_on"]


def archived(body) -> tuple[str, str]:
    """POST /submissions/{reference}/archived: the archive's case and record numbers."""
    data = ARCHIVED.read(body)
    return data["case_number"], data["record_number"]


def event(body) -> tuple[str, dict]:
    """POST /cases/{reference}/events: {"type": ..., fields}."""
    return EVENT.read(body)


def event_problems(problems: dict[str, Problem]) -> dict[str, str]:
    """Each field's problem in words, with the day it is measured against."""
    return {
        name: PROBLEMS.get(problem.code, problem.code).format(day=problem.day.isoformat() if problem.day else "")
        for name, problem in problems.items()
    }


# -- Responses --------------------------------------------------------------------------------


def summary_links() -> Callable[[str, str], dict]:
    """The links of a submission in a list, by its reference and kind: each address worked
    out once for the list, not four times a row, and the reference quoted once a row."""
    own, pdf, package, case = (
        around(endpoint, "reference")
        for endpoint in ("api.submission", "api.submission_pdf", "api.archive_package", "api.case")
    )

    def links(reference: str, kind: str) -> dict:
        value = in_path(reference)
        return {
            "self": own[0] + value + own[1],
            "pdf": pdf[0] + value + pdf[1],
            "archive_package": package[0] + value + package[1],
            "case": case[0] + value + case[1] if kind == "application" else None,
        }

    return links


def submission_summary(submission, links: Callable[[str, str], dict] | None = None) -> dict:
    """A submission in a list: no personal details, links to the rest (nothing from the
    document, so a list never loads the documents). `submission` is a Submission or a row
    of its listed columns (portal.services.intake.LISTED)."""
    reference = submission.reference
    return {
        "reference": reference,
        "kind": submission.kind,
        "service": submission.service,
        "channel": submission.channel,
        "state": submission.intake_state,
        "submitted_at": _moment(submission.submitted_at),
        "appeals": submission.appeals_reference,
        "links": (links or summary_links())(reference, submission.kind),
    }


def submission_full(submission: Submission) -> dict:
    person = submission.person
    return {
        **submission_summary(submission),
        "person": {
            "name": submission.person_name or (person.name if person else None),
            "national_id": person.national_id if person else None,
        }
        if person
        else None,
        "document": submission.document,
        "archive": archive.summary(submission),
        # The person said they did not send it (sent by someone who logged in with e-mail only).
        "disputed": disputes.summary(submission),
        "attachments": [
            {**file, "href": url_for("api.attachment", reference=submission.reference, attachment_id=file["id"])}
            for file in submission.document.get("attachments") or []
        ],
    }


def _moment(value) -> str:

    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def event_json(event: CaseEvent) -> dict:
    return {
        "id": event.id,
        "type": event.type,
        "occurred_on": event.occurred_on.isoformat(),
        "recorded_at": _moment(event.recorded_at),
        **event.data,
    }


def case_json(case: Case, summary: case_status.Summary, events: list[CaseEvent]) -> dict:
    decision = summary.decision
    return {
        "reference": case.reference,
        "service": case.service,
        "case_number": summary.case_number,
        "status": summary.status,
        "disputed": disputes.summary(case.submission),
        "received_on": summary.received_on.isoformat(),
        "events": [event_json(e) for e in events],
        "decision": None
        if decision is None
        else {
            "outcome": decision.outcome,
            "decided_on": decision.decided_on.isoformat(),
            "notified_on": decision.notified_on.isoformat() if decision.notified_on else None,
            "hours": decision.hours,
            "per": decision.per,
            "form": decision.form,
            "valid_from": decision.valid_from.isoformat() if decision.valid_from else None,
            "valid_to": decision.valid_to.isoformat() if decision.valid_to else None,
            "summary": decision.summary,
            "with_reasons": decision.with_reasons,
            "bpa_right": decision.bpa_right,
            "reasons_requested_on": _iso(summary.reasons_requested_on),
            "reasons_given_on": _iso(summary.reasons_given_on),
        },
        "appeal": None
        if summary.appeal_arrived_on is None and summary.appeal_outcome is None
        else {
            "sent_on": _iso(summary.appeal_sent_on),
            "received_on": summary.appeal_received_on.isoformat() if summary.appeal_received_on else None,
            "forwarded_on": summary.appeal_forwarded_on.isoformat() if summary.appeal_forwarded_on else None,
            "outcome": summary.appeal_outcome,
        },
        "deadlines": [
            {"kind": d.kind, "due": d.due.isoformat(), "basis": d.basis.citation if d.basis else None}
            for d in sorted(summary.deadlines, key=lambda d: d.due)
        ],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
