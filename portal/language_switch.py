"""The language switch on a page with a form to fill in (the template sets `keep_form` to the
form's id) is a button of that form, so what is typed goes along: the page opens in the other
language filled in as it was, nothing checked and nothing saved. Application question pages keep
it in their draft instead (portal.apply.keeping)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, redirect, request
from flask_login import current_user

from . import kept_forms, refill
from .i18n import switched_to
from .services import kept_forms as kept_form_store

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
    query = request.query_string.decode()
    there = urlsplit(target.url).path + (f"?{query}" if query else "")
    if typed := kept_forms.typed():
        refill.wait_for(there, kept_form_store.keep(current_user.id, there, typed), quiet=True)
    return redirect(there)
