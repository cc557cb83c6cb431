"""The volunteer's pages: start the application (the pages after are the application
engine's), follow it, and once engaged hand in timesheets and half-year reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import kept_uploads
from ..apply.journeys import journey_of
from ..fields import FILE_MESSAGES, choices
from ..i18n import month_name
from ..rules import volunteers as rules
from ..rules.clock import today
from ..services import drafts, volunteers
from ..services.attachments import AttachmentRejected
from . import bp
from .forms import CertificateForm, HalfYearReportForm, TimesheetForm

TENTH, ORE = Decimal("0.1"), Decimal("0.01")


@bp.route("/")
def index():
    """What it takes, and a start; for a volunteer, where their application stands."""
    volunteer = volunteers.of_account(current_user) if current_user.is_authenticated else None
    if volunteer is None:
        started = (
            [d for d in drafts.unsent(current_user) if d.kind == "volunteer"] if current_user.is_authenticated else []
        )
        return render_template("volunteer/index.html", draft=started[0] if started else None)
    return _status(volunteer, CertificateForm())


def _status(volunteer, certificate_form: CertificateForm):
    assignments = volunteers.assignments_of(volunteer)
    reports = {a.id: volunteers.reports_of(a) for a in assignments}  # read once, used three ways
    return render_template(
        "volunteer/status.html",
        volunteer=volunteer,
        assignments=assignments,
        open_months={a.id: volunteers.months_open(a, reports[a.id]) for a in assignments},
        reports=reports,
        half_years={a.id: volunteers.half_years_open(a, reports[a.id]) for a in assignments},
        timesheet_due=rules.timesheet_due,
        certificate=volunteers.certificate_of(volunteer),
        certificate_form=certificate_form,
        form=certificate_form,
    )


@bp.route("/certificate", methods=["POST"])
@login_required
def certificate():
    """The police certificate, uploaded when the municipality asks for it (hol § 5-4)."""
    volunteer = volunteers.of_account(current_user)
    if volunteer is None:
        abort(404)
    form = CertificateForm()
    if form.validate_on_submit():
        try:
            volunteers.upload_certificate(current_user, volunteer, form.file.data.stream, form.file.data.filename)
        except AttachmentRejected as rejected:
            form.file.errors.append(FILE_MESSAGES[rejected.reason])
        else:
            flash(_("The police certificate is uploaded. We will check it."), "success")
            return redirect(url_for("volunteer.index"))
    return _status(volunteer, form), 400


@bp.route("/start", methods=["POST"])
@login_required
def start():
    if volunteers.of_account(current_user) is not None:
        return redirect(url_for("volunteer.index"))
    started = [d for d in drafts.unsent(current_user) if d.kind == "volunteer"]
    draft = started[0] if started else drafts.start(current_user, "stottekontakt", kind="volunteer")
    journey = journey_of(draft, today())
    following = journey.first_unanswered(draft.answers)
    if following is None:
        return redirect(url_for("apply.check", public_id=draft.public_id))
    return redirect(url_for("apply.step", public_id=draft.public_id, step_key=following.key))


def _assignment(public_id: str):
    assignment = volunteers.assignment_of(current_user, public_id)
    if assignment is None:
        abort(404)
    return assignment


@bp.route("/timesheet/<assignment_id>", methods=["GET", "POST"])
@login_required
def timesheet(assignment_id: str):
    assignment = _assignment(assignment_id)
    months = volunteers.months_open(assignment)
    form = TimesheetForm()
    form.month.choices = choices(*[(m.isoformat(), month_name(m)) for m in months])
    if form.is_submitted():
        # A receipt chosen stays chosen, whatever else on the page is wrong.
        try:
            kept_uploads.keep(form.receipt.data)
        except AttachmentRejected as rejected:
            form.receipt.errors = [FILE_MESSAGES[rejected.reason]]
    if not form.is_submitted() and request.args.get("month") in {m.isoformat() for m in months}:
        # "Send the timesheet for October" opens with October chosen.
        form.month.data = request.args["month"]
    if request.method == "POST" and request.form.get("action") == "more":
        # More rows, without a JavaScript button: what was typed stays, with four empty rows more.
        wanted = min(len(form.lines) + 4, form.lines.max_entries)
        while len(form.lines) < wanted:
            form.lines.append_entry()
        return _timesheet_page(form, assignment, months)
    receipt_problem = list(form.receipt.errors)
    valid = form.validate_on_submit() and not receipt_problem
    form.receipt.errors = [*receipt_problem, *form.receipt.errors]
    # The lines are checked too when something else is wrong, so every problem shows at once.
    if form.is_submitted() and form.month.data in {m.isoformat() for m in months}:
        valid = _lines_are_in(form, date.fromisoformat(form.month.data), assignment.started_on) and valid
    if valid:
        lines = [
            {
                "day": line.day.day.isoformat(),
                "hours": str(line.hours.data.quantize(TENTH)),
                "activity": line.activity.data,
            }
            for line in form.lines
            if line.day.day
        ]
        expenses = [
            {"amount": str(e.amount.data.quantize(ORE)), "what": e.what.data} for e in form.expenses if e.amount.data
        ]
        document = {
            "version": 1,
            "month": form.month.data,
            "lines": lines,
            "expenses": expenses,
            "hours": str(volunteers.total(lines, "hours")),
            "amount": str(volunteers.total(expenses, "amount")),
        }
        try:
            volunteers.hand_in(
                assignment,
                "timesheet",
                date.fromisoformat(form.month.data),
                document,
                kept_uploads.take(),
                current_user,
            )
        except AttachmentRejected as rejected:
            form.receipt.errors.append(FILE_MESSAGES[rejected.reason])
        except volunteers.VolunteerProblem:
            form.month.errors.append(
                _("You have already sent the timesheet for this month. Contact the service office to correct it")
            )
        else:
            kept_uploads.forget()
            flash(_("The timesheet is sent. Thank you."), "success")
            return redirect(url_for("volunteer.index"))
    return _timesheet_page(form, assignment, months)


def _timesheet_page(form, assignment, months):
    return render_template(
        "volunteer/timesheet.html", form=form, assignment=assignment, months=months, kept=kept_uploads.kept()
    )


def _lines_are_in(form, month: date, started_on: date) -> bool:
    """At least one day with hours, each in the month, not before the start nor after today;
    hours with each day; amounts with a purpose."""
    valid, any_line = True, False
    for line in form.lines:
        day, hours = line.day.day, line.hours.data
        if day and hours is None and not line.hours.errors:
            line.hours.errors.append(_("Enter the hours for this day"))
            valid = False
        elif hours is not None and not day and not line.day.errors:
            line.day.errors.append(_("Enter the date for these hours"))
            valid = False
        elif day and (day.year, day.month) != (month.year, month.month):
            line.day.errors.append(_("The date must be in the month the timesheet is for"))
            valid = False
        elif day and day > today():
            line.day.errors.append(_("The date cannot be after today"))
            valid = False
        elif day and day < started_on:
            line.day.errors.append(_("The date is before you started as support contact. Check it"))
            valid = False
        any_line = any_line or bool(day and hours is not None)
    for expense in form.expenses:
        if expense.amount.data and not expense.what.data:
            expense.what.errors.append(_("Write what the expense was for"))
            valid = False
    if valid and not any_line:
        form.lines[0].day.errors.append(_("Enter at least one day with hours"))
        valid = False
    return valid


@bp.route("/report/<assignment_id>", methods=["GET", "POST"])
@login_required
def report(assignment_id: str):
    assignment = _assignment(assignment_id)
    waiting = volunteers.half_years_open(assignment)
    if not waiting:
        flash(_("No half-year report is waiting."), "info")
        return redirect(url_for("volunteer.index"))
    due = waiting[0]
    form = HalfYearReportForm()
    if form.validate_on_submit():
        document = {"version": 1, **{name: field.data for name, field in form._fields.items() if name != "csrf_token"}}
        try:
            volunteers.hand_in(assignment, "half_year", due, document)
        except volunteers.VolunteerProblem:
            form.activities.errors.append(_("You have already sent the report for this half-year"))
        else:
            flash(_("The report is sent. Thank you."), "success")
            return redirect(url_for("volunteer.index"))
    return render_template("volunteer/report.html", form=form, assignment=assignment, due=due)
