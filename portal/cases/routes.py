"""The citizen's side of a case: thin routes over portal.services.access and .cases."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..documents.calendar import deadlines_calendar
from ..documents.decision import render_decision_pdf
from ..downloads import private_file
from ..rules.case_status import is_promise_broken, late_answer, next_date
from ..rules.clock import today
from ..services import access, cases, disputes, people
from . import bp
from .forms import NotMeForm


@bp.route("/")
@login_required
def index():
    found = access.cases_for(current_user)
    events = cases.events_of_each(found)
    summaries = {c.id: cases.summary_of(c, events[c.id]) for c in found}
    return render_template(
        "cases/index.html",
        cases=found,
        summaries=summaries,
        next_dates={key: next_date(summary, today()) for key, summary in summaries.items()},
        late_answers={key: late_answer(summary, today()) for key, summary in summaries.items()},
        own={c.id for c in found if access.is_own_case(current_user, c)},
        unverified=disputes.unverified_senders(current_user, [c.submission for c in found]),
    )


@bp.route("/<reference>")
@login_required
def show(reference: str):
    case = access.case_for(current_user, reference)
    events = cases.events_of(case)
    summary = cases.summary_of(case, events)
    appeals = cases.appeals_of(case)
    return render_template(
        "cases/show.html",
        case=case,
        events=cases.timeline(events),
        summary=summary,
        promise_broken=is_promise_broken(summary, today()),
        late_answer=late_answer(summary, today()),
        appeals=appeals,
        # Appeals sent about the person by someone who logged in with e-mail only, as applications are marked.
        appeal_senders=disputes.unverified_senders(current_user, appeals),
        today=today(),
        own=access.is_own_case(current_user, case),
        may_appeal=access.may_appeal(current_user, case),
        unverified=disputes.unverified_sender(current_user, case.submission),
        not_me=NotMeForm(),
        # The ombud reads about their client, not about themselves.
        for_client=current_user.has_role("ombud"),
    )


@bp.route("/<reference>/not-me", methods=["GET", "POST"])
@login_required
def not_me(reference: str):
    """The person says they did not send this submission about them (the case page holds the
    same form; here it comes back with what was typed when something must be fixed)."""
    submission = disputes.to_dispute(current_user, reference)
    form = NotMeForm()
    if form.validate_on_submit():
        disputes.dispute(current_user, reference, form.comment.data)
        flash(_("Thank you. The municipality will look into who sent it, and contact you."), "success")
        case = cases.find(submission.appeals_reference or submission.reference)
        if case is None:
            return redirect(url_for("auth.my_page"))
        return redirect(url_for("cases.show", reference=case.reference))
    return render_template(
        "cases/not_me.html",
        submission=submission,
        unverified=disputes.unverified_sender(current_user, submission),
        not_me=form,
        form=form,
    )


@bp.route("/<reference>/deadlines.ics")
@login_required
def calendar(reference: str):

    case = access.case_for(current_user, reference, "case.calendar")
    return private_file(
        deadlines_calendar(case, cases.summary_of(case)), "text/calendar", f"{case.reference}-frister.ics"
    )


@bp.route("/<reference>/decision.pdf")
@login_required
def decision_letter(reference: str):

    case = access.case_for(current_user, reference, "case.decision_letter")
    summary = cases.summary_of(case)
    if summary.decision is None:
        abort(404)
    return private_file(render_decision_pdf(case, summary), "application/pdf", f"{case.reference}-vedtak.pdf")


@bp.route("/<reference>/seen")
@login_required
def seen(reference: str):
    """Who has seen this case: for the person it is about, and nobody else (checked before
    anything is read, so nobody else's look is logged as a read)."""
    case = cases.find(reference)
    if case is None or not people.is_person(current_user, case.person):
        abort(404)
    submission_ids = [case.submission_id] + [a.id for a in cases.appeals_of(case)]
    return render_template("cases/seen.html", case=case, entries=access.seen_by_others(case.person, submission_ids))


@bp.route("/seen")
@login_required
def seen_all():
    """Everything logged about the person: cases, drafts for them, authorities' documents."""
    me = people.self_of(current_user) if current_user.identity_verified else None
    if not current_user.identity_verified:
        return render_template("authorities/needs_verified_identity.html"), 403
    return render_template("cases/seen.html", case=None, entries=access.seen_by_others(me) if me else [])
