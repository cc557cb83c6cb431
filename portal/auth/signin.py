"""Starting and ending a log-in in the session cookie, the same for both ways in."""

import secrets

from flask import current_app, session
from flask_login import current_user, login_user, logout_user

from .. import kept_forms
from ..models import Account
from ..services import login_sessions


def start(account: Account, method: str) -> None:
    """`method`: "password" or "id" (the identity provider). Only a log-in through the
    provider lets the account count as a verified identity, and only in this session. What the
    person sent while logged out comes back (portal.kept_forms)."""
    kept = session.get(kept_forms.SESSION_KEY)
    session.clear()  # a new session on log-in: no fixation
    session.permanent = True
    # The CSRF token is made here rather than on the first form, so the log-in knows it: a form
    # sent after the cookie has run out still tells whose it was.
    form_token = secrets.token_hex(20)
    session[current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")] = form_token
    session["login"] = login_sessions.begin(account, method, form_token)
    account.signed_in_with_id = method == "id"
    login_user(account)
    kept_forms.restore(kept)


def stop(everywhere: bool = False) -> None:
    """End this log-in on the server too, so a copy of the cookie opens nothing after; with
    `everywhere`, every log-in of the account, on every device."""
    if everywhere:
        login_sessions.end_all(current_user)
    else:
        login_sessions.end(session.get("login"))
    logout_user()
    session.clear()
