"""Intake routes for caseworkers: the queue, each submission with its case, recording what
happens, and checking the documents that prove an authority. Every read of a person's
submission or case is written to the access log."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import copies, links
from ..downloads import private_file
from ..fields import choices
from ..i18n import long_date
from ..labels import STATUSES
from ..roles import role_required
from ..rules import volunteers as volunteer_rules
from ..rules.case_checks import offered
from ..rules.case_status import is_promise_broken
from ..rules.clock import today
from ..rules.files import extension_for
from ..services import access, archive, attachments, authorities, cases, intake, volunteers
from . import bp
from .forms import (
    EVENT_FORMS,
    PROBLEMS,
    UNKNOWN_PROBLEM,
    CertificateDateForm,
    CheckForm,
    MoveForm,
    QueueForm,
    ReceivedForm,
    RegisterFilterForm,
    SearchForm,
    SentOnceForm,
    event_data,
)
from .queue_rows import rows_html


def _authority(public_id: str):
    authority = authorities.find(public_id)
    if authority is None:
        abort(404)
    return authority


@bp.route("/authorities")
@role_required("caseworker")
def authorities_to_check():
    return render_template("intake/authorities.html", waiting=authorities.awaiting_verification())


@bp.route("/authorities/<public_id>", methods=["GET", "POST"])
@role_required("caseworker")
def check_authority(public_id: str):
    authority = _authority(public_id)
    form = CheckForm()
    waiting = authorities.waits_for_check(authority)
    if form.validate_on_submit() and waiting:
        if form.outcome.data == "verify":
            authorities.verify(current_user, authority)
            flash(_("The authority is verified. The representative has been told."), "success")
        else:
            authorities.reject(current_user, authority, form.reason.data)
            flash(_("The authority is rejected. The representative has been told why."), "success")
        return redirect(url_for("intake.authorities_to_check"))
    access.authority_for_check(current_user, authority)
    return render_template(
        "intake/authority.html",
        authority=authority,
        form=form,
        waiting=waiting,
        state=authorities.state_of(authority),
        document=authorities.document_of(authority),
    )


@bp.route("/authorities/<public_id>/document")
@role_required("caseworker")
def authority_document(public_id: str):
    authority = _authority(public_id)
    attachment = authorities.document_of(authority)
    if attachment is None:
        abort(404)
    access.authority_for_check(current_user, authority, "authority.document")
    return private_file(
        attachments.read(attachment),
        attachment.content_type,
        f"{attachment.public_id}.{extension_for(attachment.content_type)}",
    )


# -- The queue, a submission, and recording what happens ----------------------------------------


def _submission(reference: str, action: str):
    """A submission for the caseworker; the read goes to the access log."""
    submission = access.submission_for_staff(current_user, reference, action)
    if submission is None:
        abort(404)
    return submission


@bp.route("/")
@role_required("caseworker")
def queue():
    form = QueueForm(request.args)
    form.state.choices = choices(
        ("", _("All")),
        ("new", _("New: not yet received")),
        *[(code, label) for code, label in STATUSES.items() if code != "submitted"],
    )
    filters = intake.Filters(
        kind=form.kind.data or None,
        service=form.service.data or None,
        state=form.state.data or None,
        overdue=bool(form.overdue.data),
    )
    try:
        rows, following = intake.page(filters, request.args.get("after"), flagged=True)
    except intake.BadCursor:
        abort(404)
    next_page = url_for("intake.queue", **{**request.args.to_dict(), "after": following}) if following else None
    return render_template(
        "intake/queue.html",
        form=form,
        rows=rows,
        next_page=next_page,
        search=SearchForm(),
        rows_html=rows_html(rows, links.for_each("intake.submission", "reference")),
    )


@bp.route("/search", methods=["GET", "POST"])
@role_required("caseworker")
def search():
    # Posted, never a query string: what is typed (sometimes an identity number, by mistake)
    # stays out of addresses, the browser's history and the server's access log.
    form = SearchForm()
    if form.validate_on_submit():
        found = intake.search(form.q.data)
        if found is not None:
            return redirect(url_for("intake.submission", reference=found.reference))
        form.q.errors.append(_("No submission has this reference or case number. Check it and try again"))
    return render_template("intake/search.html", search=form, form=form)


@bp.route("/submissions/<reference>", methods=["GET", "POST"])
@role_required("caseworker")
def submission(reference: str):
    found = _submission(reference, "submission.view")
    receipt = ReceivedForm()
    if found.intake_state == "new" and receipt.validate_on_submit():
        try:
            cases.receive(found, receipt.case_number.data or None, receipt.received_on.day, account=current_user)
        except cases.EventInvalid as invalid:
            _show_problems(receipt, invalid.problems)
        else:
            flash(_("The submission is marked as received."), "success")
            return redirect(url_for("intake.submission", reference=reference))
    case = cases.find(found.reference)
    appealed = cases.find(found.appeals_reference) if found.appeals_reference else None
    volunteer = volunteers.of_submission(found) if found.kind == "volunteer" else None
    events = cases.events_of(case) if case else []
    summary = cases.summary_of(case, events) if case else None
    return render_template(
        "intake/submission.html",
        submission=found,
        case=case,
        appealed=appealed,
        volunteer=volunteer,
        receipt=receipt,
        summary=summary,
        promise_broken=summary is not None and is_promise_broken(summary, today()),
        recordable=offered(summary) if summary else (),
        events=cases.timeline(events),
        sections=copies.sections(found),
        archive=archive.summary(found),
        dispute=found.dispute,
    )


@bp.route("/submissions/<reference>/pdf")
@role_required("caseworker")
def submission_pdf(reference: str):

    found = _submission(reference, "submission.pdf")
    return private_file(copies.pdf_of(found), "application/pdf", f"{found.reference}.pdf")


@bp.route("/submissions/<reference>/files/<attachment_id>")
@role_required("caseworker")
def submission_file(reference: str, attachment_id: str):
    found = _submission(reference, "attachment.download")
    attachment = attachments.find(attachment_id)
    if attachment is None or attachment.submission_id != found.id:
        abort(404)
    return private_file(
        attachments.read(attachment),
        attachment.content_type,
        f"{attachment.public_id}.{extension_for(attachment.content_type)}",
    )


def _show_problems(form, problems) -> None:
    """The service's refusal on the fields it names; one about the event as a whole (named
    "type") on the form's first question, so the error summary leads there."""
    questions = [field for field in form if field.name != "csrf_token"]
    for name, problem in problems.items():
        field = form[name] if name in form else questions[0]
        message = PROBLEMS.get(problem.code, UNKNOWN_PROBLEM)
        field.errors = [*field.errors, message.format(date=long_date(problem.day) if problem.day else "")]


