"""Authorities: who may act for whom, on which basis, with which scopes, for how long."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..rules.authority import BASES, ENDED_BY, PROOFS, STORED_STATES
from .account import Account
from .checks import one_of
from .person import Person
from .public_ids import new_public_id


class Authority(db.Model):
    """A parent's declaration, a verge's appointment, a fullmakt, or the ombud's access.

    The stored state is what someone did (requested, approved, verified, withdrawn);
    whether it counts today is worked out by portal.rules.authority, never stored.
    """

    __tablename__ = "authority"
    __table_args__ = (
        one_of("basis", BASES),
        one_of("proof", PROOFS),
        one_of("state", STORED_STATES),
        one_of("ended_by", ENDED_BY),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    basis: Mapped[str] = mapped_column(String(20))  # portal.rules.authority.BASES
    proof: Mapped[str] = mapped_column(String(20))  # portal.rules.authority.PROOFS
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    # The person's name as the representative gave it here: shown only with this authority.
    person_name: Mapped[str] = mapped_column(String(200))
    representative_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), index=True
    )
    representative_name: Mapped[str] = mapped_column(String(200))
    representative_email: Mapped[str | None] = mapped_column(String(320))
    scopes: Mapped[list] = mapped_column(JSON)
    services: Mapped[list] = mapped_column(JSON)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(30), index=True)  # portal.rules.authority.STORED_STATES
    # A digital request: where the person was told, and until when they can answer.
    person_email: Mapped[str | None] = mapped_column(String(320))
    request_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The person's date of birth as the representative gave it, only where the identity
    # number does not tell the year (numbers issued from 2032, portal.rules.identity).
    person_birth_date: Mapped[date | None] = mapped_column(Date)
    # Kept from before the portal followed pbrl § 4-3 as LEGAL.md states it: a parent's word
    # that a 16- or 17-year-old agreed. It allows nothing now (rules.YOUNG_PERSON_DECIDES).
    young_person_consent_name: Mapped[str | None] = mapped_column(String(200))
    young_person_consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # approved or declined
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verified_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_by: Mapped[str | None] = mapped_column(String(20))  # portal.rules.authority.ENDED_BY
    # Why the municipality did not accept the document, in words the representative reads.
    rejection_reason: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(lazy="joined")
    representative: Mapped[Account | None] = relationship(foreign_keys=[representative_account_id])
