"""Leaving a question page without losing what is typed on it. "Take a break", the language
switch and the warning script at the idle limit all post the page's own form with a named
button (`action`), so what is on the page travels with them, with or without JavaScript."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from ..addresses import in_language
from ..auth import signin
from ..i18n import long_date, switched_to


def leaving(action: str | None) -> str | None:
    """How a button leaves the page: "break", "language" (a switch to another language) or
    "timeout" (the end of an idle log-in); None for the page's own buttons."""
    if action in ("break", "timeout"):
        return action
    return "language" if switched_to(action) else None


def typed(form) -> dict[str, list[str]]:
    """What the page's fields held when it was posted, as typed (each field's values)."""
    return {name: request.form.getlist(name) for name in form._fields if name != "csrf_token"}


def as_formdata(typed: dict[str, list[str]]) -> MultiDict:
    """Kept typing as if posted again, so the page shows it as it was (errors are not shown:
    nothing is checked until the reader saves)."""
    return MultiDict([(name, value) for name, values in typed.items() for value in values])


def leave(action: str, kept_until: date):
    """Where the reader goes once the page is kept."""
    if action == "language":
        # The same page in the language asked for (a change from the check page stays one).
        target = switched_to(request.form.get("action"))
        return redirect(in_language(request.full_path.rstrip("?"), target.lang))
    if action == "timeout":
        here = request.full_path.rstrip("?")
        signin.stop()
        flash(
            _(
                "You were logged out because nothing happened for a long time. What you wrote is saved. "
                "Log in again to go on where you were."
            ),
            "info",
        )
        return redirect(url_for("auth.login", next=here))
    flash(
        _("What you wrote is saved. The draft is kept until {date}. Continue from My page when you are ready.").format(
            date=long_date(kept_until)
        ),
        "success",
    )
    return redirect(url_for("auth.my_page"))
