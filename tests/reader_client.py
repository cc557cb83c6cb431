"""The test client, going where a reader following the portal's links goes.

Tests name pages by the address their route declares, in English (f"/{lang}/apply/{id}/check").
For Bokmål and Nynorsk this client sends the address the portal itself links to
(/nb/soknad/{id}/se-over), the one a reader following its links would use. The English address
under /nb/ or /nn/ redirects there; tests/web/test_addresses.py checks that (sending addresses
`as_written`), and that every address the portal builds is in its page's language.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask.testing import FlaskClient
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from portal.addresses import BASES, NORWEGIAN, STEPS, WORDS, PortalRule

# A Norwegian word of an address back to its English one, so an address a test builds from a
# Norwegian one the portal gave ("{base}/check" where base came from a redirect) is found too.
ENGLISH = {word: english for table in (WORDS, STEPS, BASES) for english, words in table.items() for word in words}


def reader_address(app, address: str) -> str:
    """The address the portal links to for a page named by its declared (English) address."""
    parts = urlsplit(address)
    segments = parts.path.split("/")
    if parts.scheme or len(segments) < 3 or segments[1] not in NORWEGIAN:
        return address
    english = "/".join(segments[:2] + [ENGLISH.get(segment, segment) for segment in segments[2:]])
    adapter = app.url_map.bind("localhost")
    for method in ("GET", "POST"):
        try:
            rule, values = adapter.match(english, method=method, return_rule=True)
        except (HTTPException, RequestRedirect):
            continue
        if isinstance(rule, PortalRule) and values.get("lang_code") in rule.twins:
            path = rule.twins[values["lang_code"]].build(values)[1]
            return path + (f"?{parts.query}" if parts.query else "")
        return address
    return address


class ReaderClient(FlaskClient):
    def open(self, *args, as_written: bool = False, **kwargs):
        """`as_written=True` sends the address exactly as given."""
        if args and isinstance(args[0], str) and not as_written:
            args = (reader_address(self.application, args[0]), *args[1:])
        return super().open(*args, **kwargs)


def declared(address: str) -> str:
    """A Norwegian address the portal gave, written with its route's English words
    (/nb/soknad/x/se-over → /nb/apply/x/check), for comparing with the address a test names.
    A whole address keeps its scheme and host."""
    parts = urlsplit(address)
    segments = parts.path.split("/")
    if len(segments) < 3 or segments[1] not in NORWEGIAN:
        return address
    path = "/".join(segments[:2] + [ENGLISH.get(segment, segment) for segment in segments[2:]])
    host = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    return host + path + (f"?{parts.query}" if parts.query else "")
