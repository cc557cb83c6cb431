"""The access log: every read of a person's draft, submission, case or authority papers
by someone other than that person, as the sector norm (Normen) requires."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .checks import one_of

# Who read it: someone acting for the person, a caseworker, the ombud, or the
# case-management system over the API (portal.services.access_log writes each); or the person
# themselves, for what they did that the municipality must be able to trace (saying a
# submission about them was not theirs), which their own list of looks leaves out.
ACTOR_ROLES = ("representative", "caseworker", "ombud", "system", "person")


class AccessLogEntry(db.Model):
    """Written once and never changed: the portal has no way to edit or delete a row."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_person_at", "person_id", "at"), one_of("actor_role", ACTOR_ROLES))

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    # ACTOR_ROLES; with the name (or office) as it was then.
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))  # what was looked at, a code
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id", ondelete="SET NULL"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("draft.id", ondelete="SET NULL"))
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="SET NULL"))
