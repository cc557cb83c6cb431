"""The page a posted form was on: where the language switch, the save at the idle limit and a
form kept after the log-in ended lead back to. Most forms post to their own page; a form that
posts elsewhere from the page showing it (the case page's "this was not me") names that page in
a hidden field (the `shown_on` macro in templates/components/forms.html)."""

from __future__ import annotations

from flask import request

from .i18n import current_language

FIELD = "shown_on"


def path() -> str:
    """The page's path (with its query), in this request's language."""
    named = request.form.get(FIELD, "")
    # Only a path of this portal, in this language: never a way to send someone elsewhere.
    if named.startswith(f"/{current_language()}/") and "//" not in named and "\\" not in named:
        return named
    return request.full_path.rstrip("?")
