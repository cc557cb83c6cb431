"""Acting on someone else's behalf: who I act for, who can act for me, and the requests between."""

from flask import Blueprint

bp = Blueprint("authorities", __name__, url_prefix="/<lang:lang_code>/authorities")

from . import routes  # noqa: E402,F401
