"""Acting for someone else: set up an authority, follow it, end it; the person's side:
answer a request, see who can act for them, withdraw. Routes parse and render; the
rules live in portal.rules.authority and the work in portal.services.authorities."""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import links
from ..documents.fullmakt import render_fullmakt_pdf
from ..downloads import private_file
from ..extensions import limiter
from ..fields import FILE_MESSAGES, choices
from ..i18n import current_language
from ..rules import authority as rules
from ..rules.files import extension_for
from ..rules.services import SERVICES
from ..services import access, attachments, authorities
from ..services.attachments import AttachmentRejected
from . import bp
from .forms import (
    BASIS_HINTS,
    PROBLEM_MESSAGES,
    AnswerForm,
    BasisForm,
    ConfirmForm,
    DocumentForm,
    FullmaktForm,
    OmbudForm,
    PaperFullmaktForm,
    ParentForm,
    VergeForm,
)

BASIS_FORMS = {"parent": ParentForm, "verge": VergeForm, "fullmakt": FullmaktForm, "paper": PaperFullmaktForm}
# Which field a problem from the service belongs to (else the identity number's).
PROBLEM_FIELDS = {
    "birth_date_needed": "child_birth_date",
    "birth_date_wrong": "child_birth_date",
    "own_birth_date_needed": "representative_birth_date",
    "own_birth_date_wrong": "representative_birth_date",
}
# A parent told that the young person decides (16 or 17) or is an adult is offered to ask
# them for a fullmakt instead, with what they typed carried over (pbrl § 4-3, fvl § 12).
ASK_FOR_FULLMAKT = ("young_person", "adult")
# What is carried from one form to the fullmakt form: the fields both have.
CARRIED = ("representative_name", "representative_email", "person_name", "person_national_id")


