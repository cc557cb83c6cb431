"""Appealing a decision: choose the decision (in the portal or made outside it), then the
appeal's pages on the same engine as applications."""

from flask import Blueprint

bp = Blueprint("appeal", __name__, url_prefix="/<lang:lang_code>/appeal")

from . import routes  # noqa: E402,F401