@bp.route("/cases/<reference>/record/<kind>", methods=["GET", "POST"])
@role_required("caseworker")
def record(reference: str, kind: str):
    form_class = EVENT_FORMS.get(kind)
    case = cases.find(reference)
    if form_class is None or case is None:
        abort(404)
    form, sent_once = form_class(), SentOnceForm()
    if kind == "decision" and case.service != "bpa":
        del form.bpa_right  # the right to BPA (pbrl § 2-1 d) is asked in BPA cases only
    if form.validate_on_submit():
        try:
            cases.record_event(case, kind, event_data(form), account=current_user, idempotency_key=sent_once.key())
        except cases.EventInvalid as invalid:
            _show_problems(form, invalid.problems)
        except cases.IdempotencyConflict:
            flash(_("This form was sent already, with other answers. Check on the case what was recorded."), "info")
            return redirect(url_for("intake.submission", reference=reference))
        else:
            flash(_("Recorded. The case page shows it to the person now."), "success")
            return redirect(url_for("intake.submission", reference=reference))
    access.case_read_by_staff(current_user, case)
    return render_template(
        "intake/record.html", form=form, sent_once=sent_once, case=case, kind=kind, summary=cases.summary_of(case)
    )


# -- Volunteers: the register, each volunteer, and matching them to a granted case --------------


@bp.route("/volunteers")
@role_required("caseworker")
def volunteer_register():
    form = RegisterFilterForm(request.args)
    found = volunteers.search(
        volunteers.RegisterFilters(
            state=form.state.data or None,
            times=tuple(form.times.data or ()),
            groups=tuple(form.groups.data or ()),
            interests=tuple(form.interests.data or ()),
            car=bool(form.car.data),
        )
    )
    return render_template("intake/volunteers.html", form=form, found=found)


