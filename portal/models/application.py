"""What people write and send: drafts (of an application, an appeal or a volunteer's
application) saved at every step, and the submissions made from them, never changed after."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..i18n import LANGUAGES
from ..rules.references import APPEAL_PREFIX, PREFIXES, VOLUNTEER_PREFIX
from ..rules.services import SERVICES
from ..rules.submissions import CHANNELS, INTAKE_STATES, KINDS
from .authority import Authority
from .checks import one_of
from .person import Person
from .public_ids import new_public_id


class Draft(db.Model):
    """An application, appeal or volunteer's application being filled in. Its public id is
    random, never a counter."""

    __tablename__ = "draft"
    __table_args__ = (one_of("kind", KINDS), one_of("service", SERVICES))

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    service: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20), default="application", server_default="application")
    # An appeal of a case in the portal: that case's reference.
    appeals_reference: Mapped[str | None] = mapped_column(String(40))
    # Set when the account applies for someone else: the authority it acts on.
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id"), index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    submission: Mapped[Submission | None] = relationship(back_populates="draft", uselist=False)
    authority: Mapped[Authority | None] = relationship()


class Submission(db.Model):
    """What was sent, as a versioned JSON document that is never changed afterwards."""

    __tablename__ = "submission"
    # The intake queue and the API list walk these in order, filtered, a page at a time.
    __table_args__ = (
        Index("ix_submission_queue", "submitted_at", "id"),
        Index("ix_submission_state_queue", "intake_state", "submitted_at", "id"),
        one_of("kind", KINDS),
        one_of("service", SERVICES),
        one_of("intake_state", INTAKE_STATES),
        one_of("channel", CHANNELS),
        one_of("language", LANGUAGES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    service: Mapped[str] = mapped_column(String(20))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), index=True)
    # Who it is about: the person logs in with a verified identity and finds it.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # Sent for someone else: the authority the sender acted on.
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id"), index=True)
    # An appeal: the reference of the case it appeals (a case in the portal, or the
    # municipality's own case number for a decision made outside it).
    appeals_reference: Mapped[str | None] = mapped_column(String(40), index=True)
    # One submission per draft: a double click or a resubmit finds the first one.
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("draft.id", ondelete="SET NULL"), unique=True)
    document: Mapped[dict] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    intake_state: Mapped[str] = mapped_column(String(20), default="new")
    # How it came, and the language it was sent in: in the document too, which stays as it
    # was sent; here for the lists that show them without reading the documents.
    channel: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(2))
    # The PDF rendering made when it was sent, kept for the municipality's intake.
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    draft: Mapped[Draft | None] = relationship(back_populates="submission")
    person: Mapped[Person | None] = relationship()
    authority: Mapped[Authority | None] = relationship()
    # Its way to the archive, and the person's word that they did not send it: one row at
    # most each, read with the submission where a page shows them (services.intake.find).
    # Named, not imported: models/archive.py and models/dispute.py import this module.
    archive_delivery: Mapped[Any] = relationship("ArchiveDelivery", viewonly=True, uselist=False)
    dispute: Mapped[Any] = relationship("SubmissionDispute", viewonly=True, uselist=False)

    @property
    def person_name(self) -> str:
        """The name as given in this submission (never a name someone else typed elsewhere)."""
        return ((self.document.get("answers") or {}).get("person") or {}).get("full_name") or ""


class ReferenceCounter(db.Model):
    """The last number given out per prefix and year (SK-2026-000123)."""

    __tablename__ = "reference_counter"
    __table_args__ = (
        UniqueConstraint("prefix", "year"),
        one_of("prefix", (*PREFIXES.values(), APPEAL_PREFIX, VOLUNTEER_PREFIX)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(4))
    year: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer, default=0)
