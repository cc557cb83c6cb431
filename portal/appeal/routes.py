"""Starting an appeal; the pages after that are the application engine's (portal.apply)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..apply.journeys import journey_of
from ..fields import choices
from ..public.guides import BY_KEY
from ..rules.clock import today
from ..services import access, appeals, authorities, cases
from . import bp
from .forms import ChooseDecisionForm, OutsideDecisionForm


def _first_page(draft):
    return redirect(url_for("apply.step", public_id=draft.public_id, step_key=journey_of(draft, today()).steps[0].key))


@bp.route("/", methods=["GET", "POST"])
@login_required
def start():
    found = appeals.appealable(current_user)
    form = ChooseDecisionForm()
    form.decision.choices = choices(
        *[(c.reference, f"{BY_KEY[c.service].title}, {c.reference}") for c in found],
        ("outside", _("A decision I got outside the portal, for example by post")),
    )
    if request.method == "GET" and request.args.get("case") in {c.reference for c in found}:
        form.decision.data = request.args["case"]
    if form.validate_on_submit():
        if form.decision.data == "outside":
            return redirect(url_for("appeal.outside"))
        chosen = next(c for c in found if c.reference == form.decision.data)
        return _first_page(appeals.start_for_case(current_user, chosen))
    return render_template(
        "appeal/start.html",
        form=form,
        cases={c.reference: c for c in found},
        summaries={c.reference: cases.summary_of(c) for c in found},
        own={c.reference for c in found if access.is_own_case(current_user, c)},
    )


@bp.route("/outside", methods=["GET", "POST"])
@login_required
def outside():
    held = [
        a
        for a in authorities.for_representative(current_user)
        if any(authorities.allows(a, "appeal", s) for s in a.services)
    ]
    form = OutsideDecisionForm()
    form.who.choices = choices(("self", _("Me")), *[(a.public_id, a.person_name) for a in held])
    if form.validate_on_submit():
        authority = next((a for a in held if a.public_id == form.who.data), None)
        if authority is not None and not authorities.allows(authority, "appeal", form.service.data):
            form.service.errors.append(_("You may not appeal for them in this service. See Who I act for"))
        else:
            return _first_page(appeals.start_outside(current_user, form.service.data, authority))
    return render_template("appeal/outside.html", form=form, held=held)
