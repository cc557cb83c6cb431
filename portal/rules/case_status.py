"""A case's status, decision and deadlines, worked out from its events and never edited.

Events are what the municipality records (in the portal or over the intake API); the
status is the last thing that happened that changes it. Pure: events in, a summary out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from . import deadlines
from .deadlines import Deadline

# The event types of the intake API (DESIGN.md, "Intake API"), in the order a case goes.
EVENT_TYPES = (
    "received",
    "assessment_started",
    "preliminary_reply",
    "decision",
    "reasons_requested",
    "reasons_given",
    "appeal_received",
    "appeal_forwarded",
    "appeal_decided",
    "withdrawn",
    "closed",
)
# What the portal itself records in a case, never the municipality: an appeal sent in the
# portal, which the municipality has still to register (as appeal_received). Not offered over
# the API; stored beside the others.
PORTAL_EVENT_TYPES = ("appeal_sent",)
STORED_EVENT_TYPES = EVENT_TYPES + PORTAL_EVENT_TYPES
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
APPEAL_SENT = "appeal_sent"
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
    APPEAL_SENT,
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
    """An enkeltvedtak as recorded: the outcome and its scope (fvl §§ 23–25, 27).

    with_reasons is False for a decision given without reasons (fvl § 24 second paragraph,
    e.g. an application granted in full); the person may then demand them. bpa_right is True
    when the decision assesses the right to BPA (pbrl § 2-1 d), whether it grants or refuses
    it, not only the municipality's duty (hol § 3-8): the letter must then name the right
    (fvl § 25 first paragraph)."""

    outcome: str
    decided_on: date
    notified_on: date | None
    hours: int | None = None
    per: str | None = None
    form: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    summary: str = ""
    with_reasons: bool = True
    bpa_right: bool = False

    @property
    def grants(self) -> bool:
        return self.outcome in ("granted", "partly_granted")


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
    # A demand for the reasons of the current decision (fvl § 24 second paragraph), and the
    # day the reasons reached the person (the appeal deadline runs anew, fvl § 29 third para.).
    reasons_requested_on: date | None = None
    reasons_given_on: date | None = None
    # The day a preliminary reply promised an answer by, while that answer is still to come.
    promised_by: date | None = None
    # The day an appeal of the current decision was sent in the portal (fvl § 30: in time when
    # sent), whether or not the municipality has registered it yet.
    appeal_sent_on: date | None = None

    @property
    def appeal_arrived_on(self) -> date | None:
        """The earliest day the appeal is known to have reached the municipality: sent in the
        portal, or as the municipality registered it."""
        known = [d for d in (self.appeal_sent_on, self.appeal_received_on) if d is not None]
        return min(known) if known else None

    @property
    def appeal_deadline_interrupted(self) -> bool:
        """The reasons were demanded and have not yet reached the person: no appeal deadline
        runs until they do (fvl § 29 third paragraph)."""
        return self.reasons_requested_on is not None and self.reasons_given_on is None


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
        with_reasons=data.get("with_reasons", True) is not False,
        bpa_right=data.get("bpa_right") is True,
    )


APPEAL_STAGES = frozenset({APPEAL_SENT, APPEAL_RECEIVED, APPEAL_UNDER_REVIEW, APPEAL_FORWARDED})
# The municipality has the appeal and has neither sent it on nor decided it.
APPEAL_WITH_MUNICIPALITY = frozenset({APPEAL_SENT, APPEAL_RECEIVED, APPEAL_UNDER_REVIEW})


def summarise(service: str, submitted_on: date, events: list[Event]) -> Summary:
    """Fold the events, in the order they were recorded, into what the case is now. (The
    day each names is for the timeline; an event recorded late still comes after.)"""
    status, case_number, received_on = SUBMITTED, None, submitted_on
    decision = reason = expected = appeal_on = forwarded_on = appeal_outcome = answered = None
    reasons_requested = reasons_given = promised = appeal_sent = None
    for event in events:
        data = event.data
        kind = event.type
        if kind == "received":
            case_number = data.get("case_number") or case_number
            # fvl § 11 a counts from receipt: the earliest day it is known to have arrived.
            received_on = min(received_on, _day(data.get("received_on")) or received_on)
            status = RECEIVED if status == SUBMITTED else status
        elif kind == "assessment_started":
            if status in (APPEAL_SENT, APPEAL_RECEIVED):
                status = APPEAL_UNDER_REVIEW  # the municipality's own review of the appeal
            elif status not in APPEAL_STAGES:
                status = UNDER_ASSESSMENT
        elif kind == "preliminary_reply":
            reason, expected = data.get("reason"), _day(data.get("expected_by"))
            promised = expected
            answered = answered or event.occurred_on
            if status not in APPEAL_STAGES:
                status = PRELIMINARY_REPLY
        elif kind == "decision":
            decision = decision_of(data, event.occurred_on)
            answered = answered or decision.decided_on
            status = DECIDED
            # A new decision (the municipality changing its own on review, fvl § 33) starts afresh.
            appeal_on = forwarded_on = appeal_outcome = reasons_requested = reasons_given = promised = None
            appeal_sent = None
        elif kind == "reasons_requested":
            # Only a decision given without reasons can be followed by a demand for them (fvl
            # § 24 second paragraph); portal.rules.case_checks refuses any other.
            if decision is not None and not decision.with_reasons and reasons_requested is None:
                reasons_requested = _day(data.get("requested_on")) or event.occurred_on
        elif kind == "reasons_given":
            if reasons_requested is not None and reasons_given is None:
                reasons_given = _day(data.get("notified_on")) or event.occurred_on
        elif kind == "appeal_sent":
            appeal_sent = appeal_sent or event.occurred_on
            if status == DECIDED:
                status = APPEAL_SENT  # until the municipality registers it (appeal_received)
        elif kind == "appeal_received":
            appeal_on = _day(data.get("received_on")) or event.occurred_on
            # Registered: no longer only sent (a review already begun stays begun).
            status = APPEAL_UNDER_REVIEW if status == APPEAL_UNDER_REVIEW else APPEAL_RECEIVED
        elif kind == "appeal_forwarded":
            forwarded_on = _day(data.get("forwarded_on")) or event.occurred_on
            status = APPEAL_FORWARDED
            promised = None  # the municipality's own review is over
        elif kind == "appeal_decided":
            appeal_outcome = data.get("outcome")
            status = APPEAL_DECIDED
            promised = None
        elif kind == "withdrawn":
            status = WITHDRAWN
        elif kind == "closed":
            status = CLOSED
    summary = Summary(
        status=status,
        case_number=case_number,
        received_on=received_on,
        decision=decision,
        preliminary_reason=reason,
        expected_by=expected,
        appeal_received_on=appeal_on,
        appeal_forwarded_on=forwarded_on,
        appeal_outcome=appeal_outcome,
        answered_on=answered,
        deadlines=(),
        reasons_requested_on=reasons_requested,
        reasons_given_on=reasons_given,
        promised_by=promised,
        appeal_sent_on=appeal_sent,
    )
    return replace(summary, deadlines=tuple(running_deadlines(service, summary)))


def appeal_deadline_of(service: str, case: Summary) -> Deadline | None:
    """The last day to appeal the current decision, whether or not it has been appealed:
    counted from the day the decision reached the person (pbrl § 7-5, fvl § 29), or anew from
    the day its reasons did, when they were demanded in time (fvl § 29 third paragraph).
    None while no such day is known, or while the deadline is interrupted by a demand."""
    decision = case.decision
    if decision is None or case.appeal_deadline_interrupted:
        return None
    if case.reasons_given_on is not None:
        return deadlines.renewed_appeal_deadline(service, case.reasons_given_on)
    if decision.notified_on is not None:
        return deadlines.appeal_deadline(service, decision.notified_on)
    return None


def running_deadlines(service: str, case: Summary) -> list[Deadline]:
    """The deadlines that still matter, each with its legal basis (the day to apply again by
    is the portal's advice and has none)."""
    found: list[Deadline] = []
    if case.status in FINISHED:
        return found
    if case.decision is None and case.answered_on is None:
        found.append(deadlines.reply_deadline(case.received_on))
    decision = case.decision
    if case.status in APPEAL_WITH_MUNICIPALITY and case.appeal_arrived_on is not None:
        found.append(appeal_answer_due(case, case.appeal_arrived_on))
    if decision is not None:
        if case.appeal_arrived_on is None:
            appeal = appeal_deadline_of(service, case)
            if appeal is not None:
                found.append(appeal)
            # Shown whether or not the day the decision reached the person is known: it counts
            # from the decision itself (fvl § 31).
            found.append(deadlines.late_appeal_limit(decision.decided_on))
        if decision.valid_to is not None:
            found.append(deadlines.reapply_reminder(decision.valid_to, decision.decided_on))
            found.append(deadlines.decision_end(decision.valid_to))
    return found


def appeal_answer_due(case: Summary, arrived_on: date) -> Deadline:
    """While the municipality has the appeal: the day it has said it will answer by (a
    preliminary reply, fvl § 11 a), or else the day its answer or a preliminary reply is due, a
    month after the appeal reached it (fvl § 11 a, which covers appeals as any other request)."""
    if case.promised_by is not None:
        return Deadline("appeal_expected", case.promised_by, deadlines.reply_deadline(arrived_on).basis)
    return replace(deadlines.reply_deadline(arrived_on), kind="appeal_reply")


def late_answer(case: Summary, today: date) -> date | None:
    """The day an answer was due (a promised one, or the month of fvl § 11 a, for the
    application or the appeal) when that day has passed and the answer has not come; else None."""
    if case.status in FINISHED:
        return None
    if case.promised_by is not None:
        return case.promised_by if today > case.promised_by else None
    due = next((d.due for d in case.deadlines if d.kind in ("reply", "appeal_reply")), None)
    return due if due is not None and today > due else None


def next_date(case: Summary, today: date) -> Deadline | None:
    """The first deadline that is today or later (one that has passed is no longer next)."""
    coming = sorted((d for d in case.deadlines if d.due >= today), key=lambda d: d.due)
    return coming[0] if coming else None


def is_reply_overdue(case: Summary, today: date) -> bool:
    """No decision and no preliminary reply a month after receipt (fvl § 11 a)."""
    return (
        case.status not in FINISHED
        and case.answered_on is None
        and today > deadlines.reply_deadline(case.received_on).due
    )


def is_promise_broken(case: Summary, today: date) -> bool:
    """A preliminary reply said when to expect an answer (fvl § 11 a), that day has passed,
    and the answer has not come."""
    return case.status not in FINISHED and case.promised_by is not None and today > case.promised_by


def is_appeal_waiting(case: Summary) -> bool:
    """An appeal the municipality has received and neither sent on nor decided."""
    return case.status in APPEAL_WITH_MUNICIPALITY


# What each event may carry, and what it must: (field, kind, required). Kinds: text, date,
# int, bool, or a tuple of the codes allowed. The intake API and the caseworker's forms both check
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
        # false: given without reasons (fvl § 24 second paragraph); the reasons may be demanded.
        ("with_reasons", "bool", False),
        # true: BPA granted under the right to it (pbrl § 2-1 d); only in a BPA case.
        ("bpa_right", "bool", False),
    ),
    # The person demanded the reasons for a decision given without them (fvl § 24 second para.).
    "reasons_requested": (("requested_on", "date", True),),
    # The reasons reached the person: a new appeal period runs from then (fvl § 29 third para.).
    "reasons_given": (("notified_on", "date", True),),
    "appeal_received": (("received_on", "date", False),),
    "appeal_forwarded": (("forwarded_on", "date", True),),
    "appeal_decided": (("outcome", APPEAL_OUTCOMES, True), ("decided_on", "date", True)),
    "withdrawn": (),
    "closed": (),
}
TEXT_MAX = 4000
BOOL_DEFAULTS = {"with_reasons": True, "bpa_right": False}
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_event(kind: str, data: dict) -> tuple[dict, dict[str, str]]:
    """The event's fields made plain (dates as ISO strings; a yes or no left at its default
    not kept, so an event means the same whether or not the default was sent), and what is
    wrong with them: {field: problem}, where a problem is missing, not_text, too_long,
    not_date, not_int, not_bool, not_allowed, unknown, or before (valid_to before
    valid_from); per without hours is missing. What the days may be, against each other and
    the case (notified_on not before decided_on, ...), is portal.rules.case_checks' to say."""
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
        elif form == "bool":
            if not isinstance(value, bool):
                problems[name] = "not_bool"
            elif value != BOOL_DEFAULTS[name]:
                clean[name] = value
        elif value not in form:
            problems[name] = "not_allowed"
        else:
            clean[name] = value
    if kind == "decision" and not problems:
        if clean.get("valid_from") and clean.get("valid_to") and clean["valid_to"] < clean["valid_from"]:
            problems["valid_to"] = "before"
        if clean.get("hours") is not None and not clean.get("per"):
            problems["per"] = "missing"
    return clean, problems


EVENT_DATE_FIELD = {
    "received": "received_on",
    "decision": "decided_on",
    "reasons_requested": "requested_on",
    "reasons_given": "notified_on",
    "appeal_received": "received_on",
    "appeal_forwarded": "forwarded_on",
    "appeal_decided": "decided_on",
}


def occurred_on(kind: str, data: dict, today: date) -> date:
    """The day an event happened: the date it names, or today."""
    name = EVENT_DATE_FIELD.get(kind)
    return date.fromisoformat(data[name]) if name and data.get(name) else today
