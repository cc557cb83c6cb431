"""The patient and user ombud's view: clients who have given access, their cases and deadlines."""

from flask import Blueprint

bp = Blueprint("ombud", __name__, url_prefix="/<lang:lang_code>/ombud")

from . import routes  # noqa: E402,F401
