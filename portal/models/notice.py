"""Notices from the service office shown on the front page (driftsmeldinger)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Notice(db.Model):
    """A short message shown on the front page between two dates, in both languages."""

    __tablename__ = "notice"
    __table_args__ = (Index("ix_notice_shown", "shown_from", "shown_until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    shown_from: Mapped[date] = mapped_column(Date)
    shown_until: Mapped[date | None] = mapped_column(Date)
    title_nb: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    text_nb: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nb

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" else self.text_nb
