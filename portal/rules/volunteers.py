"""Volunteers who want to become a støttekontakt (LEGAL.md, "Volunteers"): who may apply,
the states of a volunteer in the municipality's register, the police certificate, and when
timesheets are due. Pure: dates and codes in, answers out."""

from __future__ import annotations

from datetime import date, timedelta

from .deadlines import add_months
from .identity import age_on

MINIMUM_AGE = 18  # municipal practice: at least 18 years old
POLICE_CERTIFICATE_MONTHS = 3  # hol § 5-4: no older than three months when engaged
TIMESHEET_DAY = 15  # handed in by the 15th of the following month

APPLIED, INTERVIEWED, CERTIFICATE_RECEIVED, APPROVED, ENGAGED, INACTIVE = (
    "applied",
    "interviewed",
    "certificate_received",
    "approved",
    "engaged",
    "inactive",
)
STATES = (APPLIED, INTERVIEWED, CERTIFICATE_RECEIVED, APPROVED, ENGAGED, INACTIVE)

# What an engaged volunteer hands in: a month's timesheet, or the half-year report.
TIMESHEET, HALF_YEAR = "timesheet", "half_year"
REPORT_KINDS = (TIMESHEET, HALF_YEAR)

# Where a volunteer can go from each state. Anyone can become inactive, and come back.
MOVES = {
    APPLIED: {INTERVIEWED, INACTIVE},
    INTERVIEWED: {CERTIFICATE_RECEIVED, APPROVED, INACTIVE},
    CERTIFICATE_RECEIVED: {APPROVED, ENGAGED, INACTIVE},  # engaging with a fresh certificate approves
    APPROVED: {CERTIFICATE_RECEIVED, ENGAGED, INACTIVE},
    ENGAGED: {CERTIFICATE_RECEIVED, APPROVED, INACTIVE},
    INACTIVE: {APPLIED, INTERVIEWED, APPROVED},
}

# What a volunteer can say about when, with whom, and what they like doing.
TIMES = ("daytime", "afternoon", "evening", "weekdays", "weekends")
GROUPS = (
    "women",
    "men",
    "children",
    "young_people",
    "adults",
    "elderly",
    "physical_disability",
    "intellectual_disability",
)
INTERESTS = ("sports", "outdoors", "culture", "music", "arts_crafts", "games", "cooking", "animals", "social")


def old_enough(birth_date: date, today: date) -> bool:
    return age_on(birth_date, today) >= MINIMUM_AGE


def may_move(state: str, to: str) -> bool:
    return to in MOVES.get(state, set())


def certificate_valid_for(issued_on: date, engaged_on: date) -> bool:
    """hol § 5-4: the politiattest is no older than three months on the day of engagement."""
    return issued_on <= engaged_on <= add_months(issued_on, POLICE_CERTIFICATE_MONTHS)


def certificate_valid_until(issued_on: date) -> date:
    """The last day someone can be engaged on this certificate."""
    return add_months(issued_on, POLICE_CERTIFICATE_MONTHS)


def timesheet_due(month_start: date) -> date:
    """A month's timesheet is due on the 15th of the next month."""
    following = add_months(month_start.replace(day=1), 1)
    return following.replace(day=TIMESHEET_DAY)


def months_worked(engaged_on: date, today: date) -> list[date]:
    """The first day of every month from the engagement up to last month (those a timesheet is for)."""
    found, month = [], engaged_on.replace(day=1)
    this_month = today.replace(day=1)
    while month < this_month:
        found.append(month)
        month = add_months(month, 1)
    return found


def half_years(engaged_on: date, ended_on: date | None, today: date) -> list[date]:
    """The ends of every half-year of an assignment a report is asked for: six months after
    it started, then every six months, up to its end; each can be sent from a month before."""
    found: list[date] = []
    n = 1
    while True:
        end = add_months(engaged_on, 6 * n)
        if end - timedelta(days=31) > today or (ended_on is not None and end - timedelta(days=183) > ended_on):
            return found
        found.append(end)
        n += 1
