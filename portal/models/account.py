"""A login: a local account (e-mail and password) or one from the identity provider."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..i18n import LANGUAGES
from ..roles import ROLES
from .checks import one_of


class Account(UserMixin, db.Model):
    """Self-registered accounts are unverified: they see only what they submitted.
    An account's identity is verified only when it came from the identity provider."""

    __tablename__ = "account"
    __table_args__ = (one_of("role", ROLES), one_of("preferred_language", LANGUAGES))

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    # Fødselsnummer or D-number from the identity provider's `pid` claim: set only
    # for a verified identity. Never shown in full, never in a URL, log or e-mail.
    national_id: Mapped[str | None] = mapped_column(String(11), unique=True)
    identity_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    email_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    preferred_language: Mapped[str] = mapped_column(String(2), default="nb")
    # The name the person gave us last (the identity provider does not always give one).
    full_name: Mapped[str | None] = mapped_column(String(200))
    # citizen, caseworker, admin or ombud (portal.roles.ROLES)
    role: Mapped[str] = mapped_column(String(20), default="citizen", server_default="citizen")

    @property
    def is_active(self) -> bool:  # Flask-Login: only confirmed or verified accounts log in
        return self.email_confirmed_at is not None or self.identity_verified

    # Set for each request from the session (the user loader): True when this session
    # began with log-in through the identity provider. Not stored.
    signed_in_with_id = False

    def has_role(self, role: str) -> bool:
        return self.role == role

    @property
    def identity_verified(self) -> bool:
        """Only the identity provider verifies: an account it made (no password), or one with
        a password in a session that began with the provider. A password proves nothing
        about who someone is, so a password log-in never acts as a verified identity."""
        if self.national_id is None or self.identity_verified_at is None:
            return False
        return self.password_hash is None or self.signed_in_with_id
