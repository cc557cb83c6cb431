"""Absolute links for e-mail and letters, on the portal's configured public address
(PORTAL_URL), never on the host a request names: a link someone is mailed must lead to the
municipality's portal whoever asked for it, and commands have no request at all."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlsplit

from flask import current_app, url_for

MARK = "PORTALLINKMARK"
# As werkzeug writes a value in a path (its default converter).
PATH_SAFE = "!$&'()*+,/:;=@"


def link(endpoint: str, **values) -> str:
    """The absolute address of a page: `link("cases.show", lang_code="nb", reference=...)`."""
    base = urlsplit(current_app.config["PORTAL_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def for_each(endpoint: str, name: str, **values) -> Callable[[str], str]:
    """For a list: `url_for(endpoint, name=value, **values)` worked out once, and filled in
    for each row (a list of fifty rows would otherwise build fifty addresses through the
    whole routing map). Only for a value in a path, taken by the default converter."""
    before, after = around(endpoint, name, **values)

    def fill(value: str) -> str:
        return before + in_path(value) + after

    return fill


def around(endpoint: str, name: str, **values) -> tuple[str, str]:
    """What comes before and after the value of `name` in the address: for a row with several
    addresses around the same value, which is then quoted once (`in_path`)."""
    before, _, after = url_for(endpoint, **{**values, name: MARK}).partition(MARK)
    return before, after


def in_path(value: str) -> str:
    """A value as werkzeug writes it in a path (its default converter)."""
    return quote(str(value), safe=PATH_SAFE)
