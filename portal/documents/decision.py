"""The decision letter (vedtaksbrev), made from the decision as recorded: the outcome and
its scope, the reasons (or that it was given without, and how to demand them, fvl § 24
second paragraph), and the right to appeal with the deadline, the appeal body and how
(fvl §§ 23–25, 27 third paragraph, 29 third paragraph)."""

from __future__ import annotations

from flask import render_template

from ..models import Case
from ..rules.case_status import Summary, appeal_deadline_of
from ..rules.deadlines import late_appeal_limit, reapply_reminder
from ..rules.services import SERVICES


def decision_html(case: Case, summary: Summary) -> str:
    decision = summary.decision
    return render_template(
        "documents/decision.html",
        case=case,
        summary=summary,
        decision=decision,
        service=SERVICES[case.service],
        # From the recorded day the letter, or the reasons demanded for it, reached the person.
        appeal=appeal_deadline_of(case.service, summary),
        late=late_appeal_limit(decision.decided_on),
        reapply=reapply_reminder(decision.valid_to, decision.decided_on) if decision.valid_to else None,
    )


def render_decision_pdf(case: Case, summary: Summary) -> bytes:
    from weasyprint import HTML  # imported when needed: it is slow to load

    return HTML(string=decision_html(case, summary)).write_pdf()
