"""Following a case: My cases, the case page with its timeline, decision, letters and deadlines."""

from flask import Blueprint

bp = Blueprint("cases", __name__, url_prefix="/<lang:lang_code>/cases")

from . import routes  # noqa: E402,F401
