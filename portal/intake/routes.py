"""Intake routes for caseworkers: the documents that prove an authority, checked here."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..downloads import private_file
from ..roles import role_required
from ..rules.files import extension_for
from ..services import attachments, authorities
from . import bp
from .forms import CheckForm


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
    authorities.read_for_check(current_user, authority)
    return render_template("intake/authority.html", authority=authority, form=form, waiting=waiting,
                           state=authorities.state_of(authority), document=authorities.document_of(authority))


@bp.route("/authorities/<public_id>/document")
@role_required("caseworker")
def authority_document(public_id: str):
    authority = _authority(public_id)
    attachment = authorities.document_of(authority)
    if attachment is None:
        abort(404)
    authorities.read_for_check(current_user, authority, "authority.document")
    return private_file(attachments.read(attachment), attachment.content_type,
                        f"{attachment.public_id}.{extension_for(attachment.content_type)}")
