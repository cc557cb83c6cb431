"""Cases: what the municipality does with an application, as a list of events.

The status and the dates the queue filters on are worked out from the events by
portal.rules.case_status each time one is recorded, and stored beside them so that a
queue of a million cases can be filtered and sorted by index. Nobody edits them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..rules.case_status import STATUSES, STORED_EVENT_TYPES
from ..rules.services import SERVICES
from .application import Submission
from .checks import one_of
from .person import Person


class Case(db.Model):
    __tablename__ = "case_file"  # "case" is a word SQL keeps for itself
    __table_args__ = (
        Index("ix_case_file_overdue", "answered_on", "reply_due"),
        Index("ix_case_file_status_id", "status", "id"),
        # The queue filtered by status, oldest first, as an index walk at any size.
        Index("ix_case_file_status_queue", "status", "submitted_at", "submission_id"),
        one_of("service", SERVICES),
        one_of("status", STATUSES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # the application's reference
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), unique=True)
    # The submission's moment, copied (it never changes): the queue's order within a status.
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    service: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    case_number: Mapped[str | None] = mapped_column(String(40), index=True)  # the municipality's own
    # Derived from the events (portal.rules.case_status.summarise), for filters and lists:
    status: Mapped[str] = mapped_column(String(30))
    received_on: Mapped[date] = mapped_column(Date)
    reply_due: Mapped[date] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)
    appeal_due: Mapped[date | None] = mapped_column(Date, index=True)
    appeal_waiting: Mapped[bool] = mapped_column(Boolean, default=False)
    # The appeal deadline a reminder has been sent for, so it is sent once.
    appeal_reminder_for: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    submission: Mapped[Submission] = relationship(foreign_keys=[submission_id])
    person: Mapped[Person | None] = relationship()


class CaseEvent(db.Model):
    """Something the municipality did, as it recorded it (in the portal or over the API)."""

    __tablename__ = "case_event"
    __table_args__ = (UniqueConstraint("case_id", "idempotency_key"), one_of("type", STORED_EVENT_TYPES))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(30))
    occurred_on: Mapped[date] = mapped_column(Date)
    data: Mapped[dict] = mapped_column(JSON)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    recorded_by_token_id: Mapped[int | None] = mapped_column(ForeignKey("api_token.id", ondelete="SET NULL"))
    # An API client's Idempotency-Key: the same key for the same case records the event once.
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str | None] = mapped_column(String(64))
