"""Accounts: register, confirm, log in and out, reset a forgotten password, My page."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/<lang:lang_code>")

from . import routes  # noqa: E402,F401
