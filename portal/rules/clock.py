"""The municipality's calendar day. Dates count in Norway (Europe/Oslo), whatever the
server's clock says: a deadline or a 16th birthday turns at Norwegian midnight."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def local_day(moment: datetime) -> date:
    """The day in Norway at this moment; a naive datetime (as SQLite gives back) is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(OSLO).date()


def today() -> date:
    return local_day(datetime.now(timezone.utc))