@bp.route("/volunteers/<public_id>", methods=["GET", "POST"])
@role_required("caseworker")
def volunteer(public_id: str):
    found = volunteers.find(public_id)
    if found is None:
        abort(404)
    form = MoveForm()
    if form.validate_on_submit():
        try:
            volunteers.move(current_user, found, form.to.data, form.note.data or "", form.certificate_issued_on.day)
        except volunteers.VolunteerProblem:
            form.to.errors.append(
                _("A volunteer cannot go straight to this state from where they are now. Choose another state")
            )
        else:
            flash(_("The state is changed."), "success")
            return redirect(url_for("intake.volunteer", public_id=public_id))
    # Opened, the date's form is filled in again if it was sent after the log-in ended (portal.refill).
    date_form = CertificateDateForm() if request.method == "GET" else CertificateDateForm(formdata=None)
    return _volunteer_page(found, form, date_form)


@bp.route("/volunteers/<public_id>/certificate-date", methods=["POST"])
@role_required("caseworker")
def volunteer_certificate_date(public_id: str):
    """The police certificate's date, put right when it was recorded wrong."""
    found = volunteers.find(public_id)
    if found is None or found.certificate_issued_on is None:
        abort(404)
    form = CertificateDateForm()
    if form.validate_on_submit():
        volunteers.correct_certificate_date(current_user, found, form.issued_on.day)
        flash(_("The police certificate's date is corrected."), "success")
        return redirect(url_for("intake.volunteer", public_id=public_id))
    return _volunteer_page(found, MoveForm(formdata=None), form, shown=form), 400


def _volunteer_page(found, move_form, date_form, shown=None):
    access.volunteer_read_by_staff(current_user, found, "volunteer.view")
    assignments = volunteers.assignments_of(found)
    reports = {a.id: volunteers.reports_of(a) for a in assignments}
    return render_template(
        "intake/volunteer.html",
        volunteer=found,
        form=shown or move_form,
        move_form=move_form,
        date_form=date_form,
        certificate_expired=bool(found.certificate_issued_on)
        and volunteer_rules.certificate_valid_until(found.certificate_issued_on) < today(),
        history=volunteers.history(found),
        assignments=assignments,
        reports=reports,
        missing={a.id: volunteers.missing_timesheets(a, reports[a.id]) for a in assignments},
        certificate=volunteers.certificate_of(found),
        sections=copies.sections(found.submission),
    )


@bp.route("/cases/<reference>/match", methods=["GET", "POST"])
@role_required("caseworker")
def match(reference: str):
    """Volunteers who fit a person granted a støttekontakt, best first, with the reasons."""
    case = cases.find(reference)
    if case is None or case.service != "stottekontakt":
        abort(404)
    summary = cases.summary_of(case)
    granted = summary.decision is not None and summary.decision.outcome in ("granted", "partly_granted")
    problem = None
    if request.method == "POST" and granted:
        chosen = volunteers.find(request.form.get("volunteer", ""))
        if chosen is None:
            abort(404)
        try:
            volunteers.engage(current_user, chosen, case, signed=request.form.get("signed") == "y")
        except volunteers.VolunteerProblem as refused:
            problem = refused.reason
        else:
            flash(_("The volunteer is engaged as support contact in the case."), "success")
            return redirect(url_for("intake.submission", reference=reference))
    access.case_read_by_staff(current_user, case, "case.match")
    return render_template(
        "intake/match.html",
        case=case,
        granted=granted,
        problem=problem,
        suggestions=volunteers.suggestions(case) if granted else [],
        engaged=volunteers.engaged_in(case),
    )


@bp.route("/volunteers/reports/<public_id>")
@role_required("caseworker")
def volunteer_report(public_id: str):
    report = volunteers.report(public_id)
    if report is None:
        abort(404)
    case = report.assignment.case
    access.case_read_by_staff(current_user, case, "volunteer.report")
    return render_template("intake/volunteer_report.html", report=report, volunteer=report.assignment.volunteer)


@bp.route("/volunteers/assignments/<public_id>/end", methods=["POST"])
@role_required("caseworker")
def end_assignment(public_id: str):
    assignment = volunteers.find_assignment(public_id)
    if assignment is None:
        abort(404)
    volunteers.end_assignment(current_user, assignment)
    flash(_("The assignment is ended."), "success")
    return redirect(url_for("intake.volunteer", public_id=assignment.volunteer.public_id))


@bp.route("/volunteers/<public_id>/certificate")
@role_required("caseworker")
def volunteer_certificate(public_id: str):
    found = volunteers.find(public_id)
    document = volunteers.certificate_of(found) if found else None
    if document is None:
        abort(404)
    access.volunteer_read_by_staff(current_user, found, "volunteer.certificate")
    return private_file(
        attachments.read(document),
        document.content_type,
        f"{document.public_id}.{extension_for(document.content_type)}",
    )
