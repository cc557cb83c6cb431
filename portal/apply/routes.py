"""Application routes: find the reader's own draft, validate one page, save, move on."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import answers, copies, kept_uploads
from ..downloads import private_file
from ..extensions import limiter
from ..fields import FILE_MESSAGES
from ..i18n import current_language
from ..rules.clock import local_day, today
from ..rules.deadlines import reply_deadline
from ..rules.files import extension_for
from ..services import access, appeals, attachments as attachment_service, authorities, cases, drafts, submissions
from . import bp, keeping
from .forms import AttachmentForm, ChooseServiceForm, DeclarationForm, ForWhomForm, choices
from .journeys import JOURNEYS, base_journey, guidance, journey_of


def _draft(public_id: str, action: str = "draft.view"):
    """The draft and its pages, tailored to who it is for (access checked)."""
    draft = access.draft_for(current_user, public_id, action)
    return draft, journey_of(draft, today())


def _guidance(draft, step_key: str | None = None) -> list:
    return guidance(draft.service, draft.answers, today(), step_key) if draft.kind == "application" else []


def _onwards(journey, public_id: str, step_key: str, returning: bool):
    """After a page is saved: the next page, or the check page when there is none
    or the reader came from the check page to change an answer."""
    following = journey.next_step(step_key)
    if returning or following is None:
        return redirect(url_for("apply.check", public_id=public_id))
    return redirect(url_for("apply.step", public_id=public_id, step_key=following.key))


def _back(journey, draft, step_key: str, returning: bool) -> str:
    previous = journey.previous_step(step_key)
    if returning:
        return url_for("apply.check", public_id=draft.public_id)
    if previous:
        return url_for("apply.step", public_id=draft.public_id, step_key=previous.key)
    if draft.kind == "appeal":
        return (
            url_for("cases.show", reference=draft.appeals_reference)
            if draft.appeals_reference
            else url_for("appeal.start")
        )
    if draft.kind == "volunteer":
        return url_for("volunteer.index")
    return url_for("apply.for_whom", service=draft.service)


def _page_form(current, draft, step_key: str):
    """The page's form: what was posted; else what was typed and kept; else what was saved."""
    if request.method == "POST":
        return current.form()
    typed = drafts.typed_on_page(draft, step_key)
    if typed is not None:
        return current.form(formdata=keeping.as_formdata(typed))
    return current.form(data=drafts.answers_for_page(draft, step_key))


def _answers_of(form) -> dict:
    return {name: field.data for name, field in form._fields.items() if name != "csrf_token"}


@bp.route("/", methods=["GET", "POST"])
@login_required
def start():
    form = ChooseServiceForm()
    form.service.choices = [c for c in form.service.choices if c.value in JOURNEYS]
    if request.method == "GET" and request.args.get("service") in JOURNEYS:
        form.service.data = request.args["service"]
    if form.validate_on_submit():
        return redirect(url_for("apply.for_whom", service=form.service.data))
    return render_template("apply/start.html", form=form)


@bp.route("/for-whom", methods=["GET", "POST"])
@login_required
def for_whom():
    service = request.args.get("service")
    if service not in JOURNEYS:
        return redirect(url_for("apply.start"))
    people = authorities.usable_for_applying(current_user, service)
    form = ForWhomForm()
    form.who.choices = choices(
        ("self", _("Me")), *[(a.public_id, a.person.name) for a in people], ("other", _("Someone else"))
    )
    if request.method == "GET" and request.args.get("who") in {c.value for c in form.who.choices}:
        form.who.data = request.args["who"]
    if form.validate_on_submit():
        if form.who.data == "other":
            if not current_user.identity_verified:
                return render_template("authorities/needs_verified_identity.html"), 403
            return redirect(url_for("authorities.new", service=service))
        chosen = next((a for a in people if a.public_id == form.who.data), None)
        draft = drafts.start(current_user, service, chosen)
        journey = journey_of(draft, today())
        return redirect(url_for("apply.step", public_id=draft.public_id, step_key=journey.steps[0].key))
    return render_template("apply/for_whom.html", form=form, journey=JOURNEYS[service], people=people)


@bp.route("/<public_id>/<step_key>", methods=["GET", "POST"])
@login_required
def step(public_id: str, step_key: str):
    draft, journey = _draft(public_id, "draft.view" if request.method == "GET" else "draft.change")
    if draft.submission is not None:
        return redirect(url_for("apply.receipt", reference=draft.submission.reference))
    current = journey.step(step_key)
    if current is None:
        abort(404)
    returning = request.args.get("from") == "check"
    form = _page_form(current, draft, step_key)
    if "national_id" in form and draft.authority is not None:
        form.expect(draft.authority.person.national_id, own=False)
    elif "national_id" in form and current_user.identity_verified:
        form.expect(current_user.national_id, own=True)
    leaving = keeping.leaving(request.form.get("action")) if request.method == "POST" else None
    if leaving:
        # Leaving the page: what is typed is kept as it is, errors or not, and shown again.
        if form.validate():
            drafts.save_answers(draft, step_key, _answers_of(form))
        else:
            drafts.keep_typed(draft, step_key, keeping.typed(form))
        return keeping.leave(leaving, drafts.kept_until(draft))
    if form.validate_on_submit():
        drafts.save_answers(draft, step_key, _answers_of(form))
        return _onwards(journey, public_id, step_key, returning)
    return render_template(
        "apply/step.html",
        form=form,
        journey=journey,
        step=current,
        draft=draft,
        back=_back(journey, draft, step_key, returning),
        number=journey.index(step_key) + 1,
        total=len(journey.steps) + 1,
        guidance=_guidance(draft, step_key),
    )


