"""Roles an account can have, and the check for the pages that need one."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

ROLES = ("citizen", "caseworker", "admin", "ombud")


def role_required(role: str):
    """Only accounts with this role; everyone else gets Not Found, and learns nothing."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.has_role(role):
                abort(404)
            return view(*args, **kwargs)

        return login_required(wrapper)

    return decorator
