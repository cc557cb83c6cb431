"""What an event may say in the case it is recorded in, on the day it is recorded.

Dates that cannot be wrong: nothing done is dated in the future, nothing before what it
follows (a decision before the application came in, an appeal decided before it was
received). A demand for reasons only where the law gives one: after a decision given without
reasons, inside its appeal deadline (fvl § 24 second paragraph, § 29 third paragraph). The
right to BPA (pbrl § 2-1 d) only in a BPA case that grants it. DESIGN.md, "Intake API": a
wrong one is a 422 naming the field, or an error on the field in the caseworker's form.

Pure: the case's facts and today in, problems out. portal.rules.case_status checks each
field on its own; this module checks the fields against the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .case_status import EVENT_FIELDS, EVENT_TYPES, Summary, appeal_deadline_of
from .deadlines import add_months

# "Not in the future" allows a day ahead of the portal's: the case-management system's clock,
# or the caseworker's sense of the date just after midnight, may be a little ahead.
CLOCK_SKEW = timedelta(days=1)
# A paper or phone application is registered in the portal after it came in, sometimes much
# later (a letter found in a pile, a backlog typed in): its receipt may be dated up to a year
# before the registration. Further back is a typing mistake, or a case that should have been
# answered long ago (fvl § 11 a gives a month) and is better handled outside the portal.
PAPER_RECEIPT_MONTHS_BACK = 12
# A preliminary reply says when an answer can be expected (fvl § 11 a); a day more than two
# years ahead is a typing mistake.
PROMISE_MONTHS_AHEAD = 24

# The days that say when something was done, so cannot lie ahead of today.
DONE_ON = {
    "received": ("received_on",),
    "decision": ("decided_on", "notified_on"),
    "reasons_requested": ("requested_on",),
    "reasons_given": ("notified_on",),
    "appeal_received": ("received_on",),
    "appeal_forwarded": ("forwarded_on",),
    "appeal_decided": ("decided_on",),
}


@dataclass(frozen=True)
class Problem:
    """What is wrong, as a code, and the day it is measured against (for the message)."""

    code: str
    day: date | None = None


@dataclass(frozen=True)
class CaseFacts:
    """What the checks need to know about the case an event is recorded in."""

    service: str
    channel: str  # online, paper or phone
    submitted_on: date  # the day it was sent, or registered in the portal
    summary: Summary  # the case before the event


def latest_day(today: date) -> date:
    """The latest day something done can be dated: today, and a day of clock skew."""
    return today + CLOCK_SKEW


def earliest_receipt(channel: str, submitted_on: date) -> date:
    """The earliest day a submission can be dated as received: an online one the day it was
    sent; a paper or phone one up to a year before it was registered."""
    return submitted_on if channel == "online" else add_months(submitted_on, -PAPER_RECEIPT_MONTHS_BACK)


def receipt_problems(received_on: date, channel: str, submitted_on: date, today: date) -> dict[str, Problem]:
    """A submission's receipt (the intake API's receipt, the caseworker's "received")."""
    if received_on > latest_day(today):
        return {"received_on": Problem("in_future", today)}
    earliest = earliest_receipt(channel, submitted_on)
    if received_on < earliest:
        return {"received_on": Problem("before_sent" if channel == "online" else "too_early", earliest)}
    return {}


def _days(kind: str, data: dict) -> dict[str, date]:
    dates = {name for name, form, _ in EVENT_FIELDS.get(kind, ()) if form == "date"}
    return {name: date.fromisoformat(value) for name, value in data.items() if name in dates and value}


def event_problems(kind: str, data: dict, case: CaseFacts, today: date) -> dict[str, Problem]:
    """What is wrong with an event, its fields already checked one by one and made plain
    (portal.rules.case_status.check_event), in this case today: {field: problem}. A problem
    with the event as such (reasons demanded where there is nothing to demand) names "type"."""
    days = _days(kind, data)
    found: dict[str, Problem] = {}

    def not_before(name: str, bound: date | None, code: str) -> None:
        if name in days and name not in found and bound is not None and days[name] < bound:
            found[name] = Problem(code, bound)

    for name in DONE_ON.get(kind, ()):
        if name in days and days[name] > latest_day(today):
            found[name] = Problem("in_future", today)

    summary, decision = case.summary, case.summary.decision
    if kind == "received" and "received_on" in days and "received_on" not in found:
        found.update(receipt_problems(days["received_on"], case.channel, case.submitted_on, today))
    elif kind == "preliminary_reply":
        not_before("expected_by", summary.received_on, "before_received")
        furthest = add_months(today, PROMISE_MONTHS_AHEAD)
        if days.get("expected_by", furthest) > furthest:
            found["expected_by"] = Problem("too_far", furthest)
    elif kind == "decision":
        # received_on is the earliest day the application is known to have come in: the day
        # it was sent or registered, or the receipt of a paper application dated before that.
        not_before("decided_on", summary.received_on, "before_received")
        not_before("notified_on", days.get("decided_on"), "before_decision")
        if data.get("bpa_right") and case.service != "bpa":
            found["bpa_right"] = Problem("not_bpa")
    elif kind == "reasons_requested":
        found.update(_reasons_request_problems(days, case, found))
    elif kind == "reasons_given":
        if not summary.appeal_deadline_interrupted:
            found["type"] = Problem("not_requested")
        else:
            not_before("notified_on", summary.reasons_requested_on, "before_request")
    elif kind == "appeal_received":
        not_before("received_on", decision.decided_on if decision else None, "before_decision")
    elif kind == "appeal_forwarded":
        not_before("forwarded_on", summary.appeal_received_on, "before_appeal")
    elif kind == "appeal_decided":
        not_before("decided_on", summary.appeal_received_on, "before_appeal")
        not_before("decided_on", summary.appeal_forwarded_on, "before_forwarded")
    return found


def _reasons_request_problems(days: dict[str, date], case: CaseFacts, found: dict) -> dict[str, Problem]:
    """fvl § 24 second paragraph: only a decision given without reasons can be followed by a
    demand for them; fvl § 29 third paragraph: only a demand made inside the appeal deadline
    interrupts it. Without a known day the decision reached the person, no deadline is known
    to have run out, and the demand is taken as made in time."""
    summary, decision = case.summary, case.summary.decision
    if decision is None or decision.with_reasons:
        return {"type": Problem("no_decision_without_reasons")}
    if summary.reasons_requested_on is not None:
        return {"type": Problem("already_requested", summary.reasons_requested_on)}
    requested_on = days.get("requested_on")
    if requested_on is None or "requested_on" in found:
        return {}
    if requested_on < decision.decided_on:
        return {"requested_on": Problem("before_decision", decision.decided_on)}
    deadline = appeal_deadline_of(case.service, summary)
    if deadline is not None and requested_on > deadline.due:
        return {"requested_on": Problem("after_deadline", deadline.due)}
    return {}


def offered(summary: Summary) -> tuple[str, ...]:
    """The events worth offering a caseworker to record now, in the order a case goes: a demand
    for reasons only after a decision given without them and not yet demanded, the reasons
    given only while they are awaited."""
    decision = summary.decision
    skip = set()
    if decision is None or decision.with_reasons or summary.reasons_requested_on is not None:
        skip.add("reasons_requested")
    if not summary.appeal_deadline_interrupted:
        skip.add("reasons_given")
    return tuple(kind for kind in EVENT_TYPES if kind not in skip)
