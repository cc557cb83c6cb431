"""Applying online: choose a service, answer one page at a time, check, send, receipt."""

from flask import Blueprint

bp = Blueprint("apply", __name__, url_prefix="/<lang:lang_code>/apply")

from . import routes  # noqa: E402,F401
