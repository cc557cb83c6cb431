"""A submission's way to the municipality's archive: queued in the transaction that stores
the submission, sent by deliver-archive (or fetched over the API), confirmed with the
archive's own numbers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..rules.archive import STATES
from .application import Submission
from .checks import one_of


class ArchiveDelivery(db.Model):
    __tablename__ = "archive_delivery"
    __table_args__ = (Index("ix_archive_delivery_due", "state", "next_attempt_at", "id"), one_of("state", STATES))

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), unique=True)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Failures in a row; the next try waits until next_attempt_at (portal.rules.archive).
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Taken by a runner that is sending it until this moment: another runner leaves it alone,
    # and should the first one die while sending, it is tried again after that.
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The kind of the last failure (an exception class name or an HTTP status), never its text.
    last_error: Mapped[str | None] = mapped_column(String(100))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The archive's numbers: its case (saksnummer) and record (journalpostnummer).
    case_number: Mapped[str | None] = mapped_column(String(40))
    record_number: Mapped[str | None] = mapped_column(String(40))
    submission: Mapped[Submission] = relationship()
