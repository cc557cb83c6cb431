"""Starting and ending a log-in in the session cookie, the same for both ways in."""

from flask import session
from flask_login import login_user, logout_user

from ..models import Account
from ..services import login_sessions


def start(account: Account, method: str) -> None:
    """`method`: "password" or "id" (the identity provider). Only a log-in through the
    provider lets the account count as a verified identity, and only in this session."""
    session.clear()  # a new session on log-in: no fixation
    session.permanent = True
    session["login"] = login_sessions.begin(account, method)
    account.signed_in_with_id = method == "id"
    login_user(account)


def stop() -> None:
    """End this log-in on the server too: a copy of the cookie opens nothing after."""
    login_sessions.end(session.get("login"))
    logout_user()
    session.clear()
