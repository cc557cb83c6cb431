"""Log-ins kept on the server. The session cookie is signed but copyable: a copy used to keep
working after log-out, from any address. Now the cookie carries a random token whose hash is
a row here, and a log-in counts only while its row is open. Logging out ends the row; a new
password and "Log out everywhere" end every row of the account. A log-in also ends by itself
after MAX_AGE, however busy (the cookie's own 30 minutes end it sooner when idle)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from functools import cache

from sqlalchemy import bindparam, select, update

from ..extensions import db
from ..models import Account, LoginSession
from ..rules import clock
from .transaction import transaction

MAX_AGE = timedelta(hours=12)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction
def begin(account: Account, method: str, form_token: str | None = None) -> str:
    """A new log-in for the account; the token to keep in the session cookie. `form_token` is
    the session's CSRF token, so a form sent after the cookie ran out can be told to be its."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        LoginSession(
            account_id=account.id,
            token_hash=_hash(token),
            method=method,
            created_at=clock.now(),
            form_token_hash=_hash(form_token) if form_token else None,
        )
    )
    return token


def account_id_for_form(form_token: str) -> int | None:
    """The account whose log-in a form's CSRF token was made in, however that log-in ended."""
    return db.session.scalar(
        select(LoginSession.account_id).where(LoginSession.form_token_hash == _hash(form_token)).limit(1)
    )


def find(token: str | None, account_id: int) -> tuple[Account, str] | None:
    """The account and how it logged in ("password" or "id"), if the token is an open log-in of
    that account (one query). Asked on every request behind log-in: the statement is built
    once, and only the account becomes an object."""
    if not token:
        return None
    row = db.session.execute(
        _open_login(), {"token_hash": _hash(token), "account_id": account_id, "since": clock.now() - MAX_AGE}
    ).first()
    return (row[0], row[1]) if row else None


@cache
def _open_login():
    return (
        select(Account, LoginSession.method)
        .join(LoginSession, LoginSession.account_id == Account.id)
        .where(
            LoginSession.token_hash == bindparam("token_hash"),
            LoginSession.account_id == bindparam("account_id"),
            LoginSession.ended_at.is_(None),
            LoginSession.created_at > bindparam("since"),
        )
    )


@transaction
def end(token: str | None) -> None:
    if token:
        db.session.execute(
            update(LoginSession)
            .where(LoginSession.token_hash == _hash(token), LoginSession.ended_at.is_(None))
            .values(ended_at=clock.now())
        )


@transaction
def end_all(account: Account) -> int:
    """End every log-in of the account, on every device; how many were open."""
    result = db.session.execute(
        update(LoginSession)
        .where(LoginSession.account_id == account.id, LoginSession.ended_at.is_(None))
        .values(ended_at=clock.now())
    )
    return result.rowcount or 0  # type: ignore[attr-defined]
