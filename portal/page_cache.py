"""Public pages kept for a minute, for visitors who are not logged in.

A guide reads the same for every visitor who is not logged in, so each worker keeps the
finished page for a minute (and for the day: the appeals guide's example counts from
today) instead of building it again for every reader. A page is kept only if building it
put nothing in the visitor's session (no form token, no message), so nothing one visitor
gets can belong to another. Logged-in readers, and anyone with a message waiting, always
get a page built for them.

A kept page is handed to a browser that sends no session cookie before the request
reaches Flask at all (KeptPages, a small WSGI layer): it cannot be anyone's but a visitor's.
"""

from __future__ import annotations

import time
from functools import wraps

from flask import Flask, Response, current_app, g, make_response, request, session
from werkzeug.wrappers import Request, Response as PlainResponse

from .rules.clock import today

KEEP_SECONDS = 60
MOST_PAGES = 500
HEADERS_KEPT = ("Content-Type", "Content-Language", "Link")


def _for_visitor() -> bool:
    # No query string: an address with one is built each time, so nobody can fill or empty
    # the store by inventing addresses.
    return (
        request.method in ("GET", "HEAD")
        and not request.query_string
        and "_user_id" not in session
        and "_flashes" not in session
    )


def _key(scheme: str, host: str, path: str) -> tuple:
    # The scheme and host are in the key: pages carry absolute addresses (hreflang).
    return scheme, host, path, today()


def _kept(store: dict, key: tuple):
    kept = store.get(key)
    return kept if kept is not None and kept[0] > time.monotonic() else None


def kept_for_visitors(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not _for_visitor():
            return view(*args, **kwargs)
        store = current_app.extensions.setdefault("page_cache", {})
        key = _key(request.scheme, request.host, request.path)
        now = time.monotonic()
        kept = _kept(store, key)
        if kept is not None:
            return Response(kept[1], status=200, headers=kept[2])
        response = make_response(view(*args, **kwargs))
        # Kept only if building it gave the visitor nothing of their own: no form token (even
        # one already in their session), nothing put in the session, no cookie.
        if (
            response.status_code == 200
            and not session.modified
            and "csrf_token" not in g
            and not response.direct_passthrough
            and "Set-Cookie" not in response.headers
        ):
            if len(store) >= MOST_PAGES:
                store.clear()
            store[key] = (
                now + KEEP_SECONDS,
                response.get_data(),
                [(k, v) for k, v in response.headers.items() if k in HEADERS_KEPT],
            )
        return response

    return wrapper


class KeptPages:
    """WSGI: a kept page for a browser without a session cookie; anything else to the app."""

    def __init__(self, app, store: dict, cookie_name: str, headers):
        self.app, self.store, self.cookie, self.headers = app, store, cookie_name + "=", headers

    def __call__(self, environ, start_response):
        if (
            environ.get("REQUEST_METHOD") in ("GET", "HEAD")
            and not environ.get("QUERY_STRING")
            and self.cookie not in environ.get("HTTP_COOKIE", "")
        ):
            request = Request(environ)
            kept = _kept(self.store, _key(request.scheme, request.host, request.path))
            if kept is not None:
                response = PlainResponse(kept[1], headers=kept[2])
                response.headers["Vary"] = "Cookie"
                for name, value in self.headers():
                    response.headers.setdefault(name, value)
                return response(environ, start_response)
        return self.app(environ, start_response)


def init_app(app: Flask, headers) -> None:
    store = app.extensions.setdefault("page_cache", {})
    app.wsgi_app = KeptPages(app.wsgi_app, store, app.config.get("SESSION_COOKIE_NAME", "session"), headers)
