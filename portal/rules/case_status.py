"""A case's status, decision and deadlines, worked out from its events and never edited.

Events are what the municipality records (in the portal or over the intake API); the
status is the last thing that happened that changes it. Pure: events in, a summary out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import deadlines
from .deadlines import Deadline

# The event types of the intake API (DESIGN.md, "Intake API"), in the order a case goes.
EVENT_TYPES = (
    "received",
    "assessment_started",
    "preliminary_reply",
    "decision",
    "appeal_received",
    "appeal_forwarded",
    "appeal_decided",
    "withdrawn",
    "closed",
)
OUTCOMES = ("granted", "partly_granted", "refused")
APPEAL_OUTCOMES = ("allowed", "partly_allowed", "not_allowed", "dismissed")
PER = ("week", "month")
FORMS = ("individual", "group", "voluntary_organisation")

# Statuses in plain words live in the templates; these are their codes.
SUBMITTED = "submitted"
RECEIVED = "received"
UNDER_ASSESSMENT = "under_assessment"
PRELIMINARY_REPLY = "preliminary_reply"
DECIDED = "decided"
APPEAL_RECEIVED = "appeal_received"
APPEAL_UNDER_REVIEW = "appeal_under_review"
APPEAL_FORWARDED = "appeal_forwarded"
APPEAL_DECIDED = "appeal_decided"
WITHDRAWN = "withdrawn"
CLOSED = "closed"
STATUSES = (
    SUBMITTED,
    RECEIVED,
    UNDER_ASSESSMENT,
    PRELIMINARY_REPLY,
    DECIDED,
    APPEAL_RECEIVED,
    APPEAL_UNDER_REVIEW,
    APPEAL_FORWARDED,
    APPEAL_DECIDED,
    WITHDRAWN,
    CLOSED,
)
FINISHED = frozenset({WITHDRAWN, CLOSED})


@dataclass(frozen=True)
class Event:
    type: str
    occurred_on: date
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """An enkeltvedtak as recorded: the outcome and its scope (fvl §§ 23–25, 27)."""

    outcome: str
    decided_on: date
    notified_on: date | None
    hours: int | None = None
    per: str | None = None
    form: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    summary: str = ""


@dataclass(frozen=True)
class Summary:
    status: str
    case_number: str | None
    received_on: date
    decision: Decision | None
    preliminary_reason: str | None
    expected_by: date | None
    appeal_received_on: date | None
    appeal_forwarded_on: date | None
    appeal_outcome: str | None
    answered_on: date | None  # the first decision or preliminary reply (fvl § 11 a)
    deadlines: tuple[Deadline, ...]


def _day(value) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def decision_of(data: dict, occurred_on: date) -> Decision:
    return Decision(
        outcome=data["outcome"],
        decided_on=_day(data.get("decided_on")) or occurred_on,
        notified_on=_day(data.get("notified_on")),
        hours=data.get("hours"),
        per=data.get("per"),
        form=data.get("form"),
        valid_from=_day(data.get("valid_from")),
        valid_to=_day(data.get("valid_to")),
        summary=data.get("summary") or "",
    )


APPEAL_STAGES = frozenset({APPEAL_RECEIVED, APPEAL_UNDER_REVIEW, APPEAL_FORWARDED})


def summarise(service: str, submitted_on: date, events: list[Event]) -> Summary:
    """Fold the events, in the order they were recorded, into what the case is now. (The
    day each names is for the timeline; an event recorded late still comes after.)"""
    status, case_number, received_on = SUBMITTED, None, submitted_on
    decision = reason = expected = appeal_on = forwarded_on = appeal_outcome = answered = None
    for event in events:
        data = event.data
        kind = event.type
        if kind == "received":
            case_number = data.get("case_number") or case_number
            # fvl § 11 a counts from receipt: the earliest day it is known to have arrived.
            received_on = min(received_on, _day(data.get("received_on")) or received_on)
            status = RECEIVED if status == SUBMITTED else status
        elif kind == "assessment_started":
            if status == APPEAL_RECEIVED:
                status = APPEAL_UNDER_REVIEW  # the municipality's own review of the appeal
            elif status not in APPEAL_STAGES:
                status = UNDER_ASSESSMENT
        elif kind == "preliminary_reply":
            reason, expected = data.get("reason"), _day(data.get("expected_by"))
            answered = answered or event.occurred_on
            if status not in APPEAL_STAGES:
                status = PRELIMINARY_REPLY
        elif kind == "decision":
            decision = decision_of(data, event.occurred_on)
            answered = answered or decision.decided_on
            status = DECIDED
            # A new decision (the municipality changing its own on review, fvl § 33) starts afresh.
            appeal_on = forwarded_on = appeal_outcome = None
        elif kind == "appeal_received":
            appeal_on = _day(data.get("received_on")) or event.occurred_on
            status = APPEAL_RECEIVED
        elif kind == "appeal_forwarded":
            forwarded_on = _day(data.get("forwarded_on")) or event.occurred_on
            status = APPEAL_FORWARDED
        elif kind == "appeal_decided":
            appeal_outcome = data.get("outcome")
            status = APPEAL_DECIDED
        elif kind == "withdrawn":
            status = WITHDRAWN
        elif kind == "closed":
            status = CLOSED
    summary = Summary(
        status,
        case_number,
        received_on,
        decision,
        reason,
        expected,
        appeal_on,
        forwarded_on,
        appeal_outcome,
        answered,
        (),
    )
    return Summary(**{**summary.__dict__, "deadlines": tuple(running_deadlines(service, summary))})


def running_deadlines(service: str, case: Summary) -> list[Deadline]:
    """The deadlines that still matter, each with its legal basis."""
    found: list[Deadline] = []
    if case.status in FINISHED:
        return found
    if case.decision is None and case.answered_on is None:
        found.append(deadlines.reply_deadline(case.received_on))
    decision = case.decision
    if decision is not None:
        if decision.notified_on is not None and case.appeal_received_on is None:
            found.append(deadlines.appeal_deadline(service, decision.notified_on))
            found.append(deadlines.late_appeal_limit(decision.decided_on))
        if decision.valid_to is not None:
            found.append(deadlines.reapply_reminder(decision.valid_to))
            found.append(deadlines.decision_end(decision.valid_to))
    return found


def is_reply_overdue(case: Summary, today: date) -> bool:
    """No decision and no preliminary reply a month after receipt (fvl § 11 a)."""
    return (
        case.status not in FINISHED
        and case.answered_on is None
        and today > deadlines.reply_deadline(case.received_on).due
    )


def is_appeal_waiting(case: Summary) -> bool:
    """An appeal the municipality has received and neither sent on nor decided."""
    return case.status in (APPEAL_RECEIVED, APPEAL_UNDER_REVIEW)


# What each event may carry, and what it must: (field, kind, required). Kinds: text, date,
# int, or a tuple of the codes allowed. The intake API and the caseworker's forms both check
# against this, so a case never holds an event the summary cannot read.
EVENT_FIELDS: dict[str, tuple[tuple[str, str | tuple[str, ...], bool], ...]] = {
    "received": (("case_number", "text", False), ("received_on", "date", False)),
    "assessment_started": (),
    "preliminary_reply": (("reason", "text", True), ("expected_by", "date", False)),
    "decision": (
        ("outcome", OUTCOMES, True),
        ("decided_on", "date", True),
        ("notified_on", "date", False),
        ("hours", "int", False),
        ("per", PER, False),
        ("form", FORMS, False),
        ("valid_from", "date", False),
        ("valid_to", "date", False),
        ("summary", "text", True),
    ),
    "appeal_received": (("received_on", "date", False),),
    "appeal_forwarded": (("forwarded_on", "date", True),),
    "appeal_decided": (("outcome", APPEAL_OUTCOMES, True), ("decided_on", "date", True)),
    "withdrawn": (),
    "closed": (),
}
TEXT_MAX = 4000
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_event(kind: str, data: dict) -> tuple[dict, dict[str, str]]:
    """The event's fields made plain (dates as ISO strings), and what is wrong with them:
    {field: problem}, where a problem is missing, not_text, too_long, not_date, not_int,
    not_allowed, unknown, or before (valid_to before valid_from; per without hours)."""
    if kind not in EVENT_FIELDS:
        return {}, {"type": "not_allowed"}
    spec = {name: (form, required) for name, form, required in EVENT_FIELDS[kind]}
    clean: dict = {}
    problems: dict[str, str] = {}
    for name in data:
        if name not in spec and name != "type":
            problems[name] = "unknown"
    for name, (form, required) in spec.items():
        value = data.get(name)
        if value in (None, ""):
            if required:
                problems[name] = "missing"
            continue
        if form == "text":
            if not isinstance(value, str):
                problems[name] = "not_text"
            elif len(value) > TEXT_MAX:
                problems[name] = "too_long"
            elif not value.strip():
                if required:
                    problems[name] = "missing"
            else:
                clean[name] = value.strip()
        elif form == "date":
            if isinstance(value, date):
                clean[name] = value.isoformat()
            elif not isinstance(value, str) or not ISO_DAY.fullmatch(value):
                problems[name] = "not_date"
            else:
                try:
                    clean[name] = date.fromisoformat(value).isoformat()
                except ValueError:
                    problems[name] = "not_date"
        elif form == "int":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
                problems[name] = "not_int"
            else:
                clean[name] = value
        elif value not in form:
            problems[name] = "not_allowed"
        else:
            clean[name] = value
    if kind == "decision" and not problems:
        if clean.get("valid_from") and clean.get("valid_to") and clean["valid_to"] < clean["valid_from"]:
            problems["valid_to"] = "before"
        if clean.get("notified_on") and clean["notified_on"] < clean["decided_on"]:
            problems["notified_on"] = "before_decision"
        if clean.get("hours") is not None and not clean.get("per"):
            problems["per"] = "missing"
    return clean, problems


EVENT_DATE_FIELD = {
    "received": "received_on",
    "decision": "decided_on",
    "appeal_received": "received_on",
    "appeal_forwarded": "forwarded_on",
    "appeal_decided": "decided_on",
}


def occurred_on(kind: str, data: dict, today: date) -> date:
    """The day an event happened: the date it names, or today."""
    name = EVENT_DATE_FIELD.get(kind)
    return date.fromisoformat(data[name]) if name and data.get(name) else today
