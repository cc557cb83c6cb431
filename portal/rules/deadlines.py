"""Deadlines counted the way Norwegian law counts them (LEGAL.md, "Deadlines").

Weeks end on the same weekday, months on the same date or the month's last day
(dl § 148 applied by analogy); a last day on a Saturday, Sunday or public holiday
moves to the next working day (dl § 149 applied by analogy). Pure: dates in, dates out.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from .services import SERVICES
from .sources import SOURCES, Source


@lru_cache(maxsize=64)
def _norwegian_holidays(year: int) -> frozenset[date]:
    # Public holidays only (Christmas Eve and New Year's Eve are not among them);
    # Saturdays and Sundays are handled by is_working_day. Sundays are excluded
    # explicitly because the calendar can be asked to list them.
    return frozenset(holidays.Norway(years=year, include_sundays=False))


def is_public_holiday(day: date) -> bool:
    return day in _norwegian_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day)


def next_working_day(day: date) -> date:
    """The day itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_weeks(start: date, weeks: int) -> date:
    return start + timedelta(weeks=weeks)


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


@dataclass(frozen=True)
class Deadline:
    kind: str
    due: date
    basis: Source


def appeal_deadline(service: str, notified_on: date) -> Deadline:
    """The last day to appeal a decision that reached the person on `notified_on`:
    four weeks for støttekontakt and BPA (pbrl § 7-5), three for ledsagerbevis (fvl § 29)."""
    rule = SERVICES[service]
    due = next_working_day(add_weeks(notified_on, rule.appeal_weeks))
    return Deadline("appeal", due, rule.appeal_deadline_source)


def reply_deadline(received_on: date) -> Deadline:
    """An answer, or a preliminary reply, is due one month after receipt (fvl § 11 a)."""
    return Deadline("reply", next_working_day(add_months(received_on, 1)), SOURCES["preliminary_reply"])
