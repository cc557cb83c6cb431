"""Volunteers: people who want to be a støttekontakt, in the municipality's register; the
history of what the municipality did with each; and who they are støttekontakt for."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..rules.case_status import PER
from ..rules.volunteers import REPORT_KINDS, STATES
from .checks import one_of
from .public_ids import new_public_id


class Volunteer(db.Model):
    """One per application to become a støttekontakt. What the register filters and matches
    on is copied out of the application here; the application itself stays as it was sent."""

    __tablename__ = "volunteer"
    __table_args__ = (one_of("state", STATES), one_of("per", PER))

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), index=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(30), index=True)  # portal.rules.volunteers.STATES
    times: Mapped[list] = mapped_column(JSON)
    groups: Mapped[list] = mapped_column(JSON)
    interests: Mapped[list] = mapped_column(JSON)
    interests_text: Mapped[str] = mapped_column(Text, default="")
    has_car: Mapped[bool] = mapped_column(Boolean, default=False)
    has_licence: Mapped[bool] = mapped_column(Boolean, default=False)
    capacity: Mapped[int] = mapped_column(Integer, default=1)  # how many people they can be støttekontakt for
    hours: Mapped[int | None] = mapped_column(Integer)
    per: Mapped[str | None] = mapped_column(String(10))  # the hours are per week or per month
    # The politiattest (hol § 5-4): when it was issued, as the municipality saw it.
    certificate_issued_on: Mapped[date | None] = mapped_column(Date)
    # The confidentiality declaration (hol § 12-1), signed when they first start.
    confidentiality_signed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    submission = relationship("Submission")


class VolunteerEvent(db.Model):
    """A change of state, with the caseworker's note: the register's history."""

    __tablename__ = "volunteer_event"
    __table_args__ = (one_of("state", STATES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    by_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))


class Assignment(db.Model):
    """A volunteer engaged as støttekontakt for a case with a granted decision."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    volunteer = relationship("Volunteer")
    case = relationship("Case")


class VolunteerReport(db.Model):
    """What an engaged volunteer hands in: a month's timesheet, or the half-year report."""

    __tablename__ = "volunteer_report"
    __table_args__ = (UniqueConstraint("assignment_id", "kind", "period"), one_of("kind", REPORT_KINDS))

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # portal.rules.volunteers.REPORT_KINDS
    period: Mapped[date] = mapped_column(Date)  # the month's first day, or the half-year's end
    document: Mapped[dict] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    assignment = relationship("Assignment")