def verified_identity_required(view):
    """Acting for others, and seeing who acts for you, need a verified identity."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.identity_verified:
            return render_template("authorities/needs_verified_identity.html"), 403
        return view(*args, **kwargs)

    return login_required(wrapper)


def _service_arg() -> str | None:

    service = request.args.get("service")
    return service if service in SERVICES else None


def _mine(public_id: str):
    authority = authorities.find_for_representative(current_user, public_id)
    if authority is None:
        abort(404)
    return authority


def _for_me(public_id: str):
    authority = authorities.find_for_person(current_user, public_id)
    if authority is None:
        abort(404)
    return authority


# -- The representative's side -------------------------------------------------------------


@bp.route("/")
@verified_identity_required
def index():
    return render_template(
        "authorities/index.html", held=authorities.for_representative(current_user), state_of=authorities.state_of
    )


@bp.route("/new", methods=["GET", "POST"])
@verified_identity_required
def new():
    form = BasisForm()
    service = _service_arg()
    if form.validate_on_submit():
        return redirect(url_for("authorities.new_basis", basis=form.basis.data, service=service))
    return render_template("authorities/new.html", form=form, hints=BASIS_HINTS, service=service)


@bp.route("/new/<basis>", methods=["GET", "POST"])
@verified_identity_required
@limiter.limit("20 per hour", methods=["POST"])
def new_basis(basis: str):
    form_class = BASIS_FORMS.get(basis)
    if form_class is None:
        abort(404)
    service = _service_arg()
    defaults = {
        "representative_name": current_user.full_name,
        "representative_email": current_user.email,
        "services": [service] if service else [],
    }
    carried = request.method == "POST" and request.form.get("carried_over") == "1" and basis in ("fullmakt", "paper")
    if carried:
        # Sent on from the parent form or a parent's ended declaration: filled in, not yet checked.
        form = form_class(formdata=None, data={**defaults, **_carried()})
    else:
        form = form_class(data=defaults)
    _ask_only_needed_birth_dates(form)
    ask_for_fullmakt = None
    if not carried and form.validate_on_submit():
        try:
            authority = _set_up(basis, form)
        except authorities.AuthorityProblem as problem:
            field = PROBLEM_FIELDS.get(problem.reason) or next(
                name for name in ("child_national_id", "person_national_id") if name in form
            )
            form[field].errors.append(PROBLEM_MESSAGES[problem.reason])
            if basis == "parent" and problem.reason in ASK_FOR_FULLMAKT:
                ask_for_fullmakt = _carry_from_parent_form(form, problem.reason)
        else:
            return _after_set_up(authority, service)
    return render_template(
        "authorities/form.html", form=form, basis=basis, service=service, ask_for_fullmakt=ask_for_fullmakt
    )


def _ask_only_needed_birth_dates(form) -> None:
    """A date of birth is asked only where an identity number does not tell the year: the
    child's as typed, or the representative's own from their electronic ID."""
    if "child_birth_date" in form and not authorities.must_ask_birth_date(form.child_national_id.data):
        del form.child_birth_date
    if "representative_birth_date" in form and not authorities.must_ask_own_birth_date(current_user):
        del form.representative_birth_date


def _carried() -> dict:
    """What comes on to the fullmakt form: the fields the parent typed, or what the account's
    own ended declaration holds (so the number need not be put in that page)."""
    source = request.form.get("from_authority")
    if not source:
        return {name: request.form.get(name, "") for name in CARRIED}
    authority = _mine(source)
    return {
        "representative_name": authority.representative_name,
        "representative_email": authority.representative_email or "",
        "person_name": authority.person_name,
        "person_national_id": authority.person.national_id,
    }


def _carry_from_parent_form(form, reason: str) -> dict:
    """What the parent typed, to go on to ask the young person for a fullmakt."""
    return {
        "reason": reason,
        "person_name": form.child_name.data,
        "fields": {
            "representative_name": form.representative_name.data,
            "representative_email": form.representative_email.data or "",
            "person_name": form.child_name.data,
            "person_national_id": form.child_national_id.data,
        },
    }


def _set_up(basis: str, form):
    given = dict(representative_name=form.representative_name.data, representative_email=form.representative_email.data)
    if basis == "parent":
        return authorities.declare_parent(
            current_user,
            **given,
            child_name=form.child_name.data,
            child_national_id=form.child_national_id.data,
            child_birth_date=form.child_birth_date.day if "child_birth_date" in form else None,
        )
    if "representative_birth_date" in form:
        given["representative_birth_date"] = form.representative_birth_date.day
    person = dict(person_name=form.person_name.data, person_national_id=form.person_national_id.data)
    if basis == "verge":
        return authorities.register_verge(
            current_user, **given, **person, scopes=form.scopes.data, valid_until=form.valid_until.day
        )
    period = dict(scopes=form.scopes.data, services=form.services.data, valid_until=form.valid_until.day)
    if basis == "paper":
        return authorities.prepare_paper_fullmakt(current_user, **given, **person, **period)
    return authorities.request_fullmakt(
        current_user,
        **given,
        **person,
        **period,
        person_email=form.person_email.data,
        answer_link=lambda public_id: links.link(
            "authorities.answer", lang_code=current_language(), public_id=public_id
        ),
        lang=current_language(),
    )


def _after_set_up(authority, service: str | None):
    if authority.state == rules.AWAITING_DOCUMENT:
        return redirect(url_for("authorities.document", public_id=authority.public_id, service=service))
    if authority.state == rules.REQUESTED:
        flash(_("The request is sent. You can apply for them when they have approved it."), "success")
        return redirect(url_for("authorities.show", public_id=authority.public_id))
    if service and authorities.allows(authority, "apply", service) and "apply.for_whom" in current_app.view_functions:
        return redirect(url_for("apply.for_whom", service=service, who=authority.public_id))
    flash(_("You can now act for them."), "success")
    return redirect(url_for("authorities.show", public_id=authority.public_id))


@bp.route("/<public_id>")
@verified_identity_required
def show(public_id: str):
    authority = _mine(public_id)
    return render_template(
        "authorities/show.html",
        authority=authority,
        state=authorities.state_of(authority),
        document=authorities.document_of(authority),
        form=ConfirmForm(),
    )


@bp.route("/<public_id>/document", methods=["GET", "POST"])
@verified_identity_required
@limiter.limit("30 per hour", methods=["POST"])
def document(public_id: str):
    authority = _mine(public_id)
    state = authorities.state_of(authority)
    if authority.proof != "document" or state not in (rules.AWAITING_DOCUMENT, rules.AWAITING_VERIFICATION):
        return redirect(url_for("authorities.show", public_id=public_id))
    form = DocumentForm()
    service = _service_arg()
    if form.validate_on_submit():
        try:
            authorities.add_document(current_user, authority, form.file.data.stream, form.file.data.filename)
        except AttachmentRejected as rejected:
            form.file.errors.append(FILE_MESSAGES[rejected.reason])
        else:
            flash(_("The document is uploaded. The municipality will check it."), "success")
            return _after_set_up(authority, service)
    return render_template(
        "authorities/document.html",
        form=form,
        authority=authority,
        state=state,
        document=authorities.document_of(authority),
        service=service,
    )


@bp.route("/<public_id>/fullmakt.pdf")
@verified_identity_required
def paper_form(public_id: str):
    """The pre-filled fullmakt to print, sign and upload."""

    authority = _mine(public_id)
    if authority.basis != "fullmakt" or authority.proof != "document" or authorities.state_of(authority) in rules.ENDED:
        abort(404)
    return private_file(
        render_fullmakt_pdf(authority, current_user), "application/pdf", f"fullmakt-{authority.public_id[:8]}.pdf"
    )


@bp.route("/<public_id>/document/file")
@verified_identity_required
def document_file(public_id: str):

    authority = _mine(public_id)
    access.document_for(current_user, authority)
    attachment = authorities.document_of(authority)
    if attachment is None:
        abort(404)
    return private_file(
        attachments.read(attachment),
        attachment.content_type,
        f"{attachment.public_id}.{extension_for(attachment.content_type)}",
    )


@bp.route("/<public_id>/end", methods=["GET", "POST"])
@verified_identity_required
def end(public_id: str):
    authority = _mine(public_id)
    if authorities.state_of(authority) in rules.ENDED:
        return redirect(url_for("authorities.show", public_id=public_id))
    form = ConfirmForm()
    if form.validate_on_submit():
        authorities.end_by_representative(current_user, authority)
        flash(_("You no longer act for them."), "success")
        return redirect(url_for("authorities.index"))
    return render_template("authorities/end.html", authority=authority, form=form)


# -- The person's side ---------------------------------------------------------------------


@bp.route("/for-me")
@verified_identity_required
def for_me():
    return render_template(
        "authorities/for_me.html",
        given=authorities.for_person(current_user),
        state_of=authorities.state_of,
        may_withdraw=authorities.person_may_withdraw,
    )


@bp.route("/requests/<public_id>", methods=["GET", "POST"])
@verified_identity_required
def answer(public_id: str):
    authority = _for_me(public_id)
    state = authorities.state_of(authority)
    form = AnswerForm()
    if state == rules.REQUESTED and form.validate_on_submit():
        if form.answer.data == "approve":
            authorities.approve(current_user, authority)
            flash(_("You have given the power of attorney. You can withdraw it at any time."), "success")
        else:
            authorities.decline(current_user, authority)
            flash(_("You have declined the request."), "success")
        return redirect(url_for("authorities.for_me"))
    return render_template("authorities/answer.html", authority=authority, state=state, form=form)


@bp.route("/for-me/<public_id>/withdraw", methods=["GET", "POST"])
@verified_identity_required
def withdraw(public_id: str):
    authority = _for_me(public_id)
    if not authorities.person_may_withdraw(authority):
        return redirect(url_for("authorities.for_me"))
    form = ConfirmForm()
    if form.validate_on_submit():
        authorities.withdraw(current_user, authority)
        flash(_("It is withdrawn. From now on they cannot act for you."), "success")
        return redirect(url_for("authorities.for_me"))
    return render_template("authorities/withdraw.html", authority=authority, form=form)


@bp.route("/for-me/ombud", methods=["GET", "POST"])
@verified_identity_required
def give_ombud():
    """Let the patient and user ombud see the cases, or help with an appeal: the person's
    consent is the portal's rule for what the ombud sees here (LEGAL.md; GDPR art. 5), and the
    ombud's own statutory access (pbrl chapter 8) is not handled in the portal."""
    offices = authorities.ombud_offices()
    form = OmbudForm()
    form.office.choices = choices(*[(str(o.id), o.full_name or o.email) for o in offices])
    if form.validate_on_submit():
        office = next(o for o in offices if str(o.id) == form.office.data)
        try:
            authorities.give_ombud(current_user, office, form.scopes.data, form.services.data, form.valid_until.day)
        except authorities.AuthorityProblem:
            form.office.errors.append(_("This ombud office can already see your cases. See Who can act for me"))
        else:
            flash(_("The ombud can now help you. You can withdraw it at any time."), "success")
            return redirect(url_for("authorities.for_me"))
    return render_template("authorities/ombud.html", form=form, offices=offices)
