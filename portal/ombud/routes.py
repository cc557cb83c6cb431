"""The ombud's page: every client who has given the office access, their cases with the
status, and the coming deadlines across them, soonest first. Only with the client's consent:
the portal's rule (data minimisation, GDPR art. 5), not the law's; the ombud's own access to
information under pbrl chapter 8 is used outside the portal (LEGAL.md)."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from ..roles import role_required
from ..rules.clock import today
from ..services import access, authorities, cases
from . import bp


@bp.route("/")
@role_required("ombud")
def index():
    clients = authorities.clients_of(current_user)
    found = access.cases_for(current_user)
    summaries = {c.id: cases.summary_of(c) for c in found}
    day = today()
    coming = sorted(
        ((d, c) for c in found for d in summaries[c.id].deadlines if d.due >= day),
        key=lambda pair: (pair[0].due, pair[1].reference),
    )
    by_person = {a.person_id: [c for c in found if c.person_id == a.person_id] for a in clients}
    return render_template(
        "ombud/index.html",
        clients=clients,
        by_person=by_person,
        summaries=summaries,
        coming=coming,
        may_appeal={c.id: access.may_appeal(current_user, c) for c in found},
    )
