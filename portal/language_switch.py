"""The language switch on a page with a form to fill in (the template sets `keep_form` to the
form's id) is a button of that form, so what is typed goes along: the page opens in the other
language filled in as it was, nothing checked and nothing saved. A file chosen on it is kept too
(portal.kept_uploads), and the page says so. Application question pages keep it in their draft
instead (portal.apply.keeping)."""

from __future__ import annotations

from flask import Flask, flash, redirect, request
from flask_babel import force_locale, gettext as _
from flask_login import current_user

from . import form_page, kept_forms, kept_uploads, refill
from .addresses import in_language
from .fields import FILE_MESSAGES
from .i18n import switched_to
from .services import kept_forms as kept_form_store
from .services.attachments import AttachmentRejected

# Pages that keep what is typed on a switch in their own way.
OWN_WAY = {"apply.step"}


def init_app(app: Flask) -> None:
    # After the CSRF check, which CSRFProtect registered first.
    app.before_request(_switch)


def _switch():
    if request.method != "POST" or request.endpoint in OWN_WAY or not current_user.is_authenticated:
        return None
    target = switched_to(request.form.get("action"))
    if target is None:
        return None
    there = in_language(form_page.path(), target.lang)
    if typed := kept_forms.typed():
        refill.wait_for(there, kept_form_store.keep(current_user.id, there, typed), quiet=True)
    _keep_chosen_files(target.lang)
    return redirect(there)


def _keep_chosen_files(lang: str) -> None:
    """A browser cannot choose a file again by itself: one chosen goes along, kept for the page
    in either language (portal.kept_uploads), or the reader is told why it could not be."""
    for upload in request.files.values():
        if not upload.filename:
            continue
        try:
            kept_uploads.keep(upload)
        except AttachmentRejected as rejected:
            # Read on the page in the language switched to, so said in it.
            with force_locale(lang):
                flash(
                    _("The file {name} was not kept: {reason}.").format(
                        name=upload.filename, reason=FILE_MESSAGES[rejected.reason]
                    ),
                    "info",
                )
