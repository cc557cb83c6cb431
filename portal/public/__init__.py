"""Public pages: the front page, the guides, contact, and the health check."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
