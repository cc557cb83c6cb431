"""The development mailbox: every message in the outbox, newest first, its links clickable."""

import re

from flask import make_response, render_template

from ..services import outbox
from . import bp

LINK = re.compile(r"(https?://\S+)")


def _pieces(body: str) -> list[tuple[str, bool]]:
    """The body as text and links in turn: (text, False) or (link, True)."""
    return [(piece, index % 2 == 1) for index, piece in enumerate(LINK.split(body)) if piece]


@bp.route("/mail")
def mailbox():
    messages = [(message, _pieces(message.body)) for message in outbox.newest()]
    response = make_response(render_template("devmail/mailbox.html", messages=messages))
    response.headers["Cache-Control"] = "no-store"
    return response
