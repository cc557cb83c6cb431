"""The municipality's intake: caseworkers check what comes in."""

from flask import Blueprint

bp = Blueprint("intake", __name__, url_prefix="/<lang:lang_code>/intake")

from . import routes  # noqa: E402,F401
