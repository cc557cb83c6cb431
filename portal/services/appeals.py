"""Appeals (klage): from a decision in the portal, or one made outside it, by the person or
someone with an authority to appeal. An appeal is a submission of its own naming the case
it appeals; it goes in after the deadline too, asking why it is late (fvl § 31).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from ..extensions import db
from ..models import Account, Authority, Case, Draft, Submission
from ..rules import case_status
from ..rules.clock import local_day, parse_day, today
from ..rules.deadlines import Deadline, appeal_deadline, late_appeal_limit
from . import access, authorities, cases, drafts


class CannotAppeal(PermissionError):
    """The case has no decision to appeal, or the account may not appeal it."""


class AlreadyAppealed(CannotAppeal):
    """The decision has been appealed since it was made, or can no longer be appealed."""


def open_for_appeal(case: Case) -> bool:
    """Decided, not yet appealed, and less than a year since the decision (fvl § 31)."""
    if case.status != case_status.DECIDED:
        return False
    decision = cases.summary_of(case).decision
    return decision is None or today() <= late_appeal_limit(decision.decided_on).due


def appealable(account: Account) -> list[Case]:
    """The decided cases the account may appeal now."""
    return [case for case in access.cases_for(account) if open_for_appeal(case) and access.may_appeal(account, case)]


def _authority_for(account: Account, case: Case) -> Authority | None:
    if access.is_own_case(account, case) or case.person_id is None:
        return None  # nobody else's authority can reach a case about no known person
    return authorities.usable(
        account, case.person_id, "appeal", case.service, confirmed=case.submission.account_id != account.id
    )


def start_for_case(account: Account, case: Case) -> Draft:
    """A draft to appeal the case's decision; an unsent one the account has already is reused."""
    if not open_for_appeal(case) or not access.may_appeal(account, case):
        raise CannotAppeal(case.reference)
    started = db.session.scalar(
        select(Draft)
        .outerjoin(Submission, Submission.draft_id == Draft.id)
        .where(
            Draft.account_id == account.id,
            Draft.kind == "appeal",
            Draft.appeals_reference == case.reference,
            Submission.id.is_(None),
        )
        .order_by(Draft.id.desc())
    )
    if started is not None:
        return started
    return drafts.start(
        account, case.service, _authority_for(account, case), kind="appeal", appeals_reference=case.reference
    )


def check_still_open(draft: Draft) -> Case | None:
    """At sending: the appealed case, locked, still open for an appeal (or None for a
    decision made outside the portal). Two appeals at once, or one after the case was
    withdrawn, stop here."""
    if draft.appeals_reference is None:
        return None
    case = db.session.scalar(select(Case).where(Case.reference == draft.appeals_reference).with_for_update())
    if case is None or not open_for_appeal(case):
        raise AlreadyAppealed(draft.appeals_reference)
    return case


def start_outside(account: Account, service: str, authority: Authority | None) -> Draft:
    """An appeal of a decision made outside the portal (on paper): the draft asks which."""
    return drafts.start(account, service, authority, kind="appeal")


def appealed_case(draft: Draft) -> Case | None:
    return cases.find(draft.appeals_reference) if draft.kind == "appeal" and draft.appeals_reference else None


def _outside_dates(draft: Draft) -> tuple[date | None, date | None]:
    """(decided on, reached the person on) for a decision made outside the portal, as given.
    Without the day it reached them no deadline is known: it never runs from the decision's
    date (pbrl § 7-5, fvl § 29 first paragraph), so such an appeal is never called late."""
    given = draft.answers.get("decision") or {}
    return parse_day(given.get("decided_on")), parse_day(given.get("received_on"))


def _deadlines(draft: Draft, case: Case | None) -> tuple[date | None, Deadline | None, bool]:
    """(decided on, the appeal deadline, whether it is interrupted) for the decision the
    draft appeals. In the portal, the case's own: counted from the day the decision, or the
    reasons demanded for it, reached the person (fvl § 29 third paragraph)."""
    if case is not None:
        summary = cases.summary_of(case)
        decision = summary.decision
        if decision is None:
            return None, None, False
        deadline = case_status.appeal_deadline_of(case.service, summary)
        return decision.decided_on, deadline, summary.appeal_deadline_interrupted
    decided, reached = _outside_dates(draft)
    return decided, appeal_deadline(draft.service, reached) if reached else None, False


def deadline_for(draft: Draft) -> Deadline | None:
    """The appeal deadline for the decision the draft appeals (pbrl § 7-5 or fvl § 29);
    None while unknown, or stopped by a demand for reasons."""
    return _deadlines(draft, appealed_case(draft))[1]


def details(draft: Draft, case: Case | None, sent_at: datetime) -> dict:
    """What the appeal document says about the decision: which, its deadline, and whether
    the appeal was sent in time (fvl § 30: sent electronically before the deadline ran out;
    while a demand for reasons has stopped the deadline, any appeal is in time)."""
    decided, deadline, interrupted = _deadlines(draft, case)
    sent_on = local_day(sent_at)
    limit = late_appeal_limit(decided) if decided else None
    return {
        "reference": case.reference if case is not None else (draft.answers.get("decision") or {}).get("case_number"),
        "in_portal": case is not None,
        "decided_on": decided.isoformat() if decided else None,
        "deadline": deadline.due.isoformat() if deadline else None,
        "deadline_basis": deadline.basis.citation if deadline and deadline.basis else None,
        "in_time": True if interrupted else None if deadline is None else sent_on <= deadline.due,
        "after_late_limit": None if limit is None else sent_on > limit.due,
    }
