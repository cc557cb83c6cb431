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


def previous_working_day(day: date) -> date:
    """The day itself if it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


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
    """A day that matters in a case. basis is the legal source that sets it, or None for the
    portal's own advice (the day to apply again by), which no law sets."""

    kind: str
    due: date
    basis: Source | None


def appeal_deadline(service: str, notified_on: date) -> Deadline:
    """The last day to appeal a decision that reached the person on `notified_on`:
    four weeks for støttekontakt and BPA (pbrl § 7-5), three for ledsagerbevis (fvl § 29)."""
    rule = SERVICES[service]
    due = next_working_day(add_weeks(notified_on, rule.appeal_weeks))
    return Deadline("appeal", due, rule.appeal_deadline_source)


def reply_deadline(received_on: date) -> Deadline:
    """An answer, or a preliminary reply, is due one month after receipt (fvl § 11 a)."""
    return Deadline("reply", next_working_day(add_months(received_on, 1)), SOURCES["preliminary_reply"])


def renewed_appeal_deadline(service: str, reasons_notified_on: date) -> Deadline:
    """A new, full appeal period from the day the reasons reached the person, when they were
    demanded in time for a decision given without them (fvl § 29 third paragraph): as many
    weeks as the service's own appeal period, moved past a day off (dl § 149)."""
    due = next_working_day(add_weeks(reasons_notified_on, SERVICES[service].appeal_weeks))
    return Deadline("appeal", due, SOURCES["reasons_new_deadline"])


def late_appeal_limit(decided_on: date) -> Deadline:
    """A late appeal may still be heard, but never once a year has passed since the
    decision (fvl § 31, which pbrl § 7-7 refers to). A limit on the body, not a party's
    deadline: it is not moved past a weekend or holiday (LEGAL.md, "Added after the first
    legal review")."""
    return Deadline("late_appeal", add_months(decided_on, 12), SOURCES["late_appeal"])


def decision_end(valid_to: date) -> Deadline:
    """The last day of a time-limited decision, as the decision says (not moved: it is a
    date the decision sets, not a deadline to act by)."""
    return Deadline("decision_end", valid_to, SOURCES["decision"])


def reapply_reminder(valid_to: date, decided_on: date) -> Deadline:
    """The portal's advice, not a legal deadline (LEGAL.md, "Added after the first legal
    review"): apply again by a month before a time-limited decision ends, so the help goes on
    without a break. Moved earlier, not later, when it falls on a day off; never before the
    decision itself. No legal basis is given for it, since none sets it."""
    advised = previous_working_day(add_months(valid_to, -1))
    return Deadline("reapply", max(advised, decided_on), None)


def reminder_day(due: date) -> date:
    """When to remind people of a deadline that falls on `due`: a week before it."""
    return due - timedelta(weeks=1)