@bp.route("/<public_id>/check", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per minute", methods=["POST"])
def check(public_id: str):
    draft, journey = _draft(public_id, "draft.view" if request.method == "GET" else "draft.send")
    if draft.submission is not None:
        return redirect(url_for("apply.receipt", reference=draft.submission.reference))
    missing = journey.first_unanswered(draft.answers)
    if missing is not None:
        return redirect(url_for("apply.step", public_id=public_id, step_key=missing.key))
    form = DeclarationForm()
    if form.validate_on_submit():
        submission = submissions.submit(current_user, draft, current_language())
        return redirect(url_for("apply.receipt", reference=submission.reference))
    sections = [(s, answers.rows(s.form, draft.answers[s.key])) for s in journey.steps if not s.is_attachments]
    files_step = journey.step("attachments")
    return render_template(
        "apply/check.html",
        form=form,
        journey=journey,
        draft=draft,
        sections=sections,
        files_step=files_step,
        files=attachment_service.for_draft(draft),
        kinds=dict(files_step.kinds) if files_step else {},
        number=len(journey.steps) + 1,
        total=len(journey.steps) + 1,
        guidance=_guidance(draft),
        appealed=appeals.appealed_case(draft),
    )


@bp.route("/receipt/<reference>")
@login_required
def receipt(reference: str):
    submission = access.submission_for(current_user, reference, "submission.view")
    due = reply_deadline(local_day(submission.submitted_at))
    journey = base_journey(submission.kind, submission.service)
    return render_template(
        "apply/receipt.html",
        submission=submission,
        journey=journey,
        reply_due=due,
        case=cases.find(submission.appeals_reference or submission.reference),
    )


@bp.route("/receipt/<reference>/pdf")
@login_required
def receipt_pdf(reference: str):
    submission = access.submission_for(current_user, reference, "submission.pdf")
    return private_file(copies.pdf_of(submission), "application/pdf", f"{submission.reference}.pdf")


@bp.route("/<public_id>/delete", methods=["GET", "POST"])
@login_required
def delete(public_id: str):
    draft = access.own_draft(current_user, public_id)
    journey = base_journey(draft.kind, draft.service)
    if draft.submission is not None:
        abort(404)
    if request.method == "POST":  # CSRF is checked for every POST by CSRFProtect
        drafts.delete(draft)
        flash(_("The draft is deleted."), "success")
        return redirect(url_for("auth.my_page"))
    return render_template("apply/delete.html", draft=draft, journey=journey)


@bp.route("/<public_id>/attachments", methods=["GET", "POST"])
@login_required
def attachments(public_id: str):
    draft, journey = _draft(public_id, "draft.view" if request.method == "GET" else "draft.change")
    if draft.submission is not None:
        return redirect(url_for("apply.receipt", reference=draft.submission.reference))
    current = journey.step("attachments")
    if current is None:
        abort(404)
    returning = request.args.get("from") == "check"
    form = AttachmentForm()
    form.kind.choices = choices(*current.kinds)
    if len(current.kinds) == 1:
        form.kind.data = current.kinds[0][0]
    if request.method == "POST" and request.form.get("action") == "continue":
        files = attachment_service.for_draft(draft)
        drafts.save_answers(draft, "attachments", {"files": [a.public_id for a in files]})
        return _onwards(journey, public_id, "attachments", returning)
    if form.is_submitted() and _file_ready(form):
        chosen = kept_uploads.take()
        try:
            attachment_service.add(current_user, draft, chosen.stream, chosen.filename, form.kind.data)
        except attachment_service.AttachmentRejected as rejected:
            form.file.errors.append(FILE_MESSAGES[rejected.reason])
        else:
            kept_uploads.forget()
            flash(_("The file is added."), "success")
            return redirect(request.full_path.rstrip("?"))
    return render_template(
        "apply/attachments.html",
        form=form,
        journey=journey,
        step=current,
        draft=draft,
        back=_back(journey, draft, "attachments", returning),
        files=attachment_service.for_draft(draft),
        kinds=dict(current.kinds),
        number=journey.index("attachments") + 1,
        total=len(journey.steps) + 1,
        returning=returning,
        kept=kept_uploads.kept(),
    )


def _file_ready(form) -> bool:
    """Checks the page; a file chosen is kept when something else on it is wrong (the kind),
    so that choosing the kind is all that is left to do."""
    valid = form.validate()
    try:
        kept = kept_uploads.keep(form.file.data)
    except attachment_service.AttachmentRejected as rejected:
        form.file.errors = [FILE_MESSAGES[rejected.reason]]
        return False
    if kept is not None:
        form.file.errors = []
        valid = not form.errors
    return valid


@bp.route("/<public_id>/attachments/<attachment_id>/remove", methods=["POST"])
@login_required
def remove_attachment(public_id: str, attachment_id: str):
    draft, _journey = _draft(public_id, "draft.change")
    attachment = attachment_service.find(attachment_id)
    if attachment is None or attachment.draft_id != draft.id or draft.submission is not None:
        abort(404)
    attachment_service.remove(attachment)
    flash(_("The file is removed."), "success")
    return redirect(url_for("apply.attachments", public_id=public_id))


@bp.route("/files/<attachment_id>")
@login_required
def attachment_file(attachment_id: str):
    attachment = access.attachment_for(current_user, attachment_id)
    return private_file(
        attachment_service.read(attachment),
        attachment.content_type,
        f"{attachment.public_id}.{extension_for(attachment.content_type)}",
    )
