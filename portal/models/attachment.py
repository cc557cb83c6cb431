"""Files attached to an application: stored outside static/ under random names."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..rules.files import CONTENT_TYPES, KINDS
from .checks import exactly_one, one_of
from .public_ids import new_public_id

# What a file belongs to: exactly one of these is set (the account is who uploaded it).
OWNERS = ("draft_id", "submission_id", "authority_id", "volunteer_id", "volunteer_report_id")


class Attachment(db.Model):
    __tablename__ = "attachment"
    __table_args__ = (exactly_one("one_owner", OWNERS), one_of("kind", KINDS), one_of("content_type", CONTENT_TYPES))

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), index=True)
    # A file added to a draft; it moves to the submission when the draft is sent. (SET NULL
    # would leave it with no owner, which the check refuses: a draft's files go first.)
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("draft.id", ondelete="SET NULL"), index=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    # The document that proves an authority: a verge's appointment or a signed fullmakt.
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="CASCADE"), index=True)
    # A volunteer's police certificate.
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    # A receipt handed in with a volunteer's timesheet.
    volunteer_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteer_report.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    filename: Mapped[str] = mapped_column(String(200))  # as the person named it, for display only
    content_type: Mapped[str] = mapped_column(String(50))  # from the content, not the name
    size: Mapped[int] = mapped_column(Integer)
    storage_name: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
