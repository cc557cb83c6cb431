"""Becoming a støttekontakt, and, once engaged, timesheets and half-year reports."""

from flask import Blueprint

bp = Blueprint("volunteer", __name__, url_prefix="/<lang:lang_code>/volunteer")

from . import routes  # noqa: E402,F401
