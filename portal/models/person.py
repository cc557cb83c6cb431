"""A person a case is about, known by their identity number (fødselsnummer or D-number)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Person(db.Model):
    """One row per identity number. Submissions, authorities and the access log point
    here, so a person who logs in with a verified identity finds everything about them.
    The number is never shown in full, never put in a URL, a log line or an e-mail."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    national_id: Mapped[str] = mapped_column(String(11), unique=True)
    # The name first given for them; pages show the name given with each submission or
    # authority, so nobody's typing shows up in someone else's papers (services/people.py).
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
