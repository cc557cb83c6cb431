"""The person's word that a submission about them was not theirs: sent by someone whose identity
was not verified, with their identity number. It is kept beside the submission, never instead
of it: the submission stays, and the municipality must look into it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .application import Submission

# What the person may add, in their words: short, as a first word to the municipality.
COMMENT_MAX = 1000


class SubmissionDispute(db.Model):
    __tablename__ = "submission_dispute"

    id: Mapped[int] = mapped_column(primary_key=True)
    # One per submission: the person says it once; saying it again changes nothing.
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), unique=True)
    # The person's verified account that said it (the access log holds it too).
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    disputed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    comment: Mapped[str | None] = mapped_column(String(COMMENT_MAX))
    submission: Mapped[Submission] = relationship()
