"""A page's form filled in again, once, with what was sent from it: while the log-in had ended
(portal.kept_forms), or with the language switch (portal.language_switch). Every PortalForm asks here."""

from __future__ import annotations

from flask import flash, g, request, session
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from .services import kept_forms

SESSION_KEY = "refill"


def wait_for(path: str, token: str, *, quiet: bool = False) -> None:
    """The next time `path` is opened, its form shows the form kept under `token` (and says so,
    unless `quiet`: the reader only switched language and sees their text where it was)."""
    session[SESSION_KEY] = {"path": path, "token": token, "quiet": quiet}


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
            if posted is not None and not waiting.get("quiet"):
                flash(
                    _("What you wrote before your log-in ended is back on the page. Check it and send it again."),
                    "info",
                )
    return g.refill
