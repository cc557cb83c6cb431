"""The idle limit of a log-in, said aloud (WCAG 2.2.1 Timing Adjustable): pages say how long a
log-in lasts without activity, and static/js/idle.js warns before the end, offers to stay
logged in, and saves the page's form just before a log-in it could not keep ends."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

# The warning comes this long before the end: time enough to read it and press one button.
WARNING_BEFORE = timedelta(minutes=5)
# The page's form is saved to its draft this long before the end, should nobody answer.
SAVE_BEFORE = timedelta(minutes=1)


def init_app(app: Flask) -> None:
    @app.context_processor
    def idle_limit():
        lifetime = app.permanent_session_lifetime
        return {
            "session_minutes": int(lifetime.total_seconds() // 60),
            "warning_minutes": int(WARNING_BEFORE.total_seconds() // 60),
            "idle_warn_after": int((lifetime - WARNING_BEFORE).total_seconds()),
            "idle_save_after": int((lifetime - SAVE_BEFORE).total_seconds()),
        }
