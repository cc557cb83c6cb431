"""A page's form filled in again with what was sent while the log-in had ended (portal.kept_forms),
the first time the page is opened after logging in again. Every PortalForm asks here."""

from __future__ import annotations

from flask import flash, g, request, session
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from .services import kept_forms

SESSION_KEY = "refill"


def wait_for(path: str, token: str) -> None:
    """The next time `path` is opened, its form shows the form kept under `token`."""
    session[SESSION_KEY] = {"path": path, "token": token}


def for_this_page() -> MultiDict | None:
    """What this page's form is filled in with, once; None when nothing was kept for it."""
    if "refill" not in g:
        g.refill = None
        waiting = session.get(SESSION_KEY)
        if waiting and waiting.get("path") == request.full_path.rstrip("?") and current_user.is_authenticated:
            session.pop(SESSION_KEY)
            posted = kept_forms.find(waiting.get("token"), current_user)
            kept_forms.forget(waiting.get("token"))
            if posted is not None:
                g.refill = MultiDict([(name, value) for name, values in posted.fields.items() for value in values])
                flash(
                    _("What you wrote before your log-in ended is back on the page. Check it and send it again."),
                    "info",
                )
    return g.refill
