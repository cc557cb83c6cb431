"""What base.html shows the same on every page in one language (the style sheets, the header's
name of the service, the footer with the office's contact details, the idle warning's texts),
rendered once per language and process rather than on every request: some twenty translated
texts and ten addresses a page would otherwise look up again each time.

Nothing of the reader's goes in (no CSRF token, no name, nothing from the session or the
address): templates/components/chrome.html is given the app's context and the language only.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request

from .i18n import current_language

TEMPLATE = "components/chrome.html"
# All the template is given from the app's context: the rest (the session, the user, the
# request) is the reader's, and must not be kept beyond the request.
GIVEN = ("municipality", "guide_url", "guides", "has_endpoint", "idle_warn_after", "idle_save_after", "warning_minutes")


def page_chrome() -> Any:
    """The parts for this request's language, worked out on its first page in that language."""
    kept: dict = current_app.extensions["chrome"]
    assets = current_app.extensions.get("assets")
    # A new set of static files in development gives new fingerprinted addresses.
    key = (current_language(), request.script_root if request else "", id(assets.files) if assets is not None else None)
    found = kept.get(key)
    if found is None:
        template = current_app.jinja_env.get_template(TEMPLATE)
        context: dict[str, Any] = {}
        current_app.update_template_context(context)
        kept[key] = found = template.make_module({name: context[name] for name in GIVEN})
    return found


def init_app(app: Flask) -> None:
    app.extensions["chrome"] = {}
    app.jinja_env.globals["page_chrome"] = page_chrome
