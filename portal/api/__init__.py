"""The intake API for the municipality's case-management system: /api/v1, JSON, bearer
tokens, cursor paging (DESIGN.md, "Intake API")."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import routes  # noqa: E402,F401
