"""Absolute links for e-mail and letters, on the portal's configured public address
(PORTAL_URL), never on the host a request names: a link someone is mailed must lead to the
municipality's portal whoever asked for it, and commands have no request at all."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def link(endpoint: str, **values) -> str:
    """The absolute address of a page: `link("cases.show", lang_code="nb", reference=...)`."""
    base = urlsplit(current_app.config["PORTAL_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)
