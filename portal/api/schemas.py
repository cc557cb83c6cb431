"""Reading request bodies and writing responses of the intake API. Every problem names the
field and says what is wrong, in plain English, so the integrator can fix the call."""

from __future__ import annotations

from datetime import UTC, date

from email_validator import EmailNotValidError, validate_email
from flask import url_for

from ..models import Case, CaseEvent, Submission
from ..rules import case_status
from ..rules.identity import national_id_problem, normalise
from ..rules.services import SERVICES


class Invalid(ValueError):
    """The body is wrong: fields maps each field (dotted path) to what is wrong."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


PROBLEMS = {
    "missing": "is required",
    "not_text": "must be a string",
    "too_long": "is too long",
    "not_date": "must be a date written YYYY-MM-DD",
    "not_int": "must be a whole number from 0 to 1000",
    "not_allowed": "is not one of the allowed values",
    "unknown": "is not a field of this event type",
    "before": "must not be before valid_from",
    "before_decision": "must not be before decided_on",
}
NATIONAL_ID_PROBLEMS = {
    "empty": "is required",
    "characters": "must have only digits",
    "length": "must have 11 digits",
    "invalid": "is not a valid fødselsnummer or D-number",
}


def _object(body) -> dict:
    if not isinstance(body, dict):
        raise Invalid({"body": "must be a JSON object"})
    return body


def registration(body) -> dict:
    """POST /submissions: a submission that came on paper or by phone."""
    body = _object(body)
    fields: dict[str, str] = {}
    if body.get("channel") not in ("paper", "phone"):
        fields["channel"] = 'must be "paper" or "phone"'
    if body.get("kind", "application") != "application":
        fields["kind"] = 'must be "application"'
    if body.get("service") not in SERVICES:
        fields["service"] = "must be one of " + ", ".join(SERVICES)
    person = body.get("person")
    if not isinstance(person, dict):
        fields["person"] = "must be an object with name and national_id"
        person = {}
    name = person.get("name")
    if not isinstance(name, str) or not name.strip():
        fields["person.name"] = "is required"
    elif len(name) > 200:
        fields["person.name"] = "can be at most 200 characters"
    number = person.get("national_id")
    problem = national_id_problem(number) if isinstance(number, str) else "empty"
    if problem:
        fields["person.national_id"] = NATIONAL_ID_PROBLEMS[problem]
    email = person.get("email")
    if email not in (None, ""):
        try:
            if not isinstance(email, str):
                raise EmailNotValidError("not text")
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            fields["person.email"] = "is not an e-mail address"
    if fields:
        raise Invalid(fields)
    return {
        "channel": body["channel"],
        "service": body["service"],
        "person": {"name": name.strip(), "national_id": normalise(number), "email": (email or "").strip()},
    }


def receipt(body) -> tuple[str, date]:
    """POST /submissions/{reference}/receipt."""
    body = _object(body)
    fields = {}
    number = body.get("case_number")
    if not isinstance(number, str) or not number.strip():
        fields["case_number"] = "is required"
    elif len(number) > 40:
        fields["case_number"] = "can be at most 40 characters"
    received = None
    try:
        received = date.fromisoformat(str(body.get("received_on")))
    except ValueError:
        fields["received_on"] = PROBLEMS["not_date"]
    if fields:
        raise Invalid(fields)
    return number.strip(), received


def event(body) -> tuple[str, dict]:
    """POST /cases/{reference}/events: {"type": ..., fields}."""
    body = _object(body)
    kind = body.get("type")
    if kind not in case_status.EVENT_TYPES:
        raise Invalid({"type": "must be one of " + ", ".join(case_status.EVENT_TYPES)})
    return kind, {k: v for k, v in body.items() if k != "type"}


def event_problems(problems: dict[str, str]) -> dict[str, str]:
    return {name: PROBLEMS.get(code, code) for name, code in problems.items()}


# -- Responses --------------------------------------------------------------------------------


def submission_summary(submission: Submission) -> dict:
    """A submission in a list: no personal details, links to the rest (nothing from the
    document, so a list never loads the documents)."""
    reference = submission.reference
    return {
        "reference": reference,
        "kind": submission.kind,
        "service": submission.service,
        "channel": submission.channel,
        "state": submission.intake_state,
        "submitted_at": _moment(submission.submitted_at),
        "appeals": submission.appeals_reference,
        "links": {
            "self": url_for("api.submission", reference=reference),
            "pdf": url_for("api.submission_pdf", reference=reference),
            "case": url_for("api.case", reference=reference) if submission.kind == "application" else None,
        },
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
        },
        "appeal": None
        if summary.appeal_received_on is None and summary.appeal_outcome is None
        else {
            "received_on": summary.appeal_received_on.isoformat() if summary.appeal_received_on else None,
            "forwarded_on": summary.appeal_forwarded_on.isoformat() if summary.appeal_forwarded_on else None,
            "outcome": summary.appeal_outcome,
        },
        "deadlines": [
            {"kind": d.kind, "due": d.due.isoformat(), "basis": d.basis.citation}
            for d in sorted(summary.deadlines, key=lambda d: d.due)
        ],
    }
