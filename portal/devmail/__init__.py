"""The outbox shown as a mailbox, for development only: a newcomer running `make run` has no
mail server, and must still be able to open the link that confirms an e-mail address."""

from flask import Blueprint

bp = Blueprint("devmail", __name__, url_prefix="/dev")

from . import routes  # noqa: E402,F401
