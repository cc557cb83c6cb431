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

from flask import Flask, Response, current_app, make_response, request, session
from werkzeug.wrappers import Request
from werkzeug.wrappers import Response as PlainResponse

from .rules.clock import today

KEEP_SECONDS = 60
MOST_PAGES = 500
HEADERS_KEPT = ("Content-Type", "Content-Language", "Link")


def _for_visitor() -> bool:
    return request.method in ("GET", "HEAD") and "_user_id" not in session and "_flashes" not in session


def _kept(store: dict, host: str, full_path: str):
    kept = store.get((host, full_path, today()))
    return kept if kept is not None and kept[0] > time.monotonic() else None


def kept_for_visitors(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not _for_visitor():
            return view(*args, **kwargs)
        store = current_app.extensions.setdefault("page_cache", {})
        key = (request.host, request.full_path, today())
        now = time.monotonic()
        kept = _kept(store, request.host, request.full_path)
        if kept is not None:
            return Response(kept[1], status=200, headers=kept[2])
        response = make_response(view(*args, **kwargs))
        if response.status_code == 200 and not session.modified and not response.direct_passthrough \
                and "Set-Cookie" not in response.headers:
            if len(store) >= MOST_PAGES:
                store.clear()
            store[key] = (now + KEEP_SECONDS, response.get_data(),
                          [(k, v) for k, v in response.headers.items() if k in HEADERS_KEPT])
        return response

    return wrapper


class KeptPages:
    """WSGI: a kept page for a browser without a session cookie; anything else to the app."""

    def __init__(self, app, store: dict, cookie_name: str, headers):
        self.app, self.store, self.cookie, self.headers = app, store, cookie_name + "=", headers

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD") and self.cookie not in environ.get("HTTP_COOKIE", ""):
            request = Request(environ)
            kept = _kept(self.store, request.host, request.full_path)
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
