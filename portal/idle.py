"""The idle limit of a log-in, said aloud (WCAG 2.2.1 Timing Adjustable): pages say how long a
log-in lasts without activity, and static/js/idle.js warns before the end, offers to stay
logged in, and posts the page's form (the one the template names in `keep_form`) just before a
log-in it could not keep ends. What was typed is kept, the log-in ends, and the page comes back
filled in after logging in again. Application question pages keep it in their draft instead
(portal.apply.keeping)."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from . import form_page, kept_forms
from .auth import signin
from .services import kept_forms as kept_form_store

# The warning comes this long before the end: time enough to read it and press one button.
WARNING_BEFORE = timedelta(minutes=5)
# The page's form is saved this long before the end, should nobody answer.
SAVE_BEFORE = timedelta(minutes=1)
# Pages that keep what is typed at the limit in their own way.
OWN_WAY = {"apply.step"}


def init_app(app: Flask) -> None:
    @app.context_processor
    def idle_limit():
        lifetime = app.permanent_session_lifetime
        return {
            "session_minutes": int(lifetime.total_seconds() // 60),
            "warning_minutes": int(WARNING_BEFORE.total_seconds() // 60),
            "idle_warn_after": int((lifetime - WARNING_BEFORE).total_seconds()),
            "idle_save_after": int((lifetime - SAVE_BEFORE).total_seconds()),
        }

    # After the CSRF check, which CSRFProtect registered first.
    app.before_request(_at_the_limit)


def _at_the_limit():
    if request.method != "POST" or request.form.get("action") != "timeout" or request.endpoint in OWN_WAY:
        return None
    if not current_user.is_authenticated:
        return None
    page = form_page.path()
    typed = kept_forms.typed()
    token = kept_form_store.keep(current_user.id, page, typed) if typed else None
    signin.stop()
    if token:
        # Given back to this account only, once it has logged in again (portal.kept_forms.restore).
        session[kept_forms.SESSION_KEY] = token
    flash(
        _(
            "You were logged out because nothing happened for a long time. What you wrote is saved. "
            "Log in again to go on where you were."
        ),
        "info",
    )
    return redirect(url_for("auth.login", next=page))
