"""What was posted to a page after its log-in had ended, kept on the server until the person
logs in again (portal.kept_forms). The anonymous session cookie carries a random token; only
its hash is here. Rows live for hours: `purge` deletes them once their time is up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class KeptForm(db.Model):
    __tablename__ = "kept_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Whose log-in the form came from: only that account has it back.
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    # The page it was posted to (a path on this site, with its query).
    path: Mapped[str] = mapped_column(String(500))
    # Each field's values as typed, {name: [value, ...]}: never a password, a CSRF token or a file.
    fields: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
