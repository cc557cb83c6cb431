"""A log-in, kept on the server so it can be ended: at log-out, when the password changes, or
from "Log out everywhere". The session cookie carries a random token; only its hash is here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .checks import one_of

METHODS = ("password", "id")  # e-mail and password, or the identity provider


class LoginSession(db.Model):
    __tablename__ = "login_session"
    __table_args__ = (one_of("method", METHODS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    method: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The hash of the session's CSRF token, set at log-in: a form posted after the cookie ran out
    # still carries the token, and so says whose log-in it came from (portal.kept_forms).
    form_token_hash: Mapped[str | None] = mapped_column(String(64), index=True)
