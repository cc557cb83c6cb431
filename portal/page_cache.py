"""Public pages kept for a minute, for visitors who are not logged in.

A guide reads the same for every visitor who is not logged in, so each worker keeps the
finished page for a minute (and for the day: the appeals guide's example counts from
today) instead of building it again for every reader. A page is kept only if building it
put nothing in the visitor's session (no form token, no message), so nothing one visitor
gets can belong to another. Logged-in readers, and anyone with a message waiting, always
get a page built for them.
"""
from __future__ import annotations

import time
from functools import wraps

from flask import Response, current_app, make_response, request, session

from .rules.clock import today

KEEP_SECONDS = 60
MOST_PAGES = 500
HEADERS_KEPT = ("Content-Type", "Content-Language", "Link")


def _for_visitor() -> bool:
    return request.method in ("GET", "HEAD") and "_user_id" not in session and "_flashes" not in session


def kept_for_visitors(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not _for_visitor():
            return view(*args, **kwargs)
        store = current_app.extensions.setdefault("page_cache", {})
        key = (request.host, request.full_path, today())
        now = time.monotonic()
        kept = store.get(key)
        if kept is not None and kept[0] > now:
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
