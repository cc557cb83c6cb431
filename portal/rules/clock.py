"""The portal's one clock. Only this module reads the wall clock: every other module asks
`now()` for the moment and `today()` for the day, so tests can move time for all of them at
once. Dates count in Norway (Europe/Oslo), whatever the server's clock says: a deadline or
a 16th birthday turns at Norwegian midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def now() -> datetime:
    """This moment, in UTC (an aware datetime): what is stored as 'when it happened'."""
    return datetime.now(UTC)


def local_day(moment: datetime) -> date:
    """The day in Norway at this moment; a naive datetime (as SQLite gives back) is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OSLO).date()


def today() -> date:
    """The day it is in Norway now: the day every business date is counted from."""
    return local_day(now())


# How people write a day: 31.12.2027 (as Norwegians do), 2027-12-31 (a browser's date
# picker), or 31.12.27.
DAY_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")


def parse_day(text) -> date | None:
    """The day a typed date means, or None when it cannot be read."""
    for pattern in DAY_FORMATS:
        try:
            return datetime.strptime(str(text or "").strip(), pattern).date()
        except ValueError:
            continue
    return None
